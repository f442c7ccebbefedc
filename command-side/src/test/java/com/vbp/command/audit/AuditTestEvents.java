package com.vbp.command.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** An in-memory event store the audit tests fill with events of given aggregates, times and accounts. */
final class AuditTestEvents implements AutoCloseable {

    final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final Map<String, Long> sequences = new HashMap<>();

    DomainEventMessage<?> add(String type, String aggregateId, Object payload, Instant at, String account) {
        long sequence = sequences.merge(aggregateId, 0L, (a, b) -> a + 1);
        DomainEventMessage<?> event = new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                account == null ? MetaData.emptyInstance() : MetaData.with("account", account),
                UUID.randomUUID().toString(), at);
        store.publish(event);
        return event;
    }

    @Override
    public void close() {
        store.shutDown();
    }
}
