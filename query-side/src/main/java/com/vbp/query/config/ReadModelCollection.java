package com.vbp.query.config;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * A read-model collection as event handlers write it: through the current batch's {@link BatchWrites}, by
 * {@code _id}. Documents are read, changed in place and handed back ({@link #replace}, {@link #set},
 * {@link #delete}); outside a batch each call goes to the store at once. Queries of other filters than {@code _id}
 * go to {@link #collection()} and do not see a batch's writes until it is flushed.
 * <p>
 * The stage orders the writes of one batch across collections (lower first), for read models whose crash safety
 * rests on the order of their writes; the id function names, for an event payload, the document of this
 * collection it will read, so the batch's first read loads them all in one query.
 */
public final class ReadModelCollection {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> collection;
    private final int stage;
    private final Function<Object, String> idOf;

    public ReadModelCollection(MongoCollection<Document> collection) {
        this(collection, 0, e -> null);
    }

    private ReadModelCollection(MongoCollection<Document> collection, int stage, Function<Object, String> idOf) {
        this.collection = collection;
        this.stage = stage;
        this.idOf = idOf;
    }

    /** The same collection written in the given stage of a batch's flush (a separate bulk write). */
    public ReadModelCollection inStage(int stage) {
        return new ReadModelCollection(collection, stage, idOf);
    }

    /** The same collection, loading at a batch's first read the documents {@code idOf} names for its events. */
    public ReadModelCollection preloading(Function<Object, String> idOf) {
        return new ReadModelCollection(collection, stage, idOf);
    }

    public MongoCollection<Document> collection() {
        return collection;
    }

    int stage() {
        return stage;
    }

    String idOf(Object payload) {
        return idOf.apply(payload);
    }

    /** The document with this {@code _id} as the batch has it, or null. */
    public Document find(String id) {
        BatchWrites b = BatchWrites.current();
        return b == null ? collection.find(eq("_id", id)).first() : b.find(this, id);
    }

    /** The documents of these ids that exist, by id, read in one query for those the batch does not hold yet. */
    public Map<String, Document> findAll(Collection<String> ids) {
        BatchWrites b = BatchWrites.current();
        if (b != null) {
            return b.findAll(this, ids);
        }
        Map<String, Document> found = new HashMap<>();
        if (!ids.isEmpty()) {
            collection.find(in("_id", List.copyOf(ids))).forEach(d -> found.put(d.getString("_id"), d));
        }
        Map<String, Document> ordered = new LinkedHashMap<>();
        ids.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
        return ordered;
    }

    /** The whole document, created if there is none. */
    public void replace(Document doc) {
        BatchWrites b = BatchWrites.current();
        if (b == null) {
            collection.replaceOne(eq("_id", doc.get("_id")), doc, UPSERT);
        } else {
            b.replace(this, doc);
        }
    }

    /**
     * Of an existing document changed in place, only these dotted paths ({@code pending.3}, {@code reported})
     * are written, with their values in {@code doc} when the batch is written.
     */
    public void set(Document doc, String... paths) {
        BatchWrites b = BatchWrites.current();
        if (b == null) {
            Document set = new Document();
            for (String p : paths) {
                set.append(p, BatchWrites.valueAt(doc, p));
            }
            collection.updateOne(eq("_id", doc.get("_id")), new Document("$set", set));
        } else {
            b.set(this, doc, List.of(paths));
        }
    }

    public void delete(String id) {
        BatchWrites b = BatchWrites.current();
        if (b == null) {
            collection.deleteOne(eq("_id", id));
        } else {
            b.delete(this, id);
        }
    }
}
