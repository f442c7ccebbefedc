package com.vbp.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.common.ConsistencyQueries.AwaitProjections;
import com.vbp.events.common.ConsistencyQueries.ProjectionsCaughtUp;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.standalone.backup.RestoreCommand;
import com.vbp.standalone.demo.DemoData;
import com.vbp.standalone.demo.DemoDataGenerator;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup and restore on the benchmark data set (FoundationBenchmark's: 10,000 institutions × 20 demand lines, the
 * allocations of a share of them): the online backup while a client keeps creating batches (its latency meanwhile),
 * the restore into a fresh directory, and the restart on it until the projections have caught up. Prints figures and
 * sizes; asserts that every step succeeds and the restored service has every acknowledged batch. Run with
 * {@code -Pbenchmark -Dtest=BackupRestoreBenchmark}; {@code -Dbench.institutions} makes the data set smaller.
 */
@Tag("benchmark")
class BackupRestoreBenchmark {

    private static final int INSTITUTIONS = Integer.getInteger("bench.institutions", 10_000);
    private static final int LINES = Integer.getInteger("bench.lines", 20);
    private static final double SHARE = Double.parseDouble(System.getProperty("bench.share", "0.2"));
    private static final int THREADS = Integer.getInteger("bench.threads", 4);

    @TempDir
    Path root;

    @Test
    void backup_restore_and_restart_figures() throws Exception {
        Path source = root.resolve("source");
        Path restored = root.resolve("restored");
        DemoData data = DemoDataGenerator.generate(42, INSTITUTIONS, LINES);
        List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        JsonNode backup;
        List<String> acknowledgedBefore = new ArrayList<>();
        long t;
        try (StandaloneApp app = StandaloneApp.start(source, "app.bootstrap.admin-password="
                + BenchAdmin.BOOTSTRAP_PASSWORD, "app.consistency.timeout-millis=600000")) {
            Http http = app.http();
            String admin = BenchAdmin.login(http);
            String batch = BenchAdmin.createBatch(http, admin, "BENCH");
            t = System.nanoTime();
            BenchAdmin.check(http.upload(batch + "/catalogue", admin, "c.xlsx", BenchAdmin.catalogueFile(data)));
            BenchAdmin.check(http.upload(batch + "/demands", admin, "d.xlsx", BenchAdmin.demandFile(data)));
            AllocationWorkload.Outcome work = new AllocationWorkload(app.bean(CommandGateway.class), "BENCH", data)
                    .run(SHARE, THREADS);
            awaitProjections(app);
            report("data set: %,d institutions x %d lines, %,d allocation commands, projected", ms(t), INSTITUTIONS,
                    LINES, work.commands());
            System.out.printf("BENCH data directory: events %,d bytes, read models %,d bytes, events up to %d%n",
                    size(source.resolve("events")), size(source.resolve("readmodels")),
                    app.bean(EventStore.class).createHeadToken().position().orElseThrow());

            // a client keeps creating batches, one after the other, while the backup is taken
            AtomicBoolean stop = new AtomicBoolean();
            List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    long s = System.nanoTime();
                    Answer created = http.postJson("/api/v1/procurement/batches", admin, Map.of("code", "B-" + i,
                            "name", "backup " + i, "allocationOpensAt", "2026-01-01T00:00:00Z",
                            "allocationClosesAt", "2099-01-01T00:00:00Z"));
                    if (created.status() == 201) {
                        acknowledged.add("B-" + i);
                        latencies.add(new long[] {s, System.nanoTime(), i});
                    }
                }
            });
            writer.start();
            AppProcess.sleep(2_000);
            long asked = System.nanoTime();
            backup = BenchAdmin.check(http.postJson("/api/v1/admin/backups", admin, Map.of())).json();
            long answered = System.nanoTime();
            AppProcess.sleep(1_000);
            stop.set(true);
            writer.join();
            report("online backup, as the client waits for it (%,d bytes, events up to %d; %d ms in the manifest)",
                    (answered - asked) / 1_000_000, backup.path("sizeBytes").asLong(),
                    backup.path("eventPosition").asLong(), backup.path("durationMillis").asLong());
            acknowledgedBefore.addAll(latencies.stream().filter(l -> l[1] < asked).map(l -> "B-" + l[2]).toList());
            long[] before = latencies.stream().filter(l -> l[1] < asked).mapToLong(l -> l[1] - l[0]).sorted()
                    .toArray();
            long[] during = latencies.stream().filter(l -> l[1] > asked && l[0] < answered)
                    .mapToLong(l -> l[1] - l[0]).sorted().toArray();
            System.out.printf("BENCH batch creation meanwhile: before the backup p50 %.1f ms max %.1f ms (%d); "
                            + "during it p50 %.1f ms max %.1f ms (%d)%n", p50(before), max(before), before.length,
                    p50(during), max(during), during.length);
        }

        Path archive = source.resolve("backups").resolve(backup.path("name").asText());
        t = System.nanoTime();
        int code = RestoreCommand.run(new String[] {"--restore=" + archive, "--app.data-dir=" + restored},
                System.out, System.err);
        assertThat(code).isEqualTo(RestoreCommand.RESTORED);
        report("restore into a fresh directory (%,d bytes written)", ms(t), size(restored));

        t = System.nanoTime();
        try (StandaloneApp app = StandaloneApp.start(restored, "app.consistency.timeout-millis=600000")) {
            report("restart on the restored directory, until it answers", ms(t));
            long caught = System.nanoTime();
            awaitProjections(app);
            report("projections caught up after the restart", ms(caught));
            Http http = app.http();
            String admin = BenchAdmin.check(http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", "Bench2026next"))).json().path("token").asText();
            List<String> codes = new ArrayList<>();
            BenchAdmin.check(http.get("/api/v1/procurement/batches", admin)).json()
                    .forEach(b -> codes.add(b.path("code").asText()));
            long inBackup = acknowledged.stream().filter(codes::contains).count();
            assertThat(codes).as("every batch acknowledged before the backup was asked for")
                    .containsAll(acknowledgedBefore);
            System.out.printf("BENCH restored: %d of the client's %d batches (the rest came after the copy)%n",
                    inBackup, acknowledged.size());
            assertThat(codes).contains("BENCH");
        }
    }

    private static void awaitProjections(StandaloneApp app) {
        long head = app.bean(EventStore.class).createHeadToken().position().orElseThrow();
        while (!app.bean(QueryGateway.class).query(new AwaitProjections(head, 20_000), ProjectionsCaughtUp.class)
                .join().caughtUp()) {
            System.out.println("BENCH-PROGRESS projections still catching up");
        }
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double p50(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2] / 1e6;
    }

    private static double max(long[] sorted) {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String what, long millis, Object... args) {
        System.out.printf("BENCH %-90s %,8d ms%n", String.format(what, args), millis);
    }
}
