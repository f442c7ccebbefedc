package com.vbp.gateway.consistency;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The event store's head position: one {@code max(globalIndex)} in standalone mode, one call to Axon Server in
 * distributed mode. Taken after a command's events were stored, it is at or past them (and at most a few other
 * clients' events further).
 */
@Component
public class EventStreamHead {

    private final EventStore eventStore;

    public EventStreamHead(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long position() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
