package com.vbp.query.audit;

import com.vbp.events.audit.ProjectionReplayCommands.FetchReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ListProjections;
import com.vbp.events.audit.ProjectionReplayCommands.ProjectionList;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayProgress;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStart;
import com.vbp.events.audit.ProjectionReplayCommands.ReplayStartOutcome;
import com.vbp.events.audit.ProjectionReplayCommands.StartReplay;
import com.vbp.query.config.ProjectionProperties;
import com.vbp.query.config.ReadModelConfiguration.ReadStore;
import com.vbp.query.config.StoredTokens;
import com.vbp.query.identity.AccountProjection;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptorSupport;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds a projection from the event history while the service runs, beside the live read model
 * ({@link ShadowReplay}): readers keep the live figures until the rebuilt one has caught up and is switched in; a
 * replay that fails leaves the live read model in place and drops what it built. Other projections go on as before.
 * <p>
 * Progress is the replay's own: the stream position the rebuilt read model has reached, then, once switched, the
 * live processor's. It speaks for the query-side process that runs the replay; a processor in its old-style replay
 * (reset tokens, from before this process started) shows as {@code replaying} without start time.
 * <p>
 * A replay needs every segment of the processor: while another query-side instance holds one, it is refused.
 * {@code accounts} may not be replayed while the service runs: every request's token check reads it. Rebuild it
 * offline.
 */
@Component
public class ProjectionReplayHandler implements MessageHandlerInterceptorSupport<EventMessage<?>> {

    /** Processing groups that may not be rebuilt while requests are served. */
    static final Set<String> NOT_REPLAYABLE_ONLINE = Set.of(AccountProjection.GROUP);
    private static final Logger log = LoggerFactory.getLogger(ProjectionReplayHandler.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final StoredTokens storedTokens;
    private final ReadStore store;
    private final ListableBeanFactory beans;
    private final ObjectProvider<Configuration> axon;
    private final int batchSize;
    private final Clock clock;
    private final Map<String, ShadowReplay> runs = new ConcurrentHashMap<>();
    /** Run around every batch a replay handles; a processor's own interceptors are tied to its threads and tokens. */
    private final List<MessageHandlerInterceptor<? super EventMessage<?>>> interceptors = new CopyOnWriteArrayList<>();
    /**
     * One replay at a time; the others wait their turn (shown as replaying from position -1). Each holds a batch of
     * the history and its documents; eleven at once held eleven, 230 MB of a 256 MB heap at 1,000 institutions.
     */
    private final ExecutorService replays = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "projection-replay");
        t.setDaemon(true);
        return t;
    });

    public ProjectionReplayHandler(EventProcessingConfiguration processing, EventStore eventStore,
                                   TokenStore tokenStore, StoredTokens storedTokens, ReadStore store,
                                   ListableBeanFactory beans, ObjectProvider<Configuration> axon,
                                   ProjectionProperties properties, ObjectProvider<Clock> clock) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.storedTokens = storedTokens;
        this.store = store;
        this.beans = beans;
        this.axon = axon;
        this.batchSize = properties.replayBatchSize();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
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
        List<Object> projections = projections(name);
        if (NOT_REPLAYABLE_ONLINE.contains(name) || projections.isEmpty()) {
            return new ReplayStart(ReplayStartOutcome.REPLAY_NOT_ALLOWED, progress(name, processor));
        }
        if (tokenStore.fetchAvailableSegments(name).size() < tokenStore.fetchSegments(name).length) {
            log.warn("Replay of {} refused: another instance holds a segment of it", name);
            return new ReplayStart(ReplayStartOutcome.REPLAY_HELD_ELSEWHERE, progress(name, processor));
        }
        long resetPosition = head();
        log.info("Replaying projection {} beside the live one, from the start to position {} and on (requested by {})",
                name, resetPosition, command.requestedBy());
        ShadowReadModel shadow = new ShadowReadModel(store, projections, beans);
        Configuration config = axon.getObject();
        List<EventMessageHandler> handlers = shadow.projections().stream().<EventMessageHandler>map(
                p -> new AnnotationEventHandlerAdapter(p, config.parameterResolverFactory(),
                        config.handlerDefinition(p.getClass()))).toList();
        ShadowReplay.Live live = new ShadowReplay.Live(name, processor, projections, interceptors,
                processing.sequencingPolicy(name), tokenStore, storedTokens, eventStore, batchSize);
        ShadowReplay run = new ShadowReplay(live, shadow, handlers, clock, resetPosition, command.requestedBy());
        runs.put(name, run);
        replays.execute(run);
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
        replays.shutdownNow();
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return name == null ? Optional.empty() : processing.eventProcessor(name, StreamingEventProcessor.class);
    }

    /** The live beans of the processing group, whose shadows the replay builds. */
    private List<Object> projections(String name) {
        List<Object> found = new ArrayList<>();
        beans.getBeansWithAnnotation(ProcessingGroup.class).values().forEach(bean -> {
            ProcessingGroup group = AnnotationUtils.findAnnotation(ClassUtils.getUserClass(bean), ProcessingGroup.class);
            if (group != null && group.value().equals(name)) {
                found.add(bean);
            }
        });
        return found;
    }

    /** An interceptor of the batches every replay handles from now on (none in production; a test holds one). */
    @Override
    public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super EventMessage<?>> interceptor) {
        interceptors.add(interceptor);
        return () -> interceptors.remove(interceptor);
    }

    private boolean running(String name, StreamingEventProcessor processor) {
        ShadowReplay run = runs.get(name);
        return (run != null && !run.finished()) || behind(processor.processingStatus().values());
    }

    /**
     * A segment is still in an old-style replay (its tokens reset) while it has not reached the position of its
     * reset. (Axon keeps calling a segment "replaying" until it sees an event after that position, which an idle
     * system may never write.)
     */
    private static boolean behind(Collection<EventTrackerStatus> status) {
        return status.stream().anyMatch(s -> s.isReplaying()
                && s.getCurrentPosition().orElse(-1) < s.getResetPosition().orElse(Long.MAX_VALUE));
    }

    private ReplayProgress progress(String name, StreamingEventProcessor processor) {
        Collection<EventTrackerStatus> status = processor.processingStatus().values();
        boolean error = processor.isError() || status.stream().anyMatch(EventTrackerStatus::isErrorState);
        ShadowReplay run = runs.get(name);
        if (run == null) {
            long resetPosition = status.stream().map(EventTrackerStatus::getResetPosition)
                    .filter(java.util.OptionalLong::isPresent).mapToLong(java.util.OptionalLong::getAsLong)
                    .max().orElse(-1);
            return new ReplayProgress(name, behind(status), false, position(status), resetPosition, head(), 0, null,
                    null, null, error);
        }
        boolean finished = run.finished();
        long reached = run.position();
        long nanos = run.nanos();
        double perSecond = nanos <= 0 ? 0 : Math.round(Math.max(reached, 0) * 1e10 / nanos) / 10.0;
        return new ReplayProgress(name, !finished, finished && !run.failed(), reached, run.resetPosition, head(),
                perSecond, run.startedAt, run.finishedAt(), run.requestedBy, error || run.failed());
    }

    private static long position(Collection<EventTrackerStatus> status) {
        return status.stream().mapToLong(s -> s.getCurrentPosition().orElse(-1)).min().orElse(-1);
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
