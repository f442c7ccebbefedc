package com.vbp.query.config;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write buffer of a processor batch on the real embedded store: what reaches the store, when, in how many
 * commands, and in which order relative to the batch's token.
 */
class BatchWritesTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private MongoCollection<Document> store;
    private ReadModelCollection docs;
    /** The write commands sent to the store ("update", "delete", "insert"), with their number of statements. */
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> finds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(embedded.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent e) {
                        switch (e.getCommandName()) {
                            case "update" -> writes.add("update×" + e.getCommand().getArray("updates").size());
                            case "delete" -> writes.add("delete×" + e.getCommand().getArray("deletes").size());
                            case "insert" -> writes.add("insert×" + e.getCommand().getArray("documents").size());
                            case "find" -> finds.add(e.getCommand().get("filter").toString());
                            default -> { }
                        }
                    }
                }).build());
        store = client.getDatabase("vbp").getCollection("things");
        docs = new ReadModelCollection(store).preloading(p -> p instanceof String s ? "doc-" + s : null);
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    /** A token store that notes what the store held when each token was stored. */
    private final class Tokens extends InMemoryTokenStore {
        final List<List<Document>> storeAtToken = new ArrayList<>();
        final List<TrackingToken> stored = new ArrayList<>();
        /** The handlers' queries, before this store reads the documents for {@link #storeAtToken}. */
        final List<String> findsBeforeToken = new ArrayList<>();
        RuntimeException failNext;

        @Override
        public void storeToken(TrackingToken token, String processorName, int segment) {
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                throw e;
            }
            findsBeforeToken.addAll(finds);
            storeAtToken.add(store.find().into(new ArrayList<>()));
            stored.add(token);
            super.storeToken(token, processorName, segment);
        }
    }

    /**
     * Handles {@code payloads} as one batch the way Axon's tracking processor does: the token stored by a
     * prepare-commit handler registered before the first event is handled, through {@link ReadModelFirstTokenStore}.
     */
    private boolean inBatch(Tokens tokens, List<Object> payloads, Consumer<Object> handler) {
        List<EventMessage<?>> messages = payloads.stream()
                .<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
        BatchingUnitOfWork<EventMessage<?>> uow = new BatchingUnitOfWork<>(messages);
        ReadModelFirstTokenStore tokenStore = new ReadModelFirstTokenStore(tokens);
        return !uow.executeWithResult(() -> {
            if (uow.isFirstMessage()) {
                uow.onPrepareCommit(u -> tokenStore.storeToken(new GlobalSequenceTrackingToken(payloads.size()),
                        "things", 0));
            }
            handler.accept(uow.getMessage().getPayload());
            return null;
        }).isExceptional();
    }

    private static Document doc(String id, Object... fieldsAndValues) {
        Document d = new Document("_id", id);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            d.append((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return d;
    }

    private Document stored(String id) {
        return store.find(eq("_id", id)).first();
    }

    @Test
    void outside_a_unit_of_work_every_call_writes_through_at_once() {
        docs.replace(doc("a", "n", 1, "lines", new ArrayList<>(List.of(doc("l0", "s", "OPEN"), doc("l1", "s", "OPEN")))));
        assertThat(stored("a").getInteger("n")).isEqualTo(1);

        Document a = docs.find("a");
        a.getList("lines", Document.class).get(1).put("s", "DONE");
        docs.set(a, "lines.1.s");
        assertThat(stored("a").getList("lines", Document.class).get(1).getString("s")).isEqualTo("DONE");

        docs.delete("a");
        assertThat(stored("a")).isNull();
        assertThat(writes).containsExactly("update×1", "update×1", "delete×1");
    }

    @Test
    void a_batch_writes_nothing_until_its_token_is_stored_and_its_documents_before_the_token() {
        Tokens tokens = new Tokens();
        List<Long> countDuringBatch = new ArrayList<>();

        boolean committed = inBatch(tokens, List.of("x", "y", "z"), p -> {
            Document d = docs.find("doc-" + p);
            docs.replace(d == null ? doc("doc-" + p, "seen", 1) : d.append("seen", 2));
            countDuringBatch.add(store.countDocuments());
        });

        assertThat(committed).isTrue();
        assertThat(countDuringBatch).as("nothing written while the batch is handled").containsExactly(0L, 0L, 0L);
        assertThat(tokens.stored).containsExactly(new GlobalSequenceTrackingToken(3));
        assertThat(tokens.storeAtToken.get(0)).as("the store when the token was stored").extracting(d -> d.get("_id"))
                .containsExactly("doc-x", "doc-y", "doc-z");
        assertThat(writes).as("one bulk write").containsExactly("update×3");
        assertThat(tokens.findsBeforeToken).as("the batch's documents read in one query").hasSize(1);
    }

    @Test
    void several_events_on_one_document_make_one_write_of_its_last_state() {
        store.insertOne(doc("doc-h", "lines", List.of(doc("l0", "s", "OPEN"), doc("l1", "s", "OPEN"),
                doc("l2", "s", "OPEN"), doc("l3", "s", "OPEN")), "winners", "a large part nobody changes"));
        writes.clear();
        finds.clear();

        Tokens tokens = new Tokens();
        inBatch(tokens, List.of("1", "3", "1"), line -> {
            Document d = docs.find("doc-h");
            int i = Integer.parseInt((String) line);
            Document l = d.getList("lines", Document.class).get(i);
            l.put("s", l.getString("s").equals("OPEN") ? "SAVED" : "CONFIRMED");
            docs.set(d, "lines." + i + ".s");
        });

        assertThat(writes).containsExactly("update×1");
        assertThat(tokens.findsBeforeToken).hasSize(1);
        assertThat(stored("doc-h").getList("lines", Document.class)).extracting(l -> l.getString("s"))
                .containsExactly("OPEN", "CONFIRMED", "OPEN", "SAVED");
        assertThat(stored("doc-h").getString("winners")).isEqualTo("a large part nobody changes");
    }

    @Test
    void a_document_only_read_is_not_written_and_a_replace_after_a_set_writes_the_whole_document() {
        store.insertOne(doc("doc-r", "v", 1));
        store.insertOne(doc("doc-w", "v", 1, "w", 1));
        writes.clear();

        inBatch(new Tokens(), List.of("r", "w"), p -> {
            Document d = docs.find("doc-" + p);
            if (p.equals("w")) {
                docs.set(d.append("v", 2), "v");
                docs.replace(doc("doc-w", "v", 3));
            }
        });

        assertThat(writes).containsExactly("update×1");
        assertThat(stored("doc-w")).isEqualTo(doc("doc-w", "v", 3));
        assertThat(stored("doc-r")).isEqualTo(doc("doc-r", "v", 1));
    }

    @Test
    void lower_stages_are_written_first_whatever_order_the_handlers_used() {
        List<String> order = new CopyOnWriteArrayList<>();
        client.close();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(embedded.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent e) {
                        if (e.getCommandName().equals("update")) {
                            order.add(e.getCommand().getString("update").getValue());
                        }
                    }
                }).build());
        ReadModelCollection l = new ReadModelCollection(client.getDatabase("vbp").getCollection("last")).inStage(2);
        ReadModelCollection f = new ReadModelCollection(client.getDatabase("vbp").getCollection("first")).inStage(1);

        inBatch(new Tokens(), List.of("e"), p -> {
            l.replace(doc("1"));
            f.replace(doc("1"));
        });

        assertThat(order).containsExactly("first", "last");
    }

    @Test
    void a_failed_batch_writes_nothing_and_its_token_is_not_stored() {
        Tokens tokens = new Tokens();

        boolean committed = inBatch(tokens, List.of("a", "b"), p -> {
            docs.replace(doc("doc-" + p));
            if (p.equals("b")) {
                throw new IllegalStateException("a handler fails");
            }
        });

        assertThat(committed).isFalse();
        assertThat(store.countDocuments()).isZero();
        assertThat(tokens.stored).isEmpty();
    }

    @Test
    void a_crash_between_the_documents_and_the_token_is_repaired_by_handling_the_batch_again() {
        store.insertOne(doc("doc-h", "n", 0, "lines", List.of(doc("l0", "v", 0), doc("l1", "v", 0))));
        Consumer<Object> setLine = p -> {
            // absolute values: line i of the event is set to 10·i, n to the number of the event
            String[] parts = ((String) p).split(":");
            Document d = docs.find("doc-h");
            d.getList("lines", Document.class).get(Integer.parseInt(parts[0])).put("v", 10 * Integer.parseInt(parts[0]));
            d.put("n", Integer.parseInt(parts[1]));
            docs.set(d, "lines." + parts[0] + ".v", "n");
        };
        List<Object> batch = List.of("0:1", "1:2");
        Tokens tokens = new Tokens();
        tokens.failNext = new IllegalStateException("the JVM dies after the documents, before the token");

        boolean first = inBatch(tokens, batch, setLine);
        Document afterCrash = stored("doc-h");
        boolean again = inBatch(tokens, batch, setLine);

        assertThat(first).isFalse();
        assertThat(afterCrash.getInteger("n")).as("the documents were written before the token").isEqualTo(2);
        assertThat(again).isTrue();
        assertThat(stored("doc-h")).isEqualTo(afterCrash);
        assertThat(tokens.stored).containsExactly(new GlobalSequenceTrackingToken(2));
    }

    @Test
    void the_embedded_store_sets_a_field_of_a_list_element_by_a_dotted_path() {
        store.insertOne(doc("p", "pending", List.of(doc("l0", "status", "OPEN"), doc("l1", "status", "OPEN"),
                doc("l2", "status", "OPEN"), doc("l3", "status", "OPEN"))));

        store.updateOne(eq("_id", "p"), new Document("$set", new Document("pending.3.status", "SAVED")
                .append("pending.1", doc("l1", "status", "CONFIRMED"))));

        assertThat(stored("p").getList("pending", Document.class)).extracting(l -> l.getString("status"))
                .containsExactly("OPEN", "CONFIRMED", "OPEN", "SAVED");
    }

    @Test
    void outside_a_batch_after_flush_work_runs_at_once_and_in_a_batch_after_the_documents_are_written() {
        List<Long> seen = new ArrayList<>();
        BatchWrites.afterFlush(() -> seen.add(store.countDocuments()));
        inBatch(new Tokens(), List.of("a"), p -> {
            docs.replace(doc("doc-a"));
            BatchWrites.afterFlush(() -> seen.add(store.countDocuments()));
        });
        assertThat(seen).containsExactly(0L, 1L);
    }
}
