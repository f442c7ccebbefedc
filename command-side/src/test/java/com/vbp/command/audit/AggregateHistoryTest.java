package com.vbp.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.appeal.AppealEvents.AppealFiled;
import com.vbp.events.appeal.AppealEvents.AppealReplied;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.audit.AuditQueries.AggregateAsOf;
import com.vbp.events.audit.AuditQueries.AuditEvent;
import com.vbp.events.audit.AuditQueries.FetchAggregateAsOf;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.Role;
import com.vbp.events.common.Volume;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.queryhandling.QueryExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Aggregates rebuilt as of a point in time from their events, with Axon's event-sourcing machinery: a product's
 * capacity (a later snapshot does not hide the events; each point in time gives the state of the events up to it)
 * and an appeal.
 */
class AggregateHistoryTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final String ID = AllocationIds.capacityOf("HB-2026", "D1");
    private final AuditTestEvents events = new AuditTestEvents();
    private final AggregateHistory history = new AggregateHistory(events.store,
            new AuditedAggregates(AnnotatedAggregateMetaModelFactory::inspectAggregate),
            Clock.fixed(T0.plusSeconds(3_600), ZoneOffset.UTC));

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void the_state_at_each_point_in_time_is_the_fold_of_the_events_up_to_it_whatever_the_snapshots() throws Exception {
        events.add("ProductCapacity", ID, reserved("H1", 100, 100), T0.plusSeconds(10), "inst-1");
        events.add("ProductCapacity", ID, reserved("H2", 300, 400), T0.plusSeconds(20), "inst-2");
        events.add("ProductCapacity", ID, new CapacityReleased("HB-2026", "D1", "H1", "L-H1", Volume.of(100),
                Volume.of(300), Volume.of(1000), T0.plusSeconds(30)), T0.plusSeconds(30), "inst-1");
        // a snapshot younger than every point in time asked for below
        events.store.storeSnapshot(new GenericDomainEventMessage<>("ProductCapacity", ID, 2,
                Map.of("capacityId", ID, "reservedTotal", 999)));

        AggregateAsOf twoReservations = history.handle(new FetchAggregateAsOf("capacity", ID, T0.plusSeconds(25)));
        assertThat(twoReservations.version()).isEqualTo(1);
        assertThat(twoReservations.eventCount()).isEqualTo(2);
        assertThat(twoReservations.events()).extracting(AuditEvent::type)
                .containsExactly("CapacityReserved", "CapacityReserved");
        JsonNode state = json(twoReservations.state());
        assertThat(state.path("reservedTotal").asLong()).isEqualTo(400);
        assertThat(state.path("reservations").path("H1").path("L-H1").asLong()).isEqualTo(100);
        assertThat(state.path("capacityId").asText()).isEqualTo(ID);

        AggregateAsOf exactlyAtTheRelease = history.handle(new FetchAggregateAsOf("capacity", ID,
                T0.plusSeconds(30)));
        assertThat(exactlyAtTheRelease.version()).isEqualTo(2);
        assertThat(json(exactlyAtTheRelease.state()).path("reservedTotal").asLong()).isEqualTo(300);
        assertThat(json(exactlyAtTheRelease.state()).path("reservations").path("H1").size()).isZero();

        AggregateAsOf now = history.handle(new FetchAggregateAsOf("capacity", ID, null));
        assertThat(now.asOf()).isEqualTo(T0.plusSeconds(3_600));
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.aggregateType()).isEqualTo("ProductCapacity");
    }

    @Test
    void unknown_types_aggregates_and_times_before_the_first_event_are_refused() {
        events.add("ProductCapacity", ID, reserved("H1", 100, 100), T0.plusSeconds(10), "inst-1");
        events.add("Account", "inst-1", new AccountCreated("inst-1", Role.INSTITUTION, "H1", "420102", "x", "admin",
                T0), T0, "admin");
        assertThat(code(new FetchAggregateAsOf("account", "inst-1", null))).isEqualTo("UNKNOWN_AGGREGATE_TYPE");
        assertThat(code(new FetchAggregateAsOf("capacity", "capacity/none", null))).isEqualTo("UNKNOWN_AGGREGATE");
        assertThat(code(new FetchAggregateAsOf("capacity", ID, T0))).isEqualTo("UNKNOWN_AGGREGATE");
        assertThat(code(new FetchAggregateAsOf("capacity", "inst-1", null))).as("an account is no capacity")
                .isEqualTo("UNKNOWN_AGGREGATE");
    }

    /**
     * An appeal before and after its reply, rebuilt through its real model: its command handlers take services
     * (retention facts, the appeal period, the clock) that event sourcing never needs, so any parameter resolves.
     */
    @Test
    void an_appeal_as_of_before_and_after_its_reply() throws Exception {
        AggregateHistory appeals = new AggregateHistory(events.store, new AuditedAggregates(type ->
                AnnotatedAggregateMetaModelFactory.inspectAggregate(type, MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(type), ANY_PARAMETER))), Clock.systemUTC());
        Actor bureau = new Actor("bureau-420102", Role.DISTRICT_BUREAU, "420102");
        events.add("Appeal", "appeal-1", new AppealFiled("appeal-1", "WH-2026", "武汉2026", "H1", "医院", "420102",
                "申诉", "内容", List.of(), "inst-1", T0), T0.plusSeconds(10), "inst-1");
        events.add("Appeal", "appeal-1", new AppealReplied("appeal-1", 1, "已受理", bureau, AppealStatus.IN_PROGRESS,
                T0), T0.plusSeconds(20), "bureau-420102");

        JsonNode filed = json(appeals.handle(new FetchAggregateAsOf("appeal", "appeal-1", T0.plusSeconds(15))).state());
        JsonNode replied = json(appeals.handle(new FetchAggregateAsOf("appeal", "appeal-1", null)).state());
        assertThat(filed.path("status").asText()).isEqualTo("NEW");
        assertThat(filed.path("replies").asInt()).isZero();
        assertThat(replied.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(replied.path("replies").asInt()).isEqualTo(1);
        assertThat(replied.path("district").asText()).isEqualTo("420102");
    }

    /** Resolves any parameter but the first to null: command handlers' services, never used in event sourcing. */
    private static final ParameterResolverFactory ANY_PARAMETER = (executable, parameters, index) ->
            index == 0 ? null : new FixedValueParameterResolver<>(null);

    private String code(FetchAggregateAsOf query) {
        try {
            history.handle(query);
        } catch (QueryExecutionException e) {
            return ((Refusal) e.getDetails().orElseThrow()).code();
        }
        throw new AssertionError("not refused: " + query);
    }

    private static CapacityReserved reserved(String institution, long volume, long total) {
        return new CapacityReserved("HB-2026", "D1", institution, "L-" + institution, Volume.of(volume),
                Volume.of(total), Volume.of(1000), T0);
    }

    private static JsonNode json(String text) throws Exception {
        return JsonMapper.builder().build().readTree(text);
    }
}
