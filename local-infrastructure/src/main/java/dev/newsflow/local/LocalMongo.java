package dev.newsflow.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB wire-protocol endpoint served by mongo-java-server with its H2 MVStore backend, so that the stored
 * articles live in one file and survive a restart. Good for local runs; production uses a real MongoDB.
 */
public final class LocalMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMongo.class);

    private final MongoServer server;
    private final String uri;

    private LocalMongo(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    public static LocalMongo start(Path directory, int port) {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Path file = directory.resolve("newsflow.mv");
        MongoServer server = new MongoServer(new HelloAnsweringH2Backend(file.toAbsolutePath().toString()));
        // No oplog: nothing here uses change streams, and with it every write also appends to the oplog, which made
        // a 500-document bulk upsert take ~2 s instead of ~0.2 s.
        server.bind("localhost", port);
        String uri = "mongodb://localhost:" + port;
        log.info("MongoDB endpoint (mongo-java-server, H2) ready at {}, data in {}", uri, file.toAbsolutePath());
        return new LocalMongo(server, uri);
    }

    public String uri() {
        return uri;
    }

    @Override
    public void close() {
        // shutdown() closes the H2 backend, which commits and closes the MVStore file.
        server.shutdown();
        log.info("MongoDB endpoint stopped");
    }
}
