package com.vbp.query.consistency;

import com.vbp.events.common.ConsistencyQueries.AwaitProjections;
import com.vbp.events.common.ConsistencyQueries.ProjectionsCaughtUp;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers once every streaming processor of this process has reached a position of the event
 * stream, or when the timeout runs out. It reads the processors' in-memory status, so it speaks for
 * the query-side process that owns the segments (one per processor by default).
 */
@Component
public class ProjectionBarrier {

    private static final long MAX_WAIT_MILLIS = 30_000;

    private final EventProcessingConfiguration processing;

    public ProjectionBarrier(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @QueryHandler
    public ProjectionsCaughtUp handle(AwaitProjections query) throws InterruptedException {
        long deadline = System.currentTimeMillis() + Math.min(Math.max(query.timeoutMillis(), 0), MAX_WAIT_MILLIS);
        List<String> lagging = lagging(query.position());
        while (!lagging.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
            lagging = lagging(query.position());
        }
        return new ProjectionsCaughtUp(lagging.isEmpty(), query.position(), lagging);
    }

    public List<String> lagging(long position) {
        List<String> behind = new ArrayList<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && !reached(streaming, position)) {
                behind.add(name);
            }
        });
        return behind;
    }

    private static boolean reached(StreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        // A processor being replayed shows partial data anyway (docs/operations.md); waiting for it would hold
        // every command for the whole timeout while an administrator rebuilds one projection.
        return status.values().stream()
                .allMatch(s -> s.isReplaying() || s.getCurrentPosition().orElse(-1) >= position);
    }
}
