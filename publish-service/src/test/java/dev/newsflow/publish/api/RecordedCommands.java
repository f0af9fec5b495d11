package dev.newsflow.publish.api;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The commands this service's MongoDB clients send. */
@TestConfiguration(proxyBeanMethods = false)
class RecordedCommands {

    static final Queue<BsonDocument> commands = new ConcurrentLinkedQueue<>();

    @Bean
    MongoClientSettingsBuilderCustomizer recordCommands() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommand().clone());
            }
        });
    }
}
