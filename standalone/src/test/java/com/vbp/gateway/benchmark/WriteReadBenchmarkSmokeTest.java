package com.vbp.gateway.benchmark;

import com.vbp.gateway.benchmark.BenchTable.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write→read benchmark at a tiny size, in the normal test run, so that a change that breaks it (an endpoint,
 * the cycle, a step of the table) is seen before a benchmark run: its own application process, 20 institutions
 * × 5 lines, 1 and 2 clients for 2 s, the eventual run, a 200-row upload and its export, the raw limits. Asserts that every row of the table has a figure and that the cycle was never refused; the figures
 * themselves are the benchmark's business.
 */
class WriteReadBenchmarkSmokeTest {

    @TempDir
    Path work;

    @Test
    void every_row_of_the_table_has_a_figure() throws Exception {
        // One process at -Xmx256m, started for speed like the test JVM, does the load, the upload and the export.
        // No replay: replaying eleven projections takes ten seconds even on a tiny store, the benchmark does it.
        WriteReadHarness.Config config = new WriteReadHarness.Config(20, 5, 2, List.of(1, 2), 2, 0, 2, "256m",
                "256m", false, 200, 200, 1, 2, 0.3, 2_000, 30, work, work.resolve("table.md"),
                Path.of("target", "bench-logs-smoke"), List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        BenchTable table = new WriteReadHarness(config).run();

        List<String> steps = table.rows().stream().map(Row::step).toList();
        assertThat(steps).anyMatch(s -> s.startsWith("raw H2 durable append"))
                .anyMatch(s -> s.startsWith("raw H2 sequential read"))
                .anyMatch(s -> s.startsWith("raw read-model store, replaceOne upsert ~5 kB"))
                .anyMatch(s -> s.startsWith("raw read-model store, replaceOne upsert ~300 B"))
                .anyMatch(s -> s.startsWith("raw read-model store, find by _id"))
                .anyMatch(s -> s.equals("commands, 1 client, read-your-writes"))
                .anyMatch(s -> s.equals("commands, 2 clients, read-your-writes"))
                .anyMatch(s -> s.equals("commands, 2 clients, X-Consistency: eventual"))
                .anyMatch(s -> s.startsWith("read of the own line after each command, 2 clients, read-your-writes"))
                .anyMatch(s -> s.startsWith("projections caught up"))
                .anyMatch(s -> s.startsWith("supply list of an institution"))
                .anyMatch(s -> s.startsWith("every line confirmed and 上报"))
                .anyMatch(s -> s.contains("until answered"))
                .anyMatch(s -> s.contains("until projected"))
                .anyMatch(s -> s.startsWith("supply-list export"));
        assertThat(table.rows()).allSatisfy(r -> {
            assertThat(r.value()).as(r.step() + ": " + r.figure()).isFinite().isNotNegative();
            assertThat(r.figure()).as(r.step()).matches(".*\\d.*").doesNotContain("failed");
        });
        assertThat(table.rows()).filteredOn(r -> r.step().startsWith("commands,")).allSatisfy(r -> {
            assertThat(r.value()).as(r.step()).isPositive();
            assertThat(r.figure()).as(r.step()).contains("other non-2xx: 0)");
        });
        assertThat(table.rows()).filteredOn(r -> r.step().startsWith("read of the own line")).allSatisfy(r ->
                assertThat(r.figure()).as(r.step()).contains("other non-2xx: 0;"));
        assertThat(table.rows()).filteredOn(r -> r.step().startsWith("every line confirmed"))
                .singleElement().satisfies(r -> assertThat(r.figure()).contains("4 institutions reported; non-2xx: 0"));
        assertThat(work.resolve("table.md")).content().contains("| step | figure |");
    }
}
