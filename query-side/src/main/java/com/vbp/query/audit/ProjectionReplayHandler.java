package com.vbp.query.audit;

import com.vbp.events.audit.ProjectionReplayCommands.FetchReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ListProjections;
import com.vbp.events.audit.ProjectionReplayCommands.ProjectionList;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStart;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStartOutcome;
import com.vbp.events.audit.ProjectionReplayCommands.StartReplay;
import com.vbp.query.identity.AccountProjection;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds a projection from the event history while the service runs: its processing group's tracking
 * processor is shut down, its tokens are reset to the start of the stream — Axon first calls the
 * projection's {@code @ResetHandler}, which empties its collections — and it is started again. Until it has
 * caught up with the position the stream had when the replay started, the projection's reads show
 * partial data. Other projections go on as before.
 * <p>
 * Progress is read from the processor's own status; a small monitor notes when each replay started here
 * has finished, for the events-per-second figure. It speaks for the query-side process that owns the
 * processor (one per processing group, see docs/operations.md). A replay started by another process, or
 * before a restart, shows as {@code replaying} without start time.
 * <p>
 * {@code accounts} may not be replayed while the service runs: every request's token check reads it, so
 * while it is rebuilt every login would be refused and logged-out tokens accepted again. Rebuild it offline.
 */
@Component
public class ProjectionReplayHandler {

    /** Processing groups that may not be rebuilt while requests are served. */
    static final Set<String> NOT_REPLAYABLE_ONLINE = Set.of(AccountProjection.GROUP);
    private static final Logger log = LoggerFactory.getLogger(ProjectionReplayHandler.class);
    private static final long MONITOR_MILLIS = 50;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Clock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "projection-replay-monitor");
        t.setDaemon(true);
        return t;
    });

    public ProjectionReplayHandler(EventProcessingConfiguration processing, EventStore eventStore,
                                   ObjectProvider<Clock> clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        monitor.scheduleWithFixedDelay(this::watch, MONITOR_MILLIS, MONITOR_MILLIS, TimeUnit.MILLISECONDS);
    }

    @CommandHandler
    public synchronized ReplayStart handle(StartReplay command) {
        String name = command.projection();
        Optional<StreamingEventProcessor> found = processor(name);
        if (found.isEmpty()) {
            return new ReplayStart(ReplayStartOutcome.UNKNOWN_PROJECTION, null);
        }
        StreamingEventProcessor processor = found.get();
        if (running(name, processor)) {
            return new ReplayStart(ReplayStartOutcome.REPLAY_RUNNING, progress(name, processor));
        }
        if (NOT_REPLAYABLE_ONLINE.contains(name) || !processor.supportsReset()) {
            return new ReplayStart(ReplayStartOutcome.REPLAY_NOT_ALLOWED, progress(name, processor));
        }
        long resetPosition = head();
        log.info("Replaying projection {} up to position {} (requested by {})", name, resetPosition,
                command.requestedBy());
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (UnableToClaimTokenException heldElsewhere) {
            // Resetting claims every segment; with two query-side instances the other one may hold some.
            log.warn("Replay of {} refused: {}", name, heldElsewhere.getMessage());
            return new ReplayStart(ReplayStartOutcome.REPLAY_HELD_ELSEWHERE, progress(name, processor));
        } finally {
            processor.start();
        }
        runs.put(name, new Run(clock.instant(), System.nanoTime(), resetPosition, command.requestedBy()));
        return new ReplayStart(ReplayStartOutcome.STARTED, progress(name, processor));
    }

    /** The projection's progress, or null when there is no such projection. */
    @QueryHandler
    public ReplayProgress handle(FetchReplayProgress query) {
        return processor(query.projection()).map(p -> progress(query.projection(), p)).orElse(null);
    }

    @QueryHandler
    public ProjectionList handle(ListProjections query) {
        Map<String, StreamingEventProcessor> all = new TreeMap<>();
        processing.eventProcessors().forEach((name, p) -> {
            if (p instanceof StreamingEventProcessor streaming) {
                all.put(name, streaming);
            }
        });
        return new ProjectionList(all.entrySet().stream().map(e -> progress(e.getKey(), e.getValue())).toList());
    }

    @PreDestroy
    void stop() {
        monitor.shutdownNow();
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return name == null ? Optional.empty() : processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    private boolean running(String name, StreamingEventProcessor processor) {
        Run run = runs.get(name);
        return (run != null && run.finishedAt == null) || behind(processor.processingStatus().values());
    }

    /**
     * A segment is still replaying while it has not reached the position of its reset. (Axon keeps calling a
     * segment "replaying" until it sees an event after that position, which an idle system may never write.)
     */
    private static boolean behind(Collection<EventTrackerStatus> status) {
        return status.stream().anyMatch(s -> s.isReplaying()
                && s.getCurrentPosition().orElse(-1) < s.getResetPosition().orElse(Long.MAX_VALUE));
    }

    private ReplayProgress progress(String name, StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> status = processor.processingStatus().values();
        boolean replaying = behind(status);
        boolean error = processor.isError() || status.stream().anyMatch(EventTrackerStatus::isErrorState);
        long position = position(status);
        Run run = runs.get(name);
        if (run == null) {
            long resetPosition = status.stream().map(EventTrackerStatus::getResetPosition)
                    .filter(java.util.OptionalLong::isPresent).mapToLong(java.util.OptionalLong::getAsLong)
                    .max().orElse(-1);
            return new ReplayProgress(name, replaying, false, position, resetPosition, head(), 0, null, null, null,
                    error);
        }
        Instant finishedAt = run.finishedAt;
        long reached = finishedAt != null ? Math.max(run.finishedPosition, 0) : Math.max(position, 0);
        long nanos = (finishedAt != null ? run.finishedNanos : System.nanoTime()) - run.startedNanos;
        double perSecond = nanos <= 0 ? 0 : Math.round(reached * 1e10 / nanos) / 10.0;
        return new ReplayProgress(name, finishedAt == null, finishedAt != null && !run.failed,
                position, run.resetPosition, head(), perSecond, run.startedAt, finishedAt, run.requestedBy,
                error || run.failed);
    }

    /** Marks the replays started here that have caught up (or stopped on an error) as finished. */
    private void watch() {
        runs.forEach((name, run) -> {
            if (run.finishedAt != null) {
                return;
            }
            try {
                processor(name).ifPresent(p -> {
                    Collection<EventTrackerStatus> status = p.processingStatus().values();
                    boolean failed = p.isError() || status.stream().anyMatch(EventTrackerStatus::isErrorState);
                    boolean caughtUp = !status.isEmpty() && !behind(status) && position(status) >= run.resetPosition;
                    if (failed || caughtUp) {
                        run.finish(clock.instant(), position(status), failed);
                        log.info("Replay of projection {} {} at position {}", name, failed ? "failed" : "finished",
                                run.finishedPosition);
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Cannot read the status of projection {}", name, e);
            }
        });
    }

    private static long position(Collection<EventTrackerStatus> status) {
        return status.stream().mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** A replay started by this process. */
    private static final class Run {
        final Instant startedAt;
        final long startedNanos;
        final long resetPosition;
        final String requestedBy;
        volatile Instant finishedAt;
        volatile long finishedNanos;
        volatile long finishedPosition = -1;
        volatile boolean failed;

        Run(Instant startedAt, long startedNanos, long resetPosition, String requestedBy) {
            this.startedAt = startedAt;
            this.startedNanos = startedNanos;
            this.resetPosition = resetPosition;
            this.requestedBy = requestedBy;
        }

        void finish(Instant at, long position, boolean failedNow) {
            finishedNanos = System.nanoTime();
            finishedPosition = position;
            failed = failedNow;
            finishedAt = at;
        }
    }
}
