package com.vbp.events.common;

/**
 * Read-your-writes: after a command, the gateway asks the query side to wait until every projection
 * has processed the event stream up to {@code position} (the event store's head after the command).
 */
public final class ConsistencyQueries {

    private ConsistencyQueries() {
    }

    public record AwaitProjections(long position, long timeoutMillis) {
    }

    /** {@code caughtUp} is false when the wait timed out; {@code lagging} names the processors behind. */
    public record ProjectionsCaughtUp(boolean caughtUp, long position, java.util.List<String> lagging) {
    }
}
