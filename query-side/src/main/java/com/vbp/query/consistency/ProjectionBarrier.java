package com.vbp.query.consistency;

import com.vbp.events.common.ConsistencyQueries.AwaitProjections;
import com.vbp.events.common.ConsistencyQueries.ProjectionsCaughtUp;
import com.vbp.query.config.StoredTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Waits until streaming processors have reached a position of the event stream, or until a timeout runs out: every
 * processor ({@link AwaitProjections}, after the few commands that wait for all) or the ones a query reads
 * ({@link ReadAfterInterceptor}).
 * <p>
 * A position is reached when EVERY segment of the processor has passed it, whichever query-side instance works on
 * it. The segments this instance holds are read from its processors' in-memory status; when they do not make up the
 * whole stream (another instance sharing the token store holds the rest, or the processor has not claimed its
 * segments yet), the other segments' tokens are read from the token store without claiming them
 * ({@link StoredTokens}). A segment's token is there only after its batch's documents are written, so a read that
 * waited for it sees them. A segment whose instance died keeps its last token until another instance claims it
 * (Axon's claim timeout, 10 s); a read waiting for it meanwhile is refused as {@code READ_MODEL_BEHIND}.
 * <p>
 * A segment has passed a position when its token is at or past it and holds no gap at or below it. A gap is an
 * index the processor went past that was not yet committed: a transaction still in flight, possibly the very
 * command being read after, so it is waited for. A gap can also be an index that will never come (a rolled-back
 * insert); after {@code app.consistency.gap-grace-millis} it is no longer waited for.
 */
@Component
public class ProjectionBarrier {

    private static final long MAX_WAIT_MILLIS = 30_000;
    // Each look reads every processor's status; waiting readers look at 1 ms, then less often up to every 8 ms
    // (16 waiting readers polling every 2 ms showed up in the profile of issue 14).
    private static final long FIRST_POLL_MILLIS = 1;
    private static final long MAX_POLL_MILLIS = 8;

    private final EventProcessingConfiguration processing;
    private final StoredTokens storedTokens;
    private final long gapGraceMillis;

    public ProjectionBarrier(EventProcessingConfiguration processing, StoredTokens storedTokens,
                             ReadConsistencyProperties properties) {
        this.processing = processing;
        this.storedTokens = storedTokens;
        this.gapGraceMillis = properties.gapGraceMillis();
    }

    @QueryHandler
    public ProjectionsCaughtUp handle(AwaitProjections query) throws InterruptedException {
        List<String> lagging = await(query.position(), null, query.timeoutMillis());
        return new ProjectionsCaughtUp(lagging.isEmpty(), query.position(), lagging);
    }

    /**
     * Waits until the named processors (every processor when {@code names} is null) reached {@code position};
     * answers the ones still behind when the timeout ran out, or an empty list.
     */
    public List<String> await(long position, Collection<String> names, long timeoutMillis)
            throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = start + Math.min(Math.max(timeoutMillis, 0), MAX_WAIT_MILLIS);
        List<String> lagging = lagging(position, names, false);
        long poll = FIRST_POLL_MILLIS;
        while (!lagging.isEmpty()) {
            long now = System.currentTimeMillis();
            if (now >= deadline) {
                return lagging;
            }
            Thread.sleep(poll);
            poll = Math.min(poll * 2, MAX_POLL_MILLIS);
            lagging = lagging(position, names, System.currentTimeMillis() - start >= gapGraceMillis);
        }
        return lagging;
    }

    private List<String> lagging(long position, Collection<String> names, boolean ignoreGaps) {
        List<String> behind = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if ((names == null || names.contains(name)) && processor instanceof StreamingEventProcessor streaming
                    && !reached(name, streaming, position, ignoreGaps)) {
                behind.add(name);
            }
        });
        return behind;
    }

    private boolean reached(String name, StreamingEventProcessor processor, long position, boolean ignoreGaps) {
        Map<Integer, EventTrackerStatus> held = processor.processingStatus();
        Collection<EventTrackerStatus> segments = wholeStream(held.values()) ? held.values() : everySegment(name, held);
        return !segments.isEmpty() && segments.stream().allMatch(s -> passed(s, position, ignoreGaps));
    }

    /** Whether the segments make up the whole stream: a segment of mask m is 1/(m+1) of it. */
    private static boolean wholeStream(Collection<EventTrackerStatus> segments) {
        long whole = 1L << 32;
        long covered = 0;
        for (EventTrackerStatus s : segments) {
            covered += whole / (s.getSegment().getMask() + 1L);
        }
        return covered == whole;
    }

    /** Every stored segment of the processor: its in-memory status when held here, otherwise its stored token. */
    private List<EventTrackerStatus> everySegment(String name, Map<Integer, EventTrackerStatus> held) {
        Map<Integer, TrackingToken> stored = storedTokens.of(name);
        int[] ids = stored.keySet().stream().mapToInt(Integer::intValue).toArray();
        List<EventTrackerStatus> all = new ArrayList<>();
        stored.forEach((id, token) -> all.add(held.containsKey(id) ? held.get(id)
                : new TrackerStatus(Segment.computeSegment(id, ids), token)));
        return all;
    }

    private static boolean passed(EventTrackerStatus s, long position, boolean ignoreGaps) {
        return skippedForReplay(s, position) || (s.getCurrentPosition().orElse(-1) >= position
                && (ignoreGaps || noGapUpTo(s.getTrackingToken(), position)));
    }

    /**
     * A processor being replayed shows partial data until it reaches where the replay started (docs/operations.md):
     * waiting for it would hold every read of it for the whole replay. A position after the replay's start is a new
     * event, which is waited for like any other: a replay that has finished stays "replaying" until the next event.
     */
    private static boolean skippedForReplay(EventTrackerStatus s, long position) {
        return s.isReplaying() && position <= s.getResetPosition().orElse(Long.MAX_VALUE);
    }

    private static boolean noGapUpTo(TrackingToken token, long position) {
        TrackingToken inner = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return !(inner instanceof GapAwareTrackingToken gapAware) || gapAware.getGaps().isEmpty()
                || gapAware.getGaps().first() > position;
    }
}
