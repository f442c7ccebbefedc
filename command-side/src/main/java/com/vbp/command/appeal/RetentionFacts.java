package com.vbp.command.appeal;

import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a retention batch's facts from the batch's own events in Axon's event store and folds them with
 * {@link RetentionBatchFacts}, so that an appeal knows the batch without loading (or depending on) the
 * {@code RetentionBatch} aggregate, which keeps its state to itself.
 * <p>
 * It reads from sequence number 0 ({@code readEvents(batchCode, 0)}), which never starts from a snapshot: a snapshot
 * of the batch would hide the events folded here. Only the four event types the fold uses are deserialised, and of
 * the calculation imports only the latest, which replaces the others whole: a batch's stream holds one large
 * {@code RetainedAmountCalculated} per institution and round, and possibly several imports, none of which matter here.
 * Nothing is locked: a round stored while an appeal is being filed is seen by the next filing.
 * <p>
 * The event store is looked up on first use, like the capacity ledger's repository, so that wiring this component
 * never waits for Axon's configuration.
 */
public class RetentionFacts {

    private static final Set<Class<?>> FOLDED = Set.of(RetentionBatchCreated.class, RetentionFinalised.class,
            RetentionRecalculated.class);

    private final Supplier<EventStore> eventStore;

    public RetentionFacts(Supplier<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    /** The facts of batch {@code batchCode}; a batch without events does not {@link RetentionBatchFacts#exists()}. */
    public RetentionBatchFacts of(String batchCode) {
        RetentionBatchFacts facts = new RetentionBatchFacts(batchCode);
        DomainEventStream stream = eventStore.get().readEvents(batchCode, 0L);
        DomainEventMessage<?> latestImport = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Class<?> type = event.getPayloadType();
            if (CalculationDataImported.class.equals(type)) {
                latestImport = event;
            } else if (FOLDED.contains(type)) {
                facts.apply(event.getPayload());
            }
        }
        if (latestImport != null) {
            // the participants depend on nothing else the fold keeps, so folding the latest import last is the same
            facts.apply(latestImport.getPayload());
        }
        return facts;
    }
}
