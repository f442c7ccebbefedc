package com.vbp.events.common;

/**
 * Read-your-writes. A query carries, in its metadata under {@link #READ_AFTER}, the event-stream position its
 * request must see; the query side answers once the projections that answer it reached that position. After the
 * few commands other users depend on at once, the gateway asks with {@link AwaitProjections} that every projection
 * reach the position (the event store's head after the command).
 */
public final class ConsistencyQueries {

    /** The query metadata key holding the position (a long) the answer must reflect. */
    public static final String READ_AFTER = "readAfter";

    private ConsistencyQueries() {
    }

    public record AwaitProjections(long position, long timeoutMillis) {
    }

    /** {@code caughtUp} is false when the wait timed out; {@code lagging} names the processors behind. */
    public record ProjectionsCaughtUp(boolean caughtUp, long position, java.util.List<String> lagging) {
    }
}
