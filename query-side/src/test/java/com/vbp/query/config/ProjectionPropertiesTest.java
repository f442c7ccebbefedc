package com.vbp.query.config;

import com.vbp.query.config.ProjectionThreads.Threads;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code app.projections.*} bound, checked at start-up, and turned into each parallel processor's threads. */
class ProjectionPropertiesTest {

    @EnableConfigurationProperties(ProjectionProperties.class)
    static class Projections {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Projections.class, ProjectionThreads.class);

    @Test
    void the_defaults_run_every_processor_single() {
        runner.run(context -> {
            assertThat(context.getBean(ProjectionProperties.class).batchSize()).isEqualTo(100);
            assertThat(context.getBean(ProjectionThreads.class).parallel()).isEmpty();
        });
    }

    @Test
    void common_values_apply_to_the_parallel_processors_and_a_processor_may_override_them() {
        runner.withPropertyValues("app.projections.threads=2", "app.projections.segments=4",
                "app.projections.processors.allocation-report.threads=1",
                "app.projections.processors.allocation-report.segments=1").run(context ->
                assertThat(context.getBean(ProjectionThreads.class).parallel())
                        .containsExactlyEntriesOf(Map.of("allocation-lines", new Threads(2, 4))));
    }

    @Test
    void segments_default_to_the_threads() {
        runner.withPropertyValues("app.projections.processors.allocation-lines.threads=3").run(context ->
                assertThat(context.getBean(ProjectionThreads.class).parallel())
                        .containsEntry("allocation-lines", new Threads(3, 3)));
    }

    @Test
    void impossible_values_and_a_processor_that_must_stay_single_stop_the_start() {
        runner.withPropertyValues("app.projections.batch-size=0").run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("app.projections.processors.allocation-lines.segments=0")
                .run(context -> assertThat(context).hasFailed());
        runner.withPropertyValues("app.projections.processors.allocation-summary.threads=2")
                .run(context -> assertThat(context).getFailure().hasRootCauseMessage(
                        "Projection allocation-summary must run single-threaded: it writes documents shared across "
                                + "aggregates, reads another aggregate's, or needs global order"));
    }
}
