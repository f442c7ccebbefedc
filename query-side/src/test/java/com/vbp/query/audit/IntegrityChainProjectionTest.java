package com.vbp.query.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.audit.IntegrityQueries.BreakKind;
import com.vbp.events.audit.IntegrityQueries.IntegrityReport;
import com.vbp.events.audit.IntegrityQueries.VerifyIntegrity;
import com.vbp.query.config.EmbeddedMongo;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain kept by {@link IntegrityChainProjection} and checked by {@link IntegrityChainVerifier}, on the
 * embedded store, over a stored history the test changes at will: events in order, late into a gap,
 * redelivered; then altered, removed and slipped-in events, each named as the first break.
 */
class IntegrityChainProjectionTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private MongoDatabase db;
    private final Store store = new Store();
    private IntegrityChainProjection projection;
    private IntegrityChainVerifier verifier;

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        db = client.getDatabase("vbp");
        projection = new IntegrityChainProjection(db, store);
        verifier = new IntegrityChainVerifier(store, db, Clock.systemUTC(), 0);
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    @Test
    void events_delivered_in_order_are_chained_in_order() throws InterruptedException {
        for (long p = 1; p <= 5; p++) {
            store.add(event(p));
            deliver(p);
        }

        assertThat(links()).isEqualTo(expectedLinks(1, 2, 3, 4, 5));
        IntegrityReport report = verifier.handle(new VerifyIntegrity(null));
        assertThat(report.intact()).isTrue();
        assertThat(report.verifiedEvents()).isEqualTo(5);
        assertThat(report.headPosition()).isEqualTo(5);
        assertThat(report.headHash()).isEqualTo(expectedLinks(1, 2, 3, 4, 5).get(5L));
        assertThat(verifier.handle(new VerifyIntegrity(3L)).headHash()).isEqualTo(expectedLinks(1, 2, 3).get(3L));
    }

    @Test
    void an_event_committed_late_into_a_gap_is_chained_in_its_place() throws InterruptedException {
        for (long p : new long[]{1, 2, 4, 5}) {
            store.add(event(p));
        }
        deliver(1);
        deliver(2);
        deliver(4, 3L); // the processor goes past 3 and waits for it
        deliver(5, 3L);
        assertThat(links()).isEqualTo(expectedLinks(1, 2, 4, 5));
        assertThat(db.getCollection("integrity_chain_head").find().first().getList("holes", Long.class))
                .containsExactly(3L);

        store.add(event(3));
        deliver(5); // event 3 arrives with the processor's position, 5, and no gap left
        assertThat(links()).isEqualTo(expectedLinks(1, 2, 3, 4, 5));
        assertThat(db.getCollection("integrity_chain_head").find().first().getList("holes", Long.class)).isEmpty();

        deliver(5); // a redelivery changes nothing
        assertThat(links()).isEqualTo(expectedLinks(1, 2, 3, 4, 5));
        assertThat(verifier.handle(new VerifyIntegrity(null)).intact()).isTrue();
    }

    @Test
    void a_position_the_processor_gives_up_on_is_left_out() throws InterruptedException {
        for (long p : new long[]{1, 2, 4}) {
            store.add(event(p));
        }
        deliver(1);
        deliver(2);
        deliver(4, 3L);
        store.add(event(5));
        deliver(5); // the transaction at 3 rolled back: the processor no longer waits for it

        assertThat(links()).isEqualTo(expectedLinks(1, 2, 4, 5));
        assertThat(db.getCollection("integrity_chain_head").find().first().getList("holes", Long.class)).isEmpty();
        assertThat(verifier.handle(new VerifyIntegrity(null)).intact()).isTrue();
    }

    @Test
    void an_event_committed_after_the_events_read_ahead_is_read_again_when_it_is_delivered()
            throws InterruptedException {
        for (long p : new long[]{1, 2, 4}) {
            store.add(event(p));
        }
        deliver(1); // reads ahead: 1, 2 and 4, while 3 is not committed yet
        store.add(event(3));
        deliver(2);
        deliver(3);
        deliver(4);

        assertThat(links()).isEqualTo(expectedLinks(1, 2, 3, 4));
        assertThat(verifier.handle(new VerifyIntegrity(null)).intact()).isTrue();
    }

    @Test
    void a_reset_empties_the_chain_and_a_replay_rebuilds_it_identically() {
        for (long p = 1; p <= 4; p++) {
            store.add(event(p));
            deliver(p);
        }
        List<Document> live = db.getCollection("integrity_chain").find().into(new ArrayList<>());
        projection.reset();
        assertThat(db.getCollection("integrity_chain").countDocuments()).isZero();
        assertThat(db.getCollection("integrity_chain_head").countDocuments()).isZero();
        for (long p = 1; p <= 4; p++) {
            deliver(p);
        }
        assertThat(db.getCollection("integrity_chain").find().into(new ArrayList<>())).isEqualTo(live);
    }

    @Test
    void verify_names_an_altered_a_removed_and_a_slipped_in_event() throws InterruptedException {
        for (long p : new long[]{1, 2, 3, 5, 6}) {
            store.add(event(p));
            deliver(p);
        }
        Map<Long, String> kept = links();

        store.add(new IntegrityChainEvent(3, "e-3", "Batch", "B1", 2, Instant.parse("2026-03-01T08:00:03Z"),
                "com.example.Happened", "1", "{\"n\":333}".getBytes(StandardCharsets.UTF_8), Map.of()));
        IntegrityReport altered = verifier.handle(new VerifyIntegrity(null));
        assertThat(altered.intact()).isFalse();
        assertThat(altered.firstBreak().kind()).isEqualTo(BreakKind.ALTERED);
        assertThat(altered.firstBreak().position()).isEqualTo(3);
        assertThat(altered.firstBreak().eventId()).isEqualTo("e-3");
        assertThat(altered.firstBreak().storedHash()).isEqualTo(kept.get(3L));
        assertThat(altered.firstBreak().expectedHash()).isNotEqualTo(kept.get(3L));
        assertThat(altered.headPosition()).isEqualTo(6);
        assertThat(altered.verifiedEvents()).isEqualTo(5);

        store.add(event(3));
        store.remove(5);
        IntegrityReport removed = verifier.handle(new VerifyIntegrity(null));
        assertThat(removed.firstBreak().kind()).isEqualTo(BreakKind.MISSING);
        assertThat(removed.firstBreak().position()).isEqualTo(5);
        assertThat(removed.firstBreak().eventId()).isEqualTo("e-5");

        store.add(event(5));
        store.add(event(4));
        IntegrityReport slippedIn = verifier.handle(new VerifyIntegrity(null));
        assertThat(slippedIn.firstBreak().kind()).isEqualTo(BreakKind.NOT_IN_CHAIN);
        assertThat(slippedIn.firstBreak().position()).isEqualTo(4);
        assertThat(slippedIn.firstBreak().storedHash()).isNull();

        store.remove(4);
        store.remove(6);
        IntegrityReport truncated = verifier.handle(new VerifyIntegrity(null));
        assertThat(truncated.firstBreak().kind()).isEqualTo(BreakKind.MISSING);
        assertThat(truncated.firstBreak().position()).isEqualTo(6);
        assertThat(truncated.headPosition()).isEqualTo(5);

        store.add(event(6));
        assertThat(verifier.handle(new VerifyIntegrity(null)).intact()).isTrue();
    }

    /** An event delivered with the processor's token: its position so far and the gaps it still waits for. */
    private void deliver(long position, Long... gaps) {
        projection.on(GenericEventMessage.asEventMessage("event at " + position),
                GapAwareTrackingToken.newInstance(position, List.of(gaps)));
    }

    private Map<Long, String> links() {
        Map<Long, String> links = new TreeMap<>();
        db.getCollection("integrity_chain").find().forEach(d -> links.put(d.getLong("_id"), d.getString("hash")));
        return links;
    }

    private static Map<Long, String> expectedLinks(long... positions) {
        Map<Long, String> links = new TreeMap<>();
        byte[] link = IntegrityChainHash.GENESIS;
        for (long p : positions) {
            link = IntegrityChainHash.link(link, event(p));
            links.put(p, IntegrityChainHash.hex(link));
        }
        return links;
    }

    private static IntegrityChainEvent event(long position) {
        return new IntegrityChainEvent(position, "e-" + position, "Batch", "B1", position - 1,
                Instant.parse("2026-03-01T08:00:00Z").plusSeconds(position), "com.example.Happened", "1",
                ("{\"n\":" + position + "}").getBytes(StandardCharsets.UTF_8), Map.of("traceId", "t-" + position));
    }

    /** A stored history the test edits directly, read like the event store. */
    private static final class Store implements IntegrityChainSource {

        private final TreeMap<Long, IntegrityChainEvent> events = new TreeMap<>();

        void add(IntegrityChainEvent e) {
            events.put(e.position(), e);
        }

        void remove(long position) {
            events.remove(position);
        }

        @Override
        public Cursor cursor() {
            return new Cursor() {
                @Override
                public List<IntegrityChainEvent> readAfter(long position, int max) {
                    return events.tailMap(position, false).values().stream().limit(max).toList();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public long headPosition() {
            return events.isEmpty() ? -1 : events.lastKey();
        }
    }
}
