package com.vbp.command.audit;

import com.vbp.events.audit.AuditQueries.AggregateAsOf;
import com.vbp.events.audit.AuditQueries.AuditEvent;
import com.vbp.events.audit.AuditQueries.FetchAggregateAsOf;
import com.vbp.events.common.RefusalCode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An aggregate as it was at a point in time ({@code GET /api/v1/audit/aggregates/{type}/{id}?asOf=}): its events
 * from sequence 0 (never a snapshot, which may be younger than {@code asOf}), up to the first one stamped after
 * {@code asOf}, applied to a fresh instance by Axon's own event-sourcing machinery — the aggregate's model with the
 * application's parameter resolvers, {@link GenericAggregateFactory} and {@link EventSourcedAggregate#initializeState}
 * — exactly as the repository loads it, but with nothing published and nothing locked. The state is the aggregate's
 * fields as redacted JSON.
 */
@Component
public class AggregateHistory {

    /** the events answered with the state, at most (the latest ones); the count says how many there were */
    static final int MAX_EVENTS = 1_000;

    private final EventStore eventStore;
    private final AuditedAggregates aggregates;
    private final Clock clock;

    public AggregateHistory(EventStore eventStore, AuditedAggregates aggregates, Clock clock) {
        this.eventStore = eventStore;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    @QueryHandler
    public AggregateAsOf handle(FetchAggregateAsOf query) {
        Class<?> type = aggregates.typeNamed(query.type()).orElseThrow(() -> AuditRefusals.refuse(
                RefusalCode.UNKNOWN_AGGREGATE_TYPE, "There is no aggregate type " + query.type() + " to rebuild",
                Map.of("type", String.valueOf(query.type()), "types", List.copyOf(AuditedAggregates.names()))));
        Instant asOf = query.asOf() == null ? clock.instant() : query.asOf();
        return rebuild(type, query.type(), query.aggregateId(), asOf);
    }

    private <T> AggregateAsOf rebuild(Class<T> type, String name, String id, Instant asOf) {
        AggregateModel<T> model = aggregates.model(type);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(id, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(asOf)) {
                break;
            }
            events.add(event);
        }
        if (events.isEmpty() || !model.type().equals(events.get(0).getType())) {
            throw AuditRefusals.refuse(RefusalCode.UNKNOWN_AGGREGATE, "There is no " + name + " " + id
                    + " as of " + asOf, Map.of("type", name, "id", id, "asOf", asOf.toString()));
        }
        T root = new GenericAggregateFactory<>(model).createAggregateRoot(id, events.get(0));
        EventSourcedAggregate<T> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(events));
        List<AuditEvent> shown = events.subList(Math.max(0, events.size() - MAX_EVENTS), events.size()).stream()
                .map(e -> AuditEvents.of(e, null)).toList();
        return new AggregateAsOf(name, id, model.type(), asOf, aggregate.version(),
                AuditJson.render(aggregate.getAggregateRoot()), events.size(), shown);
    }
}
