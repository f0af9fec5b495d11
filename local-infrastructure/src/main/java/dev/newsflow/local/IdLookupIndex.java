package dev.newsflow.local;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * mongo-java-server's {@code _id} index, also used for queries that name one {@code _id} plus other conditions,
 * such as {@code {_id: x, version: {$lte: 3}}}.
 *
 * <p>The server uses an index only when a query has exactly the index's keys, so every conditional write of the
 * services (by id and version or revision) scanned the whole collection, and got slower with every article
 * stored. MongoDB itself looks such a document up by {@code _id}; this does the same. The positions found are
 * still matched against the whole query by the server, so the results are those of a scan.
 */
final class IdLookupIndex<P> extends Index<P> {

    private static final String ID = "_id";

    private final Index<P> ids;

    IdLookupIndex(Index<P> ids) {
        super(ids.getName(), ids.getKeys(), false);
        this.ids = ids;
    }

    /** Whether {@code index} is an {@code _id} index this can stand in for. */
    static boolean isIdIndex(Index<?> index) {
        return index.getKeys().size() == 1 && index.getKeys().get(0).getKey().equals(ID);
    }

    @Override
    public boolean canHandle(Document query) {
        if (ids.canHandle(query)) {
            return true;
        }
        if (query.size() < 2 || !query.containsKey(ID)) {
            return false;
        }
        Document byId = new Document(ID, query.get(ID));
        return ids.canHandle(byId);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return ids.getPositions(ids.canHandle(query) ? query : new Document(ID, query.get(ID)));
    }

    @Override
    public P getPosition(Document document) {
        return ids.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        ids.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        ids.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return ids.remove(document);
    }

    @Override
    public long getCount() {
        return ids.getCount();
    }

    @Override
    public boolean isEmpty() {
        return ids.isEmpty();
    }

    @Override
    public long getDataSize() {
        return ids.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        ids.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        ids.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        ids.drop();
    }

    @Override
    public boolean isUnique() {
        return ids.isUnique();
    }

    @Override
    public boolean hasSameOptions(Index<?> other) {
        return ids.hasSameOptions(other instanceof IdLookupIndex<?> lookup ? lookup.ids : other);
    }

    @Override
    public Document toIndexDescription() {
        return ids.toIndexDescription();
    }
}
