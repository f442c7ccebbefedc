package com.vbp.query.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.util.Map;

/**
 * How the tracking processors run ({@code app.projections.*}); which of them may run in parallel is
 * {@link ProjectionThreads}' rule.
 *
 * @param batchSize  events per processor batch: each batch writes its documents with one bulk write per collection,
 *                   then its token
 * @param threads    threads of every processor that may run in parallel; an instance works on at most this many of
 *                   a processor's segments
 * @param segments   segments of those processors when their tokens are first created; 0: as many as threads
 * @param processors per-processor overrides of threads and segments, by processor name
 * @param replayBatchSize events per batch of a replay's rebuilt read model: smaller than a processor's, as a replay
 *                   reads the whole history in these batches beside the live processors (heap, see
 *                   {@code ReplayHeapBenchmark})
 * @param nodeId     this instance's name in the token store's claims; blank: Axon's default, {@code pid@host}, which
 *                   two instances on one host with one pid (two containers with a shared host name) would share
 */
@Validated
@ConfigurationProperties("app.projections")
public record ProjectionProperties(@DefaultValue("100") @Min(1) int batchSize,
                                   @DefaultValue("1") @Min(1) int threads,
                                   @DefaultValue("0") @Min(0) int segments,
                                   Map<String, @Valid Processor> processors,
                                   @DefaultValue("") String nodeId,
                                   @DefaultValue("25") @Min(1) int replayBatchSize) {

    public ProjectionProperties {
        processors = processors == null ? Map.of() : Map.copyOf(processors);
    }

    /** Threads and segments of one processor; unset ones come from the common values. */
    public record Processor(@Min(1) Integer threads, @Min(1) Integer segments) {
    }
}
