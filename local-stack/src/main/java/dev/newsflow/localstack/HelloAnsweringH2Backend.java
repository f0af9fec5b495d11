package dev.newsflow.localstack;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, also answering {@code hello} (MongoDB 5+'s name for {@code isMaster}),
 * which Spring Boot's MongoDB health indicator sends; without it the services would report DOWN locally.
 */
final class HelloAnsweringH2Backend extends H2Backend {

    HelloAnsweringH2Backend(String file) {
        super(file);
    }

    /** On {@code store}, e.g. an in-memory {@code MVStore.open(null)}. */
    HelloAnsweringH2Backend(MVStore store) {
        super(store);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (command.equalsIgnoreCase("hello")) {
            Document answer = super.handleCommand(channel, database, "isMaster", query);
            answer.put("isWritablePrimary", Boolean.TRUE);
            return answer;
        }
        return super.handleCommand(channel, database, command, query);
    }
}
