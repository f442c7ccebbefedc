package com.vbp.gateway.benchmark;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's benchmark ({@link WriteReadHarness}): the standalone application in its own JVM, the allocation
 * cycle over HTTP at 1, 4 and 16 clients, beside the raw limits of its stores measured in the same run. Sizes
 * come from {@code bench.*} properties (see {@link WriteReadHarness.Config#fromSystemProperties}); the table goes
 * to {@code target/benchmark-table.md}. Run with
 * {@code ./mvnw -B -ntp -o -Pbenchmark verify -pl gateway -am -Dtest=WriteReadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} or {@code tools/benchmark.sh}.
 */
@Tag("benchmark")
class WriteReadBenchmark {

    @TempDir
    Path work;

    @Test
    void the_write_read_path_beside_its_stores() throws Exception {
        BenchTable table = new WriteReadHarness(WriteReadHarness.Config.fromSystemProperties(work,
                Path.of("target", "benchmark-table.md"), Path.of("target", "bench-logs"))).run();
        assertThat(table.rows()).isNotEmpty();
    }
}
