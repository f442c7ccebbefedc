package com.vbp.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http;
import com.vbp.standalone.demo.DemoData;
import com.vbp.standalone.demo.DemoDataGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every projection that may be replayed online, replayed at once on the standalone application in a JVM of its own
 * with a small heap ({@code bench.replay.heap}, 256m; the data loaded before in {@code bench.load.heap}, 1g) over a batch of {@code bench.institutions} (2,500) ×
 * {@code bench.lines} (20): each replay builds its read model beside the live one, batch by batch, so the heap it
 * needs does not grow with the history. Prints the time and the GC log's peak heap; fails if a replay fails or the
 * JVM runs out of memory.
 */
@Tag("benchmark")
class ReplayHeapBenchmark {

    private static final int INSTITUTIONS = Integer.getInteger("bench.institutions", 2_500);
    private static final int LINES = Integer.getInteger("bench.lines", 20);
    private static final String HEAP = System.getProperty("bench.replay.heap", "256m");
    private static final String LOAD_HEAP = System.getProperty("bench.load.heap", "1g");

    @TempDir
    Path dir;

    @Test
    void every_projection_replayed_at_once_in_a_small_heap() throws Exception {
        Path gcLog = Path.of("target", "replay-heap-gc.log").toAbsolutePath();
        DemoData data = DemoDataGenerator.generate(42, INSTITUTIONS, LINES);
        String batch;
        // The upload needs more heap than the replays (see FilesBenchmark): loaded first, in a JVM of its own.
        try (AppProcess loader = AppProcess.start(dir.resolve("data"), LOAD_HEAP, List.of(),
                Path.of("target", "replay-heap-load.log").toAbsolutePath())) {
            Http http = new Http(loader.port());
            String admin = BenchAdmin.login(http);
            batch = BenchAdmin.createBatch(http, admin, "BENCH");
            BenchAdmin.check(http.upload(batch + "/catalogue", admin, "c.xlsx", BenchAdmin.catalogueFile(data)));
            BenchAdmin.check(http.upload(batch + "/demands", admin, "d.xlsx", BenchAdmin.demandFile(data)));
        }
        try (AppProcess app = AppProcess.start(dir.resolve("data"), HEAP, List.of("-Xlog:gc:file=" + gcLog),
                Path.of("target", "replay-heap-app.log").toAbsolutePath())) {
            Http http = new Http(app.port());
            String admin = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", "Bench2026next")).json().path("token").asText();
            awaitProjections(http, admin);
            long supplyRows = http.get(batch + "/supply-list?size=1", admin).json().path("total").asLong();
            assertThat(supplyRows).isPositive();
            long idle = peakHeap(gcLog, 0);
            int replayFrom = Files.readString(gcLog).length();

            List<String> names = new ArrayList<>();
            http.get("/api/v1/admin/projections", admin).json().path("items")
                    .forEach(p -> names.add(p.path("projection").asText()));
            names.remove("accounts");
            long start = System.nanoTime();
            for (String name : names) {
                BenchAdmin.check(http.postJson("/api/v1/admin/projections/" + name + "/replay", admin, Map.of()));
            }
            long head = 0;
            for (String name : names) {
                JsonNode p;
                do {
                    Thread.sleep(200);
                    p = http.get("/api/v1/admin/projections/" + name + "/replay", admin).json();
                    assertThat(p.path("error").asBoolean()).as(p.toString()).isFalse();
                    // a read during the replays answers the live figures
                    assertThat(http.get(batch + "/supply-list?size=1", admin).json().path("total").asLong())
                            .isEqualTo(supplyRows);
                } while (!p.path("done").asBoolean());
                head = Math.max(head, p.path("resetPosition").asLong());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(http.get(batch + "/supply-list?size=1", admin).json().path("total").asLong())
                    .isEqualTo(supplyRows);
            System.out.printf("BENCH replay of %d projections at once over %,d events (%,d institutions × %d lines): "
                            + "%,d ms; app -Xmx%s, peak heap before a GC %,d MiB from start to the first replay, %,d MiB during the replays%n",
                    names.size(), head + 1, INSTITUTIONS, LINES, millis, HEAP, idle, peakHeap(gcLog, replayFrom));
        }
    }

    private static void awaitProjections(Http http, String admin) throws InterruptedException {
        while (true) {
            long head = -1;
            long lowest = Long.MAX_VALUE;
            for (JsonNode p : http.get("/api/v1/admin/projections", admin).json().path("items")) {
                head = Math.max(head, p.path("headPosition").asLong());
                lowest = Math.min(lowest, p.path("positionReached").asLong());
            }
            if (lowest >= head) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** The highest heap use before a collection in the GC log, from character {@code from} on. */
    private static long peakHeap(Path gcLog, int from) throws Exception {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)").matcher(Files.readString(gcLog).substring(from));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(1)));
        }
        return peak;
    }
}
