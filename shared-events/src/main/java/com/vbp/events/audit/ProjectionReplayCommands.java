package com.vbp.events.audit;

import java.time.Instant;
import java.util.List;

/**
 * Rebuilding a projection from the event history while the service runs (API.md
 * {@code /api/v1/admin/projections/{name}/replay}). A projection is named by its processing group
 * (e.g. {@code supply-list}, {@code allocation-lines}). The query side owns the event processors, so the
 * gateway reaches it with these messages, on the local buses or through Axon Server alike.
 */
public final class ProjectionReplayCommands {

    private ProjectionReplayCommands() {
    }

    /** Resets the projection's processing group and replays it from the first event; answered with a {@link ReplayStart}. */
    public record StartReplay(String projection, String requestedBy) {
    }

    public enum ReplayStartOutcome {
        STARTED,
        /** no processing group of that name */
        UNKNOWN_PROJECTION,
        /** a replay of that projection has not finished yet */
        REPLAY_RUNNING,
        /** the projection may not be rebuilt while the service runs */
        REPLAY_NOT_ALLOWED,
        /** another query-side instance holds a segment of the projection: it must be stopped there first */
        REPLAY_HELD_ELSEWHERE
    }

    /** {@code progress} is null when the projection is unknown. */
    public record ReplayStart(ReplayStartOutcome outcome, ReplayProgress progress) {
    }

    /** A query: the progress of the projection's last replay; answered with a {@link ReplayProgress}, or null when unknown. */
    public record FetchReplayProgress(String projection) {
    }

    /**
     * {@code positionReached}: the event-stream position the projection has processed (-1 before the first) — during
     * a replay, the position the read model being rebuilt beside the live one has reached, once switched in, the live
     * processor's; {@code resetPosition}: the head when the replay started, where it ends at the earliest; {@code headPosition}: the head
     * now; {@code eventsPerSecond}: stream positions processed per second since the replay started (over the
     * whole replay once done); {@code replaying}: still catching up with {@code resetPosition};
     * {@code done}: a replay started by this process has finished. {@code startedAt}, {@code finishedAt},
     * {@code requestedBy} are null when no replay was started since the query side started.
     * {@code error}: the processor stopped on an error, or the replay failed (its read model was dropped, the live
     * one kept).
     */
    public record ReplayProgress(String projection, boolean replaying, boolean done, long positionReached,
                                 long resetPosition, long headPosition, double eventsPerSecond, Instant startedAt,
                                 Instant finishedAt, String requestedBy, boolean error) {
    }

    /** A query: every projection (processing group) and its progress; answered with a {@link ProjectionList}. */
    public record ListProjections() {
    }

    public record ProjectionList(List<ReplayProgress> items) {
        public ProjectionList {
            items = List.copyOf(items);
        }
    }
}
