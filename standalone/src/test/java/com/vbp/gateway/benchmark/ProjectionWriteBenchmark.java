package com.vbp.gateway.benchmark;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.standalone.demo.DemoData;
import com.vbp.standalone.demo.DemoDataGenerator;
import com.vbp.query.allocation.AllocationLinesProjection;
import com.vbp.query.allocation.AllocationSummaryProjection;
import com.vbp.query.allocation.ReportListProjection;
import com.vbp.query.config.EmbeddedMongo;
import com.vbp.query.config.ReadModelFirstTokenStore;
import com.vbp.query.procurement.SupplyListProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static com.mongodb.client.model.Filters.eq;

/**
 * What the hot projections cost per event on the embedded store, handled one event at a time with every read and
 * write its own round trip (as the projections wrote before batch writes, and still do outside a processor batch)
 * and in processor batches of {@code bench.batch} events through {@link com.vbp.query.config.BatchWrites}, beside
 * the raw rate of single replaces of a document of the same size on the same store in the same run. Prints
 * milliseconds per event and round trips (commands sent to the store) per batch of {@code bench.batch} events.
 */
@Tag("benchmark")
class ProjectionWriteBenchmark {

    private static final int INSTITUTIONS = Integer.getInteger("bench.write.institutions", 500);
    private static final int BATCH = Integer.getInteger("bench.batch", 100);
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private final AtomicLong commands = new AtomicLong();

    @Test
    void the_hot_projections_one_event_at_a_time_and_in_batches() throws Exception {
        DemoData data = DemoDataGenerator.generate(42, INSTITUTIONS, 20);
        List<Object> registrations = new ArrayList<>();
        List<Object> confirmations = new ArrayList<>();
        SummaryWriteBenchmark.events(data, registrations, confirmations);
        CatalogueImported catalogue = new CatalogueImported("BENCH",
                data.catalogue().stream().map(CatalogueRow::product).toList(), "bench", AT);
        Map<String, Function<MongoDatabase, Object>> projections = new LinkedHashMap<>();
        projections.put("allocation lines", AllocationLinesProjection::new);
        projections.put("report list", ReportListProjection::new);
        projections.put("summaries", AllocationSummaryProjection::new);
        projections.put("supply list", SupplyListProjection::new);

        try (EmbeddedMongo embedded = new EmbeddedMongo(dataDir);
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(embedded.connectionString()))
                     .addCommandListener(new CommandListener() {
                         @Override
                         public void commandStarted(CommandStartedEvent event) {
                             commands.incrementAndGet();
                         }
                     }).build())) {
            Document sample = sample(client.getDatabase("scratch"), registrations.get(0));
            System.out.printf("BENCH raw store: %.3f ms per replace of a %,d-character document (one round trip "
                            + "each)%n", rawReplace(client.getDatabase("raw"), sample, registrations.size()),
                    sample.toJson().length());
            for (Map.Entry<String, Function<MongoDatabase, Object>> p : projections.entrySet()) {
                for (boolean batched : new boolean[]{false, true}) {
                    MongoDatabase db = client.getDatabase((batched ? "batched-" : "single-") + p.getKey().replace(' ', '-'));
                    AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(p.getValue().apply(db));
                    handle(projection, List.of(catalogue), false);
                    for (List<Object> phase : List.of(registrations, confirmations)) {
                        commands.set(0);
                        long t = System.nanoTime();
                        handle(projection, phase, batched);
                        double ms = (System.nanoTime() - t) / 1e6 / phase.size();
                        double perBatch = commands.get() * (double) BATCH / phase.size();
                        System.out.printf("BENCH %-16s %-13s %-10s %,6d events: %.3f ms per event, %.1f round trips "
                                        + "per %d events%n", p.getKey(), phase == registrations ? "registrations"
                                        : "confirmations", batched ? "batched" : "one by one", phase.size(), ms,
                                perBatch, BATCH);
                    }
                }
            }
        }
    }

    /** Events one by one outside a unit of work, or in batches the way the tracking processor runs them. */
    private static void handle(AnnotationEventHandlerAdapter projection, List<Object> events, boolean batched)
            throws Exception {
        if (!batched) {
            for (Object e : events) {
                projection.handle(GenericEventMessage.asEventMessage(e));
            }
            return;
        }
        ReadModelFirstTokenStore tokens = new ReadModelFirstTokenStore(new InMemoryTokenStore());
        for (int from = 0; from < events.size(); from += BATCH) {
            List<EventMessage<?>> batch = events.subList(from, Math.min(events.size(), from + BATCH)).stream()
                    .<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
            BatchingUnitOfWork<EventMessage<?>> uow = new BatchingUnitOfWork<>(batch);
            long position = from + batch.size();
            var result = uow.executeWithResult(() -> {
                if (uow.isFirstMessage()) {
                    uow.onPrepareCommit(u -> tokens.storeToken(new GlobalSequenceTrackingToken(position), "bench", 0));
                }
                return projection.handle(uow.getMessage());
            });
            if (result.isExceptional()) {
                throw new IllegalStateException(result.exceptionResult());
            }
        }
    }

    /** Milliseconds per single replace of {@code sample} (under changing ids), one round trip each. */
    private static double rawReplace(MongoDatabase db, Document sample, int count) {
        MongoCollection<Document> c = db.getCollection("raw");
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        for (int i = 0; i < 200; i++) {
            c.replaceOne(eq("_id", "warm" + i), new Document(sample).append("_id", "warm" + i), upsert);
        }
        long t = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = "doc" + (i % 1000);
            c.replaceOne(eq("_id", id), new Document(sample).append("_id", id).append("n", i), upsert);
        }
        return (System.nanoTime() - t) / 1e6 / count;
    }

    /** One registered institution's allocation-lines document, the largest document the hot projections write. */
    private static Document sample(MongoDatabase scratch, Object registration) throws Exception {
        new AnnotationEventHandlerAdapter(new AllocationLinesProjection(scratch))
                .handle(GenericEventMessage.asEventMessage(registration));
        return scratch.getCollection("allocation_lines").find().first();
    }
}
