package com.vbp.command.audit;

import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.appeal.AppealEvents.AppealFiled;
import com.vbp.events.appeal.AppealEvents.AppealReplied;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.audit.AuditQueries.AuditEvent;
import com.vbp.events.audit.AuditQueries.AuditEventsPage;
import com.vbp.events.audit.AuditQueries.FetchAuditEvents;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.Role;
import com.vbp.events.common.Volume;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history an auditor pages through: a position cursor that neither skips nor repeats, the scan bound that keeps
 * a sparse filter from reading the whole store in one request, every filter, on Axon's in-memory store (the first
 * position is 0); and positions taken by transactions not yet committed, as the JDBC store reports them, on a
 * scripted stream (end to end in the gateway's AuditCursorUnderWritesTest).
 */
class EventHistoryTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final String BATCH = "HB-2026";
    private AuditTestEvents events;

    @BeforeEach
    void fill() {
        events = new AuditTestEvents();
        // positions 0..9: capacity reservations by two institutions, a minute apart
        for (int i = 0; i < 10; i++) {
            String drug = i % 2 == 0 ? "D1" : "D2";
            events.add("ProductCapacity", AllocationIds.capacityOf(BATCH, drug), reserved(drug, i),
                    T0.plusSeconds(60L * i), i < 5 ? "inst-a" : "inst-b");
        }
        // 10: an account; 11, 12: an appeal filed on the batch and replied to (the reply names no batch)
        events.add("Account", "inst-a", new AccountCreated("inst-a", Role.INSTITUTION, "H1", "420102",
                "$2a$10$secret", "admin", T0), T0.plusSeconds(600), "admin");
        events.add("Appeal", "appeal-1", new AppealFiled("appeal-1", BATCH, "批次", "H1", "医院", "420102", "title",
                "content", List.of(), "inst-a", T0), T0.plusSeconds(660), "inst-a");
        events.add("Appeal", "appeal-1", new AppealReplied("appeal-1", 1, "ok", new Actor("admin", Role.ADMIN,
                "CITY"), AppealStatus.values()[0], T0), T0.plusSeconds(720), "admin");
        events.add("ProductCapacity", AllocationIds.capacityOf("OTHER", "D1"), new CapacityReleased("OTHER", "D1",
                "H1", "L1", Volume.of(1), Volume.of(0), Volume.of(100), T0), T0.plusSeconds(780), "inst-a");
    }

    @AfterEach
    void close() {
        events.close();
    }

    private static CapacityReserved reserved(String drug, int i) {
        return new CapacityReserved(BATCH, drug, "H" + i, "L" + i, Volume.of(10), Volume.of(10L * (i / 2 + 1)),
                Volume.of(1000), T0);
    }

    private EventHistory history(int maxScan) {
        return new EventHistory(events.store, new AuditedAggregates(AnnotatedAggregateMetaModelFactory::inspectAggregate),
                new AuditProperties(maxScan, EventHistory.DEFAULT_MAX_PAGE_TIME));
    }

    private static FetchAuditEvents all(Long after, int size) {
        return new FetchAuditEvents(after, null, null, null, null, null, null, null, size);
    }

    @Test
    void pages_follow_the_cursor_oldest_first_without_skipping_or_repeating() throws Exception {
        EventHistory history = history(EventHistory.DEFAULT_MAX_SCAN);
        List<Long> positions = new ArrayList<>();
        Long after = null;
        int pages = 0;
        AuditEventsPage page;
        do {
            page = history.handle(all(after, 5));
            page.items().forEach(e -> positions.add(e.position()));
            after = page.next();
            pages++;
        } while (!page.complete());
        assertThat(positions).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
        assertThat(pages).isEqualTo(3);
        assertThat(page.next()).isEqualTo(13L);
        assertThat(page.head()).isEqualTo(13L);
        AuditEventsPage atHead = history.handle(all(13L, 5));
        assertThat(atHead.items()).isEmpty();
        assertThat(atHead.complete()).isTrue();
        assertThat(atHead.next()).isEqualTo(13L);
    }

    @Test
    void a_sparse_filter_stops_at_the_scan_bound_and_still_hands_out_the_next_cursor() throws Exception {
        EventHistory history = history(4);
        FetchAuditEvents nobody = new FetchAuditEvents(null, null, null, null, null, null, "nobody", null, 100);
        AuditEventsPage first = history.handle(nobody);
        assertThat(first.items()).isEmpty();
        assertThat(first.scanned()).isEqualTo(4);
        assertThat(first.next()).isEqualTo(3L);
        assertThat(first.complete()).isFalse();
        AuditEventsPage second = history.handle(new FetchAuditEvents(first.next(), null, null, null, null, null,
                "nobody", null, 100));
        assertThat(second.next()).isEqualTo(7L);
    }

    @Test
    void every_filter_applies_and_upto_ends_a_download_where_it_began() throws Exception {
        EventHistory history = history(EventHistory.DEFAULT_MAX_SCAN);
        assertThat(types(history.handle(new FetchAuditEvents(null, null, "capacity",
                AllocationIds.capacityOf(BATCH, "D2"), null, null, null, null, 100))))
                .hasSize(5).containsOnly("CapacityReserved");
        assertThat(history.handle(new FetchAuditEvents(null, null, "ProductCapacity", null, null, null, null, null,
                100)).items()).hasSize(11);
        assertThat(history.handle(new FetchAuditEvents(null, null, null, null, null, null, "inst-b", null, 100))
                .items()).extracting(AuditEvent::position).containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(history.handle(new FetchAuditEvents(null, null, null, null, T0.plusSeconds(120),
                T0.plusSeconds(300), null, null, 100)).items()).extracting(AuditEvent::position)
                .containsExactly(2L, 3L, 4L);
        events.add("ProcurementBatch", BATCH, new ProcurementBatchCreated(BATCH, "批次", T0, T0, null, null, "admin",
                T0), T0.plusSeconds(840), "admin");
        AuditEventsPage batch = history.handle(new FetchAuditEvents(null, null, null, null, null, null, null, BATCH,
                100));
        assertThat(types(batch)).as("the appeal's reply belongs to the batch its appeal was filed on")
                .containsExactly("CapacityReserved", "CapacityReserved", "CapacityReserved", "CapacityReserved",
                        "CapacityReserved", "CapacityReserved", "CapacityReserved", "CapacityReserved",
                        "CapacityReserved", "CapacityReserved", "AppealFiled", "AppealReplied",
                        "ProcurementBatchCreated");
        AuditEventsPage upTo = history.handle(new FetchAuditEvents(null, 6L, null, null, null, null, null, null, 100));
        assertThat(upTo.items()).hasSize(7);
        assertThat(upTo.complete()).isTrue();
        assertThat(upTo.next()).isEqualTo(6L);
    }

    @Test
    void an_item_shows_the_envelope_the_metadata_and_the_redacted_payload() throws Exception {
        AuditEvent account = history(100).handle(new FetchAuditEvents(9L, null, null, null, null, null, null, null,
                1)).items().get(0);
        assertThat(account.position()).isEqualTo(10L);
        assertThat(account.aggregateType()).isEqualTo("Account");
        assertThat(account.aggregateId()).isEqualTo("inst-a");
        assertThat(account.sequenceNumber()).isZero();
        assertThat(account.type()).isEqualTo("AccountCreated");
        assertThat(account.revision()).isEqualTo("1");
        assertThat(account.metadata()).containsExactlyEntriesOf(java.util.Map.of("account", "admin"));
        assertThat(account.payload()).contains("\"passwordHash\":\"[redacted]\"").doesNotContain("$2a$");
    }

    /** A sparse filter's page ends once its reading time is up, with where to continue. */
    @Test
    void a_sparse_filter_stops_when_its_time_is_up_and_hands_out_the_next_cursor() throws Exception {
        EventHistory history = new EventHistory(events.store,
                new AuditedAggregates(AnnotatedAggregateMetaModelFactory::inspectAggregate),
                new AuditProperties(EventHistory.DEFAULT_MAX_SCAN, java.time.Duration.ZERO));
        AuditEventsPage first = history.handle(new FetchAuditEvents(null, null, null, null, null, null, "nobody",
                null, 100));
        assertThat(first.items()).isEmpty();
        assertThat(first.scanned()).isEqualTo(1);
        assertThat(first.next()).isEqualTo(0L);
        assertThat(first.complete()).isFalse();
    }

    /** A download of a code that no batch has answers at once, rather than after a scan that can find nothing. */
    @Test
    void a_batch_that_does_not_exist_is_refused_at_once() {
        EventHistory history = history(100);
        assertThatThrownBy(() -> history.handle(new FetchAuditEvents(null, null, null, null, null, null, null, "NOPE",
                100))).isInstanceOfSatisfying(QueryExecutionException.class,
                e -> assertThat(((Refusal) e.getDetails().orElseThrow()).code()).isEqualTo("UNKNOWN_BATCH"));
        assertThatThrownBy(() -> history.handle(new FetchAuditEvents(null, null, null, null, null, null, null,
                "inst-a", 100))).as("an account is no batch").isInstanceOf(QueryExecutionException.class);
    }

    @Test
    void a_cursor_that_is_no_position_of_the_store_is_refused() {
        EventHistory history = history(100);
        assertThatThrownBy(() -> history.handle(all(14L, 5))).isInstanceOfSatisfying(QueryExecutionException.class,
                e -> assertThat(((Refusal) e.getDetails().orElseThrow()).code()).isEqualTo("INVALID_CURSOR"));
        assertThatThrownBy(() -> history.handle(all(-2L, 5))).isInstanceOf(QueryExecutionException.class);
    }

    @Test
    void tokens_for_a_cursor_are_of_the_kind_the_store_uses_and_never_one_the_shared_cache_holds() {
        assertThat(EventHistory.tokenAt(12, GapAwareTrackingToken.newInstance(45, List.of(41L))))
                .isEqualTo(GapAwareTrackingToken.newInstance(12, List.of(-1L)));
        assertThat(EventHistory.tokenAt(12, new GlobalSequenceTrackingToken(3)))
                .isEqualTo(new GlobalSequenceTrackingToken(12));
    }

    /**
     * The JDBC store's view of positions taken by transactions not yet committed: 42 is read while 41 is not there
     * yet, so the tracking tokens of 42 and 43 name 41 as a gap; the stream delivers 41 after them, with the token
     * of 43 less the gap.
     */
    @Test
    void an_event_read_before_a_lower_position_committed_waits_for_it_and_the_page_stays_in_order() throws Exception {
        Instant now = Instant.now();
        List<TrackedEventMessage<?>> streamOrder = List.of(tracked(39, now), tracked(40, now),
                tracked(42, now, 41L), tracked(43, now, 41L), fill(41, 43, now), tracked(44, now));
        AuditEventsPage page = scripted(streamOrder, 44).handle(all(38L, 100));
        assertThat(page.items()).extracting(AuditEvent::position).containsExactly(39L, 40L, 41L, 42L, 43L, 44L);
        assertThat(page.complete()).isTrue();
    }

    @Test
    void a_position_still_uncommitted_holds_the_page_back_before_it() throws Exception {
        Instant now = Instant.now();
        AuditEventsPage page = scripted(List.of(tracked(39, now), tracked(40, now), tracked(42, now, 41L),
                tracked(43, now, 41L)), 43).handle(all(38L, 100));
        assertThat(page.items()).extracting(AuditEvent::position).containsExactly(39L, 40L);
        assertThat(page.next()).isEqualTo(40L);
        assertThat(page.complete()).isFalse();
    }

    /**
     * A token of the shared cache may name a gap that was filled long ago, the fill coming further on: however old
     * the events, the page waits for it rather than skip it (the store's own tokens stop naming old gaps).
     */
    @Test
    void a_gap_stays_open_however_old_until_the_stream_fills_it() throws Exception {
        Instant old = Instant.now().minusSeconds(3_600);
        AuditEventsPage open = scripted(List.of(tracked(39, old), tracked(40, old), tracked(42, old, 41L),
                tracked(43, old, 41L)), 43).handle(all(38L, 100));
        assertThat(open.items()).extracting(AuditEvent::position).containsExactly(39L, 40L);
        assertThat(open.complete()).isFalse();
        AuditEventsPage filled = scripted(List.of(tracked(42, old, 41L), tracked(43, old, 41L),
                fill(41, 43, old)), 43).handle(all(40L, 100));
        assertThat(filled.items()).extracting(AuditEvent::position).containsExactly(41L, 42L, 43L);
        assertThat(filled.complete()).isTrue();
    }

    /**
     * A position left empty for good (a transaction that rolled back, e.g. a refused command), right after the
     * cursor: the page waits for it a moment, then steps over it rather than answer nothing at the same cursor.
     */
    @Test
    void a_position_that_stays_empty_right_after_the_cursor_is_stepped_over() throws Exception {
        Instant now = Instant.now();
        long started = System.nanoTime();
        AuditEventsPage page = scripted(List.of(tracked(42, now, 41L), tracked(43, now, 41L)), 43)
                .handle(all(40L, 1));
        assertThat(page.items()).extracting(AuditEvent::position).containsExactly(42L);
        assertThat(page.next()).isEqualTo(42L);
        assertThat(page.complete()).isFalse();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(EventHistory.GAP_SETTLE).isLessThan(EventHistory.GAP_SETTLE.multipliedBy(3));
    }

    private static TrackedEventMessage<?> tracked(long position, Instant at, Long... gaps) {
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(position, List.of(gaps)),
                new GenericDomainEventMessage<>("Account", "a" + position, 0, "payload " + position,
                        MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
    }

    /** The event at {@code position}, delivered after {@code highest}: its token is that of {@code highest}. */
    private static TrackedEventMessage<?> fill(long position, long highest, Instant at) {
        return new GenericTrackedDomainEventMessage<>(GapAwareTrackingToken.newInstance(highest, List.of()),
                new GenericDomainEventMessage<>("Account", "a" + position, 0, "payload " + position,
                        MetaData.emptyInstance(), UUID.randomUUID().toString(), at));
    }

    /** An event store whose stream delivers {@code events} in that order, whatever the token asked for. */
    private static EventHistory scripted(List<TrackedEventMessage<?>> events, long head) {
        EventStore store = (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(),
                new Class<?>[]{EventStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "createHeadToken" -> GapAwareTrackingToken.newInstance(head, List.of());
                    case "openStream" -> new ListStream(events);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return new EventHistory(store, new AuditedAggregates(AnnotatedAggregateMetaModelFactory::inspectAggregate),
                new AuditProperties(EventHistory.DEFAULT_MAX_SCAN, EventHistory.DEFAULT_MAX_PAGE_TIME));
    }

    private static final class ListStream implements TrackingEventStream {

        private final Deque<TrackedEventMessage<?>> events;

        ListStream(List<TrackedEventMessage<?>> events) {
            this.events = new ArrayDeque<>(events);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(events.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !events.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return events.pop();
        }

        @Override
        public void close() {
        }
    }

    private static List<String> types(AuditEventsPage page) {
        return page.items().stream().map(AuditEvent::type).toList();
    }
}
