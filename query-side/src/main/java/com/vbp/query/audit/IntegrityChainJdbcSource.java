package com.vbp.query.audit;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Standalone mode: a second {@code JdbcEventStorageEngine} on the event store's own connection provider and
 * table schema, built without upcasters (see {@link IntegrityChainConfiguration}). Reads are plain queries;
 * a cursor keeps no state.
 */
final class IntegrityChainJdbcSource implements IntegrityChainSource {

    private final EventStorageEngine engine;
    private final Serializer serializer;

    IntegrityChainJdbcSource(EventStorageEngine engine, Serializer serializer) {
        this.engine = engine;
        this.serializer = serializer;
    }

    @Override
    public Cursor cursor() {
        return new Cursor() {
            @Override
            public List<IntegrityChainEvent> readAfter(long position, int max) {
                TrackingToken after = position < 0 ? null
                        : GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
                try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(after, false)) {
                    return events.limit(max).map(m -> IntegrityChainEvent.of(m, serializer)).toList();
                }
            }

            @Override
            public void close() {
                // nothing held between reads
            }
        };
    }

    @Override
    public long headPosition() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
