package com.vbp.query.consistency;

import com.vbp.query.support.H2EventStore;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationQueries.FetchSelectedLines;
import com.vbp.events.allocation.AllocationQueries.SelectedLinesPage;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.QuerySideApplication;
import com.vbp.query.allocation.AllocationLinesProjection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
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
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStart;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStartOutcome;
import com.vbp.events.audit.ProjectionReplayCommands.StartReplay;
import com.vbp.query.audit.ProjectionReplayHandler;


import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static com.vbp.events.common.ConsistencyQueries.READ_AFTER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-side instances over one event store and one MongoDB (read models and tokens) share a processor's
 * segments: {@code allocation-lines} with two segments and one thread per instance, so each holds one. A read on
 * instance B after an event that falls in instance A's segment waits until A has processed it, then sees it; and an
 * instance that closes leaves none of its segments claimed, so the other can take them over at once.
 */
class TwoQuerySideInstancesTest {

    private static final String LINES = AllocationLinesProjection.GROUP;
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    private MongoServer mongo;
    private String mongoUri;
    private String eventStoreUrl;
    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @BeforeEach
    void start() {
        mongo = new MongoServer(H2Backend.inMemory());
        mongoUri = mongo.bindAndGetConnectionString();
        eventStoreUrl = "jdbc:h2:mem:events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        a = instance("A");
        awaitTrue(() -> held(a).size() == 1, "instance A claims one segment");
        b = instance("B");
        awaitTrue(() -> held(b).size() == 1, "instance B claims the other segment");
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        mongo.shutdownNow();
    }

    @Test
    void a_read_on_one_instance_waits_for_a_position_another_instance_processes_and_then_sees_it() throws Exception {
        Segment ofA = held(a).values().iterator().next().getSegment();
        String aggregateId = "allocation-B1-" + institutionIn(ofA);
        String institution = aggregateId.substring("allocation-B1-".length());
        // A stops working on its segment (its claim released, B has no thread free to take it): the event waits.
        lines(a).shutDown();
        b.getBean(EventStore.class).publish(new GenericDomainEventMessage<>(
                InstitutionDemandRegistered.class.getName(), aggregateId, 0, registered(institution)));
        long position = b.getBean(EventStore.class).createHeadToken().position().orElseThrow();

        CompletableFuture<SelectedLinesPage> read = CompletableFuture.supplyAsync(() -> b.getBean(QueryBus.class)
                .query(new GenericQueryMessage<>(new FetchSelectedLines("B1", institution, null, null, null, 0, 20),
                        ResponseTypes.instanceOf(SelectedLinesPage.class)).andMetaData(Map.of(READ_AFTER, position)))
                .join().getPayload());
        Thread.sleep(700);
        assertThat(read).as("B's own segment has passed the position, A's has not").isNotDone();

        lines(a).start();
        SelectedLinesPage page = read.get(20, TimeUnit.SECONDS);
        assertThat(page.items()).extracting(l -> l.drugCode()).containsExactly("D11");
    }

    @Test
    void an_instance_that_closes_releases_its_segments() {
        a.close();
        a = null;
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> tokens = client.getDatabase("vbp-two").getCollection("tracking_tokens");
            assertThat(tokens.countDocuments(new Document("processorName", LINES))).isEqualTo(2);
            assertThat(tokens.countDocuments(new Document("owner", "A"))).as("claims left by A").isZero();
            assertThat(tokens.countDocuments(new Document("owner", "B"))).as("B still works").isPositive();
            b.close();
            b = null;
            assertThat(tokens.countDocuments(new Document("owner", new Document("$ne", null))))
                    .as("claims left after both closed").isZero();
        }
    }

    @Test
    void a_replay_asked_of_one_instance_while_the_other_holds_a_segment_is_refused_and_both_keep_working() {
        ReplayStart start = a.getBean(ProjectionReplayHandler.class).handle(new StartReplay(LINES, "admin"));

        assertThat(start.outcome()).isEqualTo(ReplayStartOutcome.REPLAY_HELD_ELSEWHERE);
        awaitTrue(() -> held(a).size() == 1, "A works on its segment again");
        assertThat(held(b)).as("B keeps its segment").hasSize(1);
    }

    private ConfigurableApplicationContext instance(String nodeId) {
        return new SpringApplicationBuilder(QuerySideApplication.class, H2EventStore.class)
                .web(WebApplicationType.NONE)
                .run("--spring.main.banner-mode=off", "--spring.config.name=none",
                        "--axon.axonserver.enabled=false",
                        "--axon.serializer.general=jackson", "--axon.serializer.events=jackson",
                        "--axon.serializer.messages=jackson", "--test.event-store-url=" + eventStoreUrl,
                        "--app.mongodb.uri=" + mongoUri, "--app.mongodb.database=vbp-two",
                        "--app.startup.connect-timeout=PT5S",
                        "--app.projections.node-id=" + nodeId,
                        "--app.projections.processors." + LINES + ".threads=1",
                        "--app.projections.processors." + LINES + ".segments=2",
                        "--app.consistency.read-timeout-millis=20000");
    }

    private static StreamingEventProcessor lines(ConfigurableApplicationContext instance) {
        return instance.getBean(EventProcessingConfiguration.class)
                .eventProcessor(LINES, StreamingEventProcessor.class).orElseThrow();
    }

    private static Map<Integer, EventTrackerStatus> held(ConfigurableApplicationContext instance) {
        return lines(instance).processingStatus();
    }

    /** An institution code whose allocation's events fall in the segment (the aggregate id decides). */
    private static String institutionIn(Segment segment) {
        for (int i = 0; ; i++) {
            if (segment.matches("allocation-B1-H" + i)) {
                return "H" + i;
            }
        }
    }

    private static InstitutionDemandRegistered registered(String institution) {
        WinningProduct d11 = new WinningProduct("G1", "G1组名", "D11", "品种D11", "片剂", "每片0.25g", "甲制药",
                Money.of("12"), 24, "片", DailyUsage.of("3"), Percentage.of("30"), Volume.of(1_000_000));
        return new InstitutionDemandRegistered("B1", institution, institution + "医院", "420102",
                List.of(new SelectedLine("D11", "G1", "D11", "品种D11", "甲制药", Volume.of(4800))), List.of(),
                new AllocationTerms(AT, AT.plusSeconds(86_400), null, null), List.of(d11), AT);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
