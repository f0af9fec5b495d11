package dev.newsflow.local;

import java.util.function.Function;

import de.bwaldvogel.mongo.bson.Document;

/**
 * {@code hello}, MongoDB 5+'s name for {@code isMaster}, for mongo-java-server's backends, which know only the old
 * name. Spring Boot's MongoDB health indicator sends it; unanswered, the services would report DOWN locally.
 */
public final class HelloCommand {

    private HelloCommand() {
    }

    /** {@code command} as {@code backend} (a backend's own command handling, by command name) answers it, {@code hello} included. */
    public static Document handle(String command, Function<String, Document> backend) {
        if (!command.equalsIgnoreCase("hello")) {
            return backend.apply(command);
        }
        Document answer = backend.apply("isMaster");
        answer.put("isWritablePrimary", Boolean.TRUE);
        return answer;
    }
}
