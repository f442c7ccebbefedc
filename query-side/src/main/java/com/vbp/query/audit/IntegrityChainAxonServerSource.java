package com.vbp.query.audit;

import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Distributed mode: an Axon Server event store of its own, built without upcasters (see
 * {@link IntegrityChainConfiguration}). A cursor keeps its event stream open while it is read in order, and
 * opens a new one when asked for another position. Not run here (no Axon Server on these machines).
 */
final class IntegrityChainAxonServerSource implements IntegrityChainSource {

    private static final long WAIT_MILLIS = 2_000;

    private final AxonServerEventStore store;
    private final Serializer serializer;

    IntegrityChainAxonServerSource(AxonServerEventStore store, Serializer serializer) {
        this.store = store;
        this.serializer = serializer;
    }

    @Override
    public Cursor cursor() {
        return new StreamCursor();
    }

    @Override
    public long headPosition() {
        TrackingToken head = store.createHeadToken();
        // Axon Server's head token is the position of the last event (none when the store is empty).
        return head == null ? -1 : head.position().orElse(-1);
    }

    private final class StreamCursor implements Cursor {

        private TrackingEventStream stream;
        private long streamAt = Long.MIN_VALUE;

        @Override
        public synchronized List<IntegrityChainEvent> readAfter(long position, int max) {
            if (stream == null || streamAt != position) {
                close();
                stream = store.openStream(position < 0 ? null : new GlobalSequenceTrackingToken(position));
                streamAt = position;
            }
            long head = headPosition();
            List<IntegrityChainEvent> events = new ArrayList<>();
            try {
                while (events.size() < max && streamAt < head
                        && stream.hasNextAvailable((int) WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    IntegrityChainEvent event = IntegrityChainEvent.of(message, serializer);
                    events.add(event);
                    streamAt = event.position();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the event stream", e);
            }
            return events;
        }

        @Override
        public synchronized void close() {
            if (stream != null) {
                stream.close();
                stream = null;
            }
        }
    }
}
