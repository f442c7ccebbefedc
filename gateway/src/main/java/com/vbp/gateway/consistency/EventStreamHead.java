package com.vbp.gateway.consistency;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The event store's head position: one {@code max(globalIndex)} in standalone mode, one call to Axon Server in
 * distributed mode. Taken after a command's events were stored, it is at or past them (and at most a few other
 * clients' events further).
 */
@Component
public class EventStreamHead {

    private final EventStore eventStore;
    // The head only moves forward while this process runs: a position at or below one already read needs no query.
    private final AtomicLong highestRead = new AtomicLong(-1);

    public EventStreamHead(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long position() {
        TrackingToken head = eventStore.createHeadToken();
        long position = head == null ? -1 : head.position().orElse(-1);
        return highestRead.accumulateAndGet(position, Math::max);
    }

    /** Whether the store has reached this position; asks the store only past the highest head read so far. */
    public boolean reached(long position) {
        return position <= highestRead.get() || position <= position();
    }
}
