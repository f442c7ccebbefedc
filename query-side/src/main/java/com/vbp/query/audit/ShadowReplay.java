package com.vbp.query.audit;

import com.vbp.query.config.CachedReadModel;
import com.vbp.query.config.StoredTokens;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One replay of a projection: its read model is built anew beside the live one ({@link ShadowReadModel}) from the
 * whole history, and put in its place once it has caught up. Readers see the live figures until then; a replay that
 * fails drops what it built and leaves the live read model and processor as they were.
 * <p>
 * <b>Building.</b> The history is read from the start of the event store's stream, in batches of
 * {@code app.projections.replay-batch-size} events, each handled in a {@link BatchingUnitOfWork} (through the replay's interceptors), so the shadow
 * projections write through the same {@code BatchWrites} buffer as the live ones: one batch of events and its
 * documents in memory at a time. While the live processor runs, the shadow handles only events its stored token
 * already covers, so the shadow never gets ahead of it.
 * <p>
 * <b>Switching.</b> When the shadow has handled what the live token covers and the live processor has reached the
 * head as it was when the replay started (or is failing), the live processor is shut down and its segments claimed here, so no other instance takes
 * them; the shadow is fed exactly the events those tokens cover — an event at a position the token still waits for
 * (a gap of the JDBC store) is left to the live processor — the shadow collections are renamed over the live ones,
 * the live projections drop their caches, and the live processor is started again from its unchanged tokens. Tokens
 * never go back, so a read that waits for its own write ({@code ProjectionBarrier}) is served as ever; during the
 * switch (milliseconds, plus the live processor's lag) it waits.
 */
final class ShadowReplay implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ShadowReplay.class);
    /** In the switch, an event the live token covers but the stream has not delivered is waited for this long. */
    private static final long LATE_EVENT_MILLIS = 3_000;

    /** What a replay needs of the live side. */
    record Live(String name, StreamingEventProcessor processor, List<Object> projections,
                List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors,
                SequencingPolicy<? super EventMessage<?>> sequencing, TokenStore tokenStore, StoredTokens storedTokens,
                EventStore eventStore, int batchSize) {
    }

    private final Live live;
    private final ShadowReadModel shadow;
    private final List<EventMessageHandler> handlers;
    private final Clock clock;

    final Instant startedAt;
    final long startedNanos;
    final long resetPosition;
    final String requestedBy;
    private volatile long position = -1;
    private volatile Instant finishedAt;
    private volatile long finishedNanos;
    private volatile boolean failed;

    ShadowReplay(Live live, ShadowReadModel shadow, List<EventMessageHandler> handlers, Clock clock,
                 long resetPosition, String requestedBy) {
        this.live = live;
        this.shadow = shadow;
        this.handlers = handlers;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.startedNanos = System.nanoTime();
        this.resetPosition = resetPosition;
        this.requestedBy = requestedBy;
    }

    boolean finished() {
        return finishedAt != null;
    }

    boolean failed() {
        return failed;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    /** The stream position the shadow has handled; once switched, the live processor's. */
    long position() {
        return position;
    }

    /** Nanoseconds from the start to the end (or to now while running). */
    long nanos() {
        return (finishedAt != null ? finishedNanos : System.nanoTime()) - startedNanos;
    }

    @Override
    public void run() {
        try (BlockingStream<TrackedEventMessage<?>> stream = live.eventStore().openStream(null)) {
            Events events = new Events(stream);
            build(events);
            switchOver(events);
            finish(false);
            log.info("Replay of projection {} switched over at position {}", live.name(), position);
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Replay of projection {} failed; the live read model stays in place", live.name(), e);
            try {
                shadow.drop();
            } catch (RuntimeException dropFailed) {
                log.warn("Cannot drop the shadow collections of {}", live.name(), dropFailed);
            }
            finish(true);
        } finally {
            shadow.close();
        }
    }

    private void finish(boolean failedNow) {
        finishedNanos = System.nanoTime();
        failed = failedNow;
        finishedAt = clock.instant();
    }

    /**
     * Handles the events the live processor's stored tokens cover, until none is left to handle and the live
     * processor has reached the head as it was at the start (or no longer moves: it is failing, and the switch
     * leaves it as it is). The live processor may go on meanwhile; what it handles after this is the switch's.
     */
    private void build(Events events) throws Exception {
        LiveTokens tokens = stored();
        List<TrackedEventMessage<?>> batch = new ArrayList<>();
        while (true) {
            Optional<Events.Next> next = events.peek(20);
            if (next.isPresent() && tokens.covers(next.get())) {
                batch.add(events.take().event());
                if (batch.size() >= live.batchSize()) {
                    handle(batch, events);
                }
                continue;
            }
            handle(batch, events);
            LiveTokens now = stored();
            boolean moved = !now.equals(tokens);
            if (moved) {
                tokens = now;
            }
            if (next.isPresent() && tokens.covers(next.get())) {
                continue;
            }
            if (tokens.position() >= resetPosition || live.processor().isError()) {
                return; // a failing live processor is switched over where it stands, and goes on retrying
            }
            if (!moved) {
                Thread.sleep(20);
            }
        }
    }

    /** Stops the live processor, brings the shadow exactly to its tokens, switches, and starts it again. */
    private void switchOver(Events events) throws Exception {
        String name = live.name();
        live.processor().shutDown();
        List<Integer> claimed = new ArrayList<>();
        try {
            int[] ids = live.tokenStore().fetchSegments(name);
            if (ids.length == 0) {
                throw new IllegalStateException("Processor " + name + " has no tokens yet: nothing to switch over");
            }
            Map<Segment, TrackingToken> bySegment = new HashMap<>();
            for (int id : ids) {
                // Claiming keeps another instance from working on the segment while the read model is switched.
                bySegment.put(Segment.computeSegment(id, ids), live.tokenStore().fetchToken(name, id));
                claimed.add(id);
            }
            LiveTokens tokens = new LiveTokens(bySegment, live.sequencing());
            List<TrackedEventMessage<?>> batch = new ArrayList<>();
            long idleSince = System.nanoTime();
            while (!tokens.reachedBy(events.seen())) {
                Optional<Events.Next> next = events.peek(50);
                if (next.isEmpty()) {
                    if (System.nanoTime() - idleSince > TimeUnit.MILLISECONDS.toNanos(LATE_EVENT_MILLIS)
                            && tokens.passedBy(events.seen())) {
                        break; // what the stream still waits for was never written: the live token gave up on it
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                Events.Next taken = events.take();
                if (tokens.covers(taken)) {
                    batch.add(taken.event());
                }
                if (batch.size() >= live.batchSize()) {
                    handle(batch, events);
                    claimed.forEach(id -> live.tokenStore().extendClaim(name, id));
                }
            }
            handle(batch, events);
            shadow.switchOver();
            live.projections().stream().filter(CachedReadModel.class::isInstance)
                    .forEach(p -> ((CachedReadModel) p).dropCaches());
            position = tokens.position();
        } finally {
            for (int id : claimed) {
                try {
                    live.tokenStore().releaseClaim(name, id);
                } catch (RuntimeException e) {
                    log.warn("Cannot release the claim on segment {} of {}", id, name, e);
                }
            }
            live.processor().start();
        }
    }

    /** The live tokens as stored, read without claiming them. */
    private LiveTokens stored() {
        Map<Integer, TrackingToken> byId = live.storedTokens().of(live.name());
        int[] ids = byId.keySet().stream().mapToInt(Integer::intValue).toArray();
        Map<Segment, TrackingToken> bySegment = new HashMap<>();
        byId.forEach((id, token) -> bySegment.put(Segment.computeSegment(id, ids), token));
        return new LiveTokens(bySegment, live.sequencing());
    }

    /** Handles one batch in the shadow, as the live processor would; its documents are written when it commits. */
    private void handle(List<TrackedEventMessage<?>> batch, Events events) throws Exception {
        if (batch.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        ResultMessage<?> result = unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<EventMessage<?>>(unitOfWork, live.interceptors(), message -> {
                    for (EventMessageHandler handler : handlers) {
                        if (handler.canHandle(message)) {
                            handler.handle(message);
                        }
                    }
                    return null;
                }).proceed(), RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw cause instanceof Exception e ? e : new IllegalStateException(cause);
        }
        batch.clear();
        position = events.seenPosition();
    }

    /**
     * The event stream from its start, with the position of each event. A JDBC store's token names the highest
     * position seen, so an event that fills a gap comes with the token before it less that gap: its position is the
     * gap that went (the highest, should the token also have given up on older ones at that moment).
     */
    static final class Events {

        record Next(TrackedEventMessage<?> event, long position) {
        }

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private TrackingToken seen;

        Events(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        Optional<Next> peek(long millis) throws InterruptedException {
            if (!stream.hasNextAvailable((int) millis, TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            return stream.peek().map(e -> new Next(e, positionOf(e.trackingToken())));
        }

        Next take() throws InterruptedException {
            TrackedEventMessage<?> e = stream.nextAvailable();
            Next next = new Next(e, positionOf(e.trackingToken()));
            seen = e.trackingToken();
            return next;
        }

        TrackingToken seen() {
            return seen;
        }

        long seenPosition() {
            return seen == null ? -1 : seen.position().orElse(-1);
        }

        private long positionOf(TrackingToken token) {
            if (token instanceof GapAwareTrackingToken now && seen instanceof GapAwareTrackingToken before
                    && now.getIndex() <= before.getIndex()) {
                SortedSet<Long> filled = new TreeSet<>(before.getGaps());
                filled.removeAll(now.getGaps());
                return filled.isEmpty() ? now.getIndex() : filled.last();
            }
            return token.position().orElse(-1);
        }
    }

    /** The live processor's tokens by segment, and which events they cover. */
    record LiveTokens(Map<Segment, TrackingToken> bySegment, SequencingPolicy<? super EventMessage<?>> sequencing) {

        /** Whether the live processor has handled (or passed for good) this event. */
        boolean covers(Events.Next next) {
            TrackingToken token = current(bySegment.get(segmentOf(next.event())));
            if (token == null) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken g) {
                return next.position() <= g.getIndex() && !g.getGaps().contains(next.position());
            }
            return next.position() <= token.position().orElse(-1);
        }

        /** Whether a stream that has seen up to {@code seen} has delivered every event these tokens cover. */
        boolean reachedBy(TrackingToken seen) {
            for (TrackingToken t : bySegment.values()) {
                TrackingToken token = current(t);
                if (token == null) {
                    continue;
                }
                if (seen == null) {
                    return false;
                }
                if (token instanceof GapAwareTrackingToken g && seen instanceof GapAwareTrackingToken s) {
                    if (s.getIndex() < g.getIndex() || !g.getGaps().containsAll(s.getGaps().headSet(g.getIndex() + 1))) {
                        return false;
                    }
                } else if (seen.position().orElse(-1) < token.position().orElse(-1)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether the stream has gone as far as every token, leaving aside positions it still waits for. */
        boolean passedBy(TrackingToken seen) {
            return position() <= (seen == null ? -1 : seen.position().orElse(-1));
        }

        /** The lowest position of the segments: up to there every segment has been handled. */
        long position() {
            return bySegment.values().stream().map(LiveTokens::current)
                    .mapToLong(t -> t == null ? -1 : t.position().orElse(-1)).min().orElse(-1);
        }

        private Segment segmentOf(EventMessage<?> event) {
            if (bySegment.size() == 1) {
                return bySegment.keySet().iterator().next();
            }
            Object key = Objects.requireNonNullElseGet(sequencing.getSequenceIdentifierFor(event), event::getIdentifier);
            return bySegment.keySet().stream().filter(s -> s.matches(key)).findFirst().orElseThrow();
        }

        private static TrackingToken current(TrackingToken token) {
            return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        }
    }
}
