package com.vbp.command.appeal;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.util.HashMap;
import java.util.Map;

/**
 * An in-memory event store holding retention batches' events as the {@code RetentionBatch} aggregate would store
 * them, and the {@link RetentionFacts} that reads it.
 */
final class RetentionHistory {

    final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Map<String, Long> sequences = new HashMap<>();

    /** Appends {@code events} to aggregate {@code aggregateId} of {@code type}. */
    RetentionHistory record(String type, String aggregateId, Object... events) {
        for (Object event : events) {
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            store.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, event));
        }
        return this;
    }

    /** Appends {@code events} to the retention batch {@code batchCode}. */
    RetentionHistory batch(String batchCode, Object... events) {
        return record("RetentionBatch", batchCode, events);
    }

    long lastSequence(String aggregateId) {
        return sequences.getOrDefault(aggregateId, 0L) - 1;
    }

    RetentionFacts facts() {
        return new RetentionFacts(() -> store);
    }

    void shutDown() {
        store.shutDown();
    }
}
