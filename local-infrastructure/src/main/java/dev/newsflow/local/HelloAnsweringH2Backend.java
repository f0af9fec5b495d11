package dev.newsflow.local;

import java.util.List;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend, also answering {@code hello} ({@link HelloCommand}). Queries by {@code _id}
 * plus other conditions use the {@code _id} index ({@link IdLookupIndex}) instead of a scan.
 */
public final class HelloAnsweringH2Backend extends H2Backend {

    HelloAnsweringH2Backend(String file) {
        super(file);
    }

    /** On {@code store}, e.g. an in-memory {@code MVStore.open(null)}. */
    public HelloAnsweringH2Backend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new H2Database(name, getMvStore(), getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys, boolean sparse) {
                Index<Object> opened = super.openOrCreateUniqueIndex(collection, index, keys, sparse);
                return IdLookupIndex.isIdIndex(opened) ? new IdLookupIndex<>(opened) : opened;
            }
        };
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return HelloCommand.handle(command, name -> super.handleCommand(channel, database, name, query));
    }
}
