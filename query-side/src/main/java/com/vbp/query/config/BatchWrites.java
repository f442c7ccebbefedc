package com.vbp.query.config;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * The read-model writes of one event-processing batch, held in memory until the batch ends and then written
 * with one {@code bulkWrite} per collection (and stage), before the batch's token.
 * <p>
 * A handler reads a document through its {@link ReadModelCollection}: the batch's version when it has one,
 * otherwise the store's by {@code _id} (the first read of a collection in a batch also loads, in one query, the
 * documents every other event of the batch will need). It changes the document and hands it back: replaced
 * whole, a few paths {@code $set}, or deleted. Several events on one document make one write of its last state;
 * documents only read are not written. Values stay absolute, so a batch handled again writes the same documents.
 * <p>
 * <b>Order.</b> The buffer is a resource of the processor's unit of work (one per batch and thread). Axon's
 * tracking processor stores the batch's token in a prepare-commit handler registered before the handlers run,
 * so the flush cannot be a later prepare-commit handler: {@link ReadModelFirstTokenStore} flushes the buffer when
 * the token is stored, then stores it. The read model is therefore written before its token, in the same store;
 * the embedded store persists writes in the order they were made (an MVStore commit after the batch and every
 * 200 ms persists everything written before it), so after a crash a token is never durable ahead of its read
 * model, and a batch whose token was lost is handled again onto documents it may already have written. A failed
 * batch rolls back its unit of work and its buffer with it: nothing of it was written.
 * <p>
 * Outside a unit of work (handlers called directly, reset handlers) every call writes through at once.
 */
public final class BatchWrites {

    private static final String RESOURCE = BatchWrites.class.getName();
    private static final BulkWriteOptions IN_ORDER = new BulkWriteOptions().ordered(true);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private enum Change { NONE, REPLACE, SET, DELETE }

    /** A document as this batch knows it ({@code doc} null: there is none) and what is to be written of it. */
    private static final class Slot {
        Document doc;
        Change change = Change.NONE;
        final Set<String> paths = new LinkedHashSet<>();

        Slot(Document doc) {
            this.doc = doc;
        }
    }

    /** One collection's (and stage's) documents of this batch, in first-use order. */
    private static final class Pending {
        final Map<String, Slot> slots = new LinkedHashMap<>();
        boolean preloaded;
    }

    private final UnitOfWork<?> unitOfWork;
    private final Map<ReadModelCollection, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Runnable> beforeFlush = new LinkedHashMap<>();
    private final Map<String, Object> state = new HashMap<>();
    private final List<Runnable> afterFlush = new ArrayList<>();

    private BatchWrites(UnitOfWork<?> unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    /**
     * The buffer of the batch being handled on this thread, or null outside an event's unit of work (or once it
     * is past its prepare-commit phase, when nothing would flush it any more).
     */
    static BatchWrites current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        BatchWrites existing = root.getResource(RESOURCE);
        if (existing != null) {
            return existing;
        }
        if (root.phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT) || !(root.getMessage() instanceof EventMessage)) {
            return null; // a query's or command's unit of work reads and writes the store directly
        }
        BatchWrites created = new BatchWrites(root);
        root.resources().put(RESOURCE, created);
        // Whatever else commits the unit of work (a processor that stores no token, a test), its writes are made.
        root.onPrepareCommit(u -> created.flush());
        return created;
    }

    /** Writes the current batch's buffered documents now, if there is a batch with any; see the class comment. */
    public static void flushCurrent() {
        if (CurrentUnitOfWork.isStarted()) {
            BatchWrites b = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (b != null) {
                b.flush();
            }
        }
    }

    /**
     * Runs {@code work} once, when the batch is about to be written (at once outside a batch); registering the
     * same {@code key} again in the batch keeps the first. For work that is cheaper once per batch than per event.
     */
    public static void beforeFlush(String key, Runnable work) {
        BatchWrites b = current();
        if (b == null) {
            work.run();
        } else {
            b.beforeFlush.putIfAbsent(key, work);
        }
    }

    /** Runs {@code work} once the batch's documents are written (at once outside a batch), e.g. to drop a cache. */
    public static void afterFlush(Runnable work) {
        BatchWrites b = current();
        if (b == null) {
            work.run();
        } else {
            b.afterFlush.add(work);
        }
    }

    /**
     * A value kept for the rest of the batch under {@code key} (a fresh one from {@code initial} in every batch),
     * or a fresh one on every call outside a batch.
     */
    @SuppressWarnings("unchecked")
    public static <T> T batchState(String key, java.util.function.Supplier<T> initial) {
        BatchWrites b = current();
        return b == null ? initial.get() : (T) b.state.computeIfAbsent(key, k -> initial.get());
    }

    // ---- used by ReadModelCollection ------------------------------------------------------------------------

    Document find(ReadModelCollection target, String id) {
        Pending p = pending(target);
        Slot slot = p.slots.get(id);
        if (slot == null) {
            load(target, p, List.of(id));
            slot = p.slots.get(id);
        }
        return slot.doc;
    }

    Map<String, Document> findAll(ReadModelCollection target, Collection<String> ids) {
        Pending p = pending(target);
        load(target, p, ids);
        Map<String, Document> found = new LinkedHashMap<>();
        for (String id : ids) {
            Document d = p.slots.get(id).doc;
            if (d != null) {
                found.put(id, d);
            }
        }
        return found;
    }

    void replace(ReadModelCollection target, Document doc) {
        Slot slot = slot(target, doc.getString("_id"));
        slot.doc = doc;
        slot.change = Change.REPLACE;
        slot.paths.clear();
    }

    void set(ReadModelCollection target, Document doc, Collection<String> paths) {
        Slot slot = slot(target, doc.getString("_id"));
        slot.doc = doc;
        if (slot.change == Change.REPLACE || slot.change == Change.DELETE) {
            // created, replaced or deleted earlier in this batch: the whole document is what the store must get
            slot.change = Change.REPLACE;
            return;
        }
        slot.change = Change.SET;
        for (String path : paths) {
            if (slot.paths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "."))) {
                continue; // a path above it is written whole
            }
            slot.paths.removeIf(p -> p.startsWith(path + "."));
            slot.paths.add(path);
        }
    }

    void delete(ReadModelCollection target, String id) {
        Slot slot = slot(target, id);
        slot.doc = null;
        slot.change = Change.DELETE;
        slot.paths.clear();
    }

    /** Writes every changed document: one ordered bulk write per collection and stage, lower stages first. */
    void flush() {
        while (!beforeFlush.isEmpty()) {
            List<Runnable> work = new ArrayList<>(beforeFlush.values());
            beforeFlush.clear();
            work.forEach(Runnable::run);
        }
        List<Map.Entry<ReadModelCollection, Pending>> targets = new ArrayList<>(pending.entrySet());
        targets.sort(Comparator.comparingInt(t -> t.getKey().stage())); // stable: first use within a stage
        for (Map.Entry<ReadModelCollection, Pending> t : targets) {
            List<WriteModel<Document>> writes = new ArrayList<>();
            t.getValue().slots.forEach((id, slot) -> {
                WriteModel<Document> w = write(id, slot);
                if (w != null) {
                    writes.add(w);
                }
                slot.change = Change.NONE;
                slot.paths.clear();
            });
            if (!writes.isEmpty()) {
                t.getKey().collection().bulkWrite(writes, IN_ORDER);
            }
        }
        List<Runnable> after = new ArrayList<>(afterFlush);
        afterFlush.clear();
        after.forEach(Runnable::run);
    }

    private static WriteModel<Document> write(String id, Slot slot) {
        return switch (slot.change) {
            case NONE -> null;
            case REPLACE -> new ReplaceOneModel<>(eq("_id", id), slot.doc, UPSERT);
            case DELETE -> new DeleteOneModel<>(eq("_id", id));
            case SET -> {
                Document set = new Document();
                slot.paths.forEach(p -> set.append(p, valueAt(slot.doc, p)));
                yield new UpdateOneModel<>(eq("_id", id), new Document("$set", set));
            }
        };
    }

    /** The value at a dotted path ({@code pending.3.status}): field names of documents, indexes of lists. */
    static Object valueAt(Document doc, String path) {
        Object at = doc;
        for (String part : path.split("\\.")) {
            if (at instanceof Map<?, ?> m) {
                at = m.get(part);
            } else if (at instanceof List<?> l) {
                at = l.get(Integer.parseInt(part));
            } else {
                throw new IllegalArgumentException("No " + path + " in " + doc.get("_id"));
            }
        }
        return at;
    }

    private Pending pending(ReadModelCollection target) {
        return pending.computeIfAbsent(target, t -> new Pending());
    }

    private Slot slot(ReadModelCollection target, String id) {
        Objects.requireNonNull(id, "a read-model document needs a string _id");
        return pending(target).slots.computeIfAbsent(id, k -> new Slot(null));
    }

    /** Loads the documents not known yet, with (the first time) those the rest of the batch will ask for. */
    private void load(ReadModelCollection target, Pending p, Collection<String> ids) {
        Set<String> wanted = new LinkedHashSet<>();
        ids.stream().filter(id -> !p.slots.containsKey(id)).forEach(wanted::add);
        if (!p.preloaded) {
            p.preloaded = true;
            if (!wanted.isEmpty()) {
                for (Object payload : payloads()) {
                    String id = target.idOf(payload);
                    if (id != null && !p.slots.containsKey(id)) {
                        wanted.add(id);
                    }
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Map<String, Document> found = new HashMap<>();
        target.collection().find(wanted.size() == 1 ? eq("_id", wanted.iterator().next()) : in("_id", wanted))
                .forEach(d -> found.put(d.getString("_id"), d));
        wanted.forEach(id -> p.slots.put(id, new Slot(found.get(id))));
    }

    private List<Object> payloads() {
        List<Object> payloads = new ArrayList<>();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            batch.getMessages().forEach(m -> payloads.add(((Message<?>) m).getPayload()));
        } else if (unitOfWork.getMessage() != null) {
            payloads.add(unitOfWork.getMessage().getPayload());
        }
        return payloads;
    }
}
