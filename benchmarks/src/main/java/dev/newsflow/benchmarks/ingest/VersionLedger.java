package dev.newsflow.benchmarks.ingest;

import java.nio.file.Path;
import java.util.Arrays;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import dev.newsflow.local.HelloAnsweringH2Backend;
import dev.newsflow.local.HelloCommand;
import dev.newsflow.local.LocalMongo;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where ingest's version ledger lives: mongo-java-server on its H2 backend (in a file, as the local stack runs
 * it, or in memory), or on its memory backend, the cheapest stand-in for a MongoDB on its own machine: the H2
 * backend serialises index keys with Java serialisation for every comparison.
 */
interface VersionLedger extends AutoCloseable {

    enum Kind {
        H2_FILE("h2-file", "mongo-java-server 1.47, H2 MVStore backend in a file (as the local stack runs it)"),
        H2_MEMORY("h2-memory", "mongo-java-server 1.47, H2 MVStore backend in memory"),
        MEMORY("memory", "mongo-java-server 1.47, memory backend (the default)");

        private final String option;
        private final String description;

        Kind(String option, String description) {
            this.option = option;
            this.description = description;
        }

        String description() {
            return description;
        }

        @Override
        public String toString() {
            return option;
        }
    }

    /** {@code --ledger=h2-file}: the option's spelling, not the constant's. */
    final class KindConverter implements ITypeConverter<Kind> {

        @Override
        public Kind convert(String value) {
            return Arrays.stream(Kind.values()).filter(kind -> kind.option.equals(value)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("expected one of " + Arrays.toString(Kind.values())));
        }
    }

    String uri();

    @Override
    void close();

    static VersionLedger start(Kind kind, Path directory, int port) {
        if (kind == Kind.H2_FILE) {
            LocalMongo mongo = LocalMongo.start(directory, port);
            return new VersionLedger() {
                public String uri() {
                    return mongo.uri();
                }

                public void close() {
                    mongo.close();
                }
            };
        }
        MongoServer server = new MongoServer(kind == Kind.MEMORY ? new HelloAnsweringMemoryBackend()
                : new HelloAnsweringH2Backend(MVStore.open(null)));
        server.bind("localhost", port);
        return new VersionLedger() {
            public String uri() {
                return "mongodb://localhost:" + port;
            }

            public void close() {
                server.shutdown();
            }
        };
    }

    /** mongo-java-server's in-memory backend, also answering {@code hello} ({@link HelloCommand}). */
    final class HelloAnsweringMemoryBackend extends MemoryBackend {

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            return HelloCommand.handle(command, name -> super.handleCommand(channel, database, name, query));
        }
    }
}
