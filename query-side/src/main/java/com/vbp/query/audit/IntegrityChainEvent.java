package com.vbp.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event as it is stored, before any upcaster: what a link of the integrity chain covers.
 * {@code payload} holds the stored bytes; {@code metaData} the metadata, sorted by key.
 * {@code aggregateType}, {@code aggregateId} are null and {@code sequenceNumber} -1 for an event that
 * belongs to no aggregate.
 */
public record IntegrityChainEvent(long position, String eventId, String aggregateType, String aggregateId,
                                  long sequenceNumber, Instant timestamp, String payloadType,
                                  String payloadRevision, byte[] payload, Map<String, Object> metaData) {

    /**
     * The stored form of an event read from a source that has no upcaster: its payload comes straight
     * from the store, because a serialized message hands out its own serialized form when asked for it
     * with the serializer it was read with.
     */
    static IntegrityChainEvent of(TrackedEventMessage<?> message, Serializer serializer) {
        SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
        long position = message.trackingToken().position()
                .orElseThrow(() -> new IllegalStateException("an event without a stream position"));
        String aggregateType = null;
        String aggregateId = null;
        long sequenceNumber = -1;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        }
        return new IntegrityChainEvent(position, message.getIdentifier(), aggregateType, aggregateId, sequenceNumber,
                message.getTimestamp(), payload.getType().getName(), payload.getType().getRevision(),
                payload.getData(), new TreeMap<>(message.getMetaData()));
    }
}
