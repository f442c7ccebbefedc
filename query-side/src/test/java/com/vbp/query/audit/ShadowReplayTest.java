package com.vbp.query.audit;

import com.vbp.query.support.H2EventStore;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.audit.ProjectionReplayCommands.FetchReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStartOutcome;
import com.vbp.events.audit.ProjectionReplayCommands.StartReplay;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementQueries.FetchSupplyList;
import com.vbp.events.procurement.ProcurementQueries.SupplyListPage;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.QuerySideApplication;
import com.vbp.query.procurement.SupplyListProjection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay of the supply list on a query side of its own (in-memory MongoDB-wire store and JDBC event store): the
 * read model is rebuilt beside the live one, which keeps answering and projecting new events until the switch; after
 * it the rebuilt one is in place, equal to what the live one would hold; a replay whose shadow fails leaves the live
 * read model as it was and drops the shadow.
 */
class ShadowReplayTest {

    private static final String SUPPLY = SupplyListProjection.GROUP;
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");
    private static final WinningProduct D11 = new WinningProduct("G1", "G1组名", "D11", "品种D11", "片剂", "每片0.25g",
            "甲制药", Money.of("12"), 24, "片", DailyUsage.of("3"), Percentage.of("30"), Volume.of(1_000_000));

    private MongoServer mongo;
    private ConfigurableApplicationContext app;
    private MongoDatabase db;
    private int registered;

    @BeforeEach
    void start() {
        mongo = new MongoServer(H2Backend.inMemory());
        app = new SpringApplicationBuilder(QuerySideApplication.class, H2EventStore.class)
                .web(WebApplicationType.NONE)
                .run("--spring.main.banner-mode=off", "--spring.config.name=none",
                        "--axon.axonserver.enabled=false",
                        "--axon.serializer.general=jackson", "--axon.serializer.events=jackson",
                        "--axon.serializer.messages=jackson",
                        "--test.event-store-url=jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--app.mongodb.uri=" + mongo.bindAndGetConnectionString(), "--app.mongodb.database=vbp-replay",
                        "--app.startup.connect-timeout=PT5S", "--app.projections.batch-size=20");
        db = app.getBean(MongoDatabase.class);
        publish("catalogue-B1", new CatalogueImported("B1", List.of(D11), "admin", AT));
        for (int i = 0; i < 150; i++) {
            register();
        }
        awaitTrue(() -> supplyRows() == registered, "the live projection has every institution");
    }

    @AfterEach
    void stop() {
        app.close();
        mongo.shutdownNow();
    }

    @Test
    void while_the_shadow_is_built_readers_see_the_live_figures_and_new_events_then_the_rebuilt_model_is_switched_in()
            throws Exception {
        List<Document> before = documents("supply_list");
        CountDownLatch release = new CountDownLatch(1);
        Registration hold = holdOnReplayThread(release::await);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                register();
                sleep(5);
            }
        });
        try {
            assertThat(handler().handle(new StartReplay(SUPPLY, "admin")).outcome()).isEqualTo(ReplayStartOutcome.STARTED);
            awaitTrue(() -> db.listCollectionNames().into(new ArrayList<>()).contains("supply_list__replay"),
                    "the shadow collection is there");
            ReplayProgress running = progress();
            assertThat(running.replaying()).isTrue();
            assertThat(running.done()).isFalse();
            assertThat(running.positionReached()).isLessThan(running.resetPosition());

            assertThat(supplyRows()).as("readers see the live figures, not an empty list").isEqualTo(150);
            assertThat(documents("supply_list")).isEqualTo(before);
            int now = registered;
            register();
            awaitTrue(() -> supplyRows() == now + 1, "the live projection goes on with new events meanwhile");
            writer.start();
        } finally {
            release.countDown();
        }
        ReplayProgress done = awaitFinished();
        writing.set(false);
        writer.join();
        hold.cancel();

        assertThat(done.done()).as(done.toString()).isTrue();
        assertThat(done.error()).isFalse();
        assertThat(done.positionReached()).isGreaterThanOrEqualTo(done.resetPosition());
        assertThat(db.listCollectionNames().into(new ArrayList<>())).noneMatch(c -> c.endsWith("__replay"));
        awaitTrue(() -> supplyRows() == registered, "after the switch the live processor projects the rest");
        List<Document> after = documents("supply_list");
        assertThat(after).hasSize(registered);
        assertThat(after).containsAll(before);
        assertThat(after.stream().map(d -> d.getString("_id")).distinct()).hasSize(registered);
        int last = registered;
        register();
        awaitTrue(() -> supplyRows() == last + 1, "new events are projected onto the switched read model");
    }

    @Test
    void a_replay_whose_shadow_fails_leaves_the_live_read_model_and_drops_the_shadow() {
        List<Document> before = documents("supply_list");
        Registration failing = holdOnReplayThread(() -> {
            throw new IllegalStateException("a handler of the shadow fails");
        });
        try {
            assertThat(handler().handle(new StartReplay(SUPPLY, "admin")).outcome()).isEqualTo(ReplayStartOutcome.STARTED);
            ReplayProgress failed = awaitFinished();
            assertThat(failed.error()).as(failed.toString()).isTrue();
            assertThat(failed.done()).isFalse();
            assertThat(failed.replaying()).isFalse();
        } finally {
            failing.cancel();
        }
        assertThat(documents("supply_list")).as("the live read model is untouched").isEqualTo(before);
        assertThat(processor().isRunning()).as("the live processor runs").isTrue();
        assertThat(db.listCollectionNames().into(new ArrayList<>())).noneMatch(c -> c.endsWith("__replay"));
        int now = registered;
        register();
        awaitTrue(() -> supplyRows() == now + 1, "the live processor goes on");
        assertThat(handler().handle(new StartReplay(SUPPLY, "admin")).outcome())
                .as("a failed replay can be run again").isEqualTo(ReplayStartOutcome.STARTED);
        assertThat(awaitFinished().done()).isTrue();
        assertThat(documents("supply_list")).hasSize(registered);
    }

    /** Runs {@code before} ahead of every batch the replay handles (the live processor's are not concerned). */
    private Registration holdOnReplayThread(Blocker before) {
        return handler().registerHandlerInterceptor((unitOfWork, chain) -> {
            before.run();
            return chain.proceed();
        });
    }

    interface Blocker {
        void run() throws Exception;
    }

    private ReplayProgress awaitFinished() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            ReplayProgress p = progress();
            if (!p.replaying()) {
                return p;
            }
            assertThat(System.nanoTime()).as("replay finished in time: " + p).isLessThan(deadline);
            sleep(20);
        }
    }

    private ReplayProgress progress() {
        return handler().handle(new FetchReplayProgress(SUPPLY));
    }

    private ProjectionReplayHandler handler() {
        return app.getBean(ProjectionReplayHandler.class);
    }

    private StreamingEventProcessor processor() {
        return app.getBean(EventProcessingConfiguration.class).eventProcessor(SUPPLY, StreamingEventProcessor.class)
                .orElseThrow();
    }

    private long supplyRows() {
        return app.getBean(QueryBus.class).query(new GenericQueryMessage<>(
                        new FetchSupplyList("B1", null, null, null, null, null, null, false, 0, 10_000),
                        ResponseTypes.instanceOf(SupplyListPage.class)))
                .join().getPayload().total();
    }

    private List<Document> documents(String collection) {
        return db.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private synchronized void register() {
        String institution = "H" + registered;
        publish("allocation-B1-" + institution, new InstitutionDemandRegistered("B1", institution, institution + "医院",
                "420102", List.of(new SelectedLine("D11", "G1", "D11", "品种D11", "甲制药", Volume.of(4800 + registered))),
                List.of(), new AllocationTerms(AT, AT.plusSeconds(86_400), null, null), List.of(D11), AT));
        registered++;
    }

    private void publish(String aggregateId, Object payload) {
        app.getBean(EventStore.class).publish(new GenericDomainEventMessage<>(payload.getClass().getName(),
                aggregateId, 0, payload));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
