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
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history an auditor pages through: a position cursor that neither skips nor repeats, the scan bound that keeps
 * a sparse filter from reading the whole store in one request, and every filter. On Axon's in-memory store (the
 * first position is 0); the JDBC store and its gaps are exercised end to end in the gateway.
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
                maxScan);
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
        AuditEventsPage batch = history.handle(new FetchAuditEvents(null, null, null, null, null, null, null, BATCH,
                100));
        assertThat(types(batch)).as("the appeal's reply belongs to the batch its appeal was filed on")
                .containsExactly("CapacityReserved", "CapacityReserved", "CapacityReserved", "CapacityReserved",
                        "CapacityReserved", "CapacityReserved", "CapacityReserved", "CapacityReserved",
                        "CapacityReserved", "CapacityReserved", "AppealFiled", "AppealReplied");
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

    @Test
    void a_cursor_that_is_no_position_of_the_store_is_refused() {
        EventHistory history = history(100);
        assertThatThrownBy(() -> history.handle(all(14L, 5))).isInstanceOfSatisfying(QueryExecutionException.class,
                e -> assertThat(((Refusal) e.getDetails().orElseThrow()).code()).isEqualTo("INVALID_CURSOR"));
        assertThatThrownBy(() -> history.handle(all(-2L, 5))).isInstanceOf(QueryExecutionException.class);
    }

    @Test
    void a_position_not_yet_committed_below_the_head_holds_the_page_back() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(45, List.of(41L, 43L));
        assertThat(EventHistory.unsettledBetween(token, 40, 45)).isTrue();
        assertThat(EventHistory.unsettledBetween(token, 41, 43)).isFalse();
        assertThat(EventHistory.unsettledBetween(token, 43, 45)).isFalse();
        assertThat(EventHistory.unsettledBetween(new GlobalSequenceTrackingToken(45), 40, 45)).isFalse();
        assertThat(EventHistory.tokenAt(12, token)).isEqualTo(GapAwareTrackingToken.newInstance(12, List.of()));
        assertThat(EventHistory.tokenAt(12, new GlobalSequenceTrackingToken(3)))
                .isEqualTo(new GlobalSequenceTrackingToken(12));
    }

    private static List<String> types(AuditEventsPage page) {
        return page.items().stream().map(AuditEvent::type).toList();
    }
}
