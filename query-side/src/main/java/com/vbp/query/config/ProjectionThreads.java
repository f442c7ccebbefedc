package com.vbp.query.config;

import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How many threads and segments each tracking processor runs with: {@code app.projections.threads} and
 * {@code app.projections.segments} for every processor that may run in parallel, overridden per processor by
 * {@code app.projections.processors.<name>.threads} / {@code .segments} ({@link ProjectionProperties}).
 * <p>
 * Segments split the stream by Axon's default sequencing policy, the aggregate id. Only processors whose every
 * document belongs to the one aggregate whose events write it, and whose handlers read nothing another aggregate
 * writes, may run in parallel ({@link #PARALLEL}): {@code allocation-lines} (a document per institution allocation,
 * one per product capacity) and {@code allocation-report} (a document per institution allocation). The others stay
 * single: {@code allocation-summary} (totals shared by every institution), {@code supply-list} (an institution's
 * document is built from its batch's catalogue, another aggregate's event), {@code integrity-chain} (a chain in
 * global order), and the rest read or write across aggregates or are too small to matter. A thread or segment
 * setting for one of them is refused at start-up rather than let it corrupt a read model.
 * <p>
 * A thread works on one segment, so an instance holds at most {@code threads} segments of a processor and
 * the rest are left to other instances sharing the token store. The defaults are one thread and one segment: on the
 * 2-core machine the embedded store's server and the event store reads take the cores, and the bulk-writing
 * processors are no longer the bottleneck (see the report of issue 14). Segments are fixed when a processor's tokens
 * are first created: a changed count applies only to a processor with no token in the store (a replay keeps the
 * count).
 */
@Component
public class ProjectionThreads {

    /** The processors that may run with several segments, see the class comment. */
    public static final Set<String> PARALLEL = Set.of("allocation-lines", "allocation-report");

    /** Threads and segments of one processor. */
    public record Threads(int threads, int segments) {
    }

    private final Map<String, Threads> parallel = new LinkedHashMap<>();

    public ProjectionThreads(ProjectionProperties properties) {
        properties.processors().keySet().stream().filter(name -> !PARALLEL.contains(name)).findFirst()
                .ifPresent(name -> {
                    throw new IllegalStateException("Projection " + name + " must run single-threaded: it writes "
                            + "documents shared across aggregates, reads another aggregate's, or needs global order");
                });
        for (String name : PARALLEL) {
            ProjectionProperties.Processor own = properties.processors().get(name);
            int t = own != null && own.threads() != null ? own.threads() : properties.threads();
            int s = own != null && own.segments() != null ? own.segments()
                    : properties.segments() > 0 ? properties.segments() : t;
            if (t > 1 || s > 1) {
                parallel.put(name, new Threads(t, s));
            }
        }
    }

    /** The processors to run with more than one thread or segment. */
    public Map<String, Threads> parallel() {
        return parallel;
    }
}
