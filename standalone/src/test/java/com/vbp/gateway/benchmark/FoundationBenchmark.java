package com.vbp.gateway.benchmark;

import com.vbp.events.common.ConsistencyQueries.AwaitProjections;
import com.vbp.events.common.ConsistencyQueries.ProjectionsCaughtUp;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.standalone.demo.DemoData;
import com.vbp.standalone.demo.DemoDataGenerator;
import com.vbp.gateway.excel.DemandFile;
import com.vbp.gateway.excel.UploadLimits;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.StandaloneApp;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Foundation figures on the benchmark data set (10,000 institutions × 20 demand lines): generation,
 * Excel write and parse, the upload through the real standalone app; then the institutions confirm their
 * allocations ({@link AllocationWorkload}), the analytics endpoints are timed over HTTP as an analyst, and the
 * supply list is read and exported.
 * Prints figures; asserts only that the steps succeed. Run with {@code -Pbenchmark}.
 */
@Tag("benchmark")
class FoundationBenchmark {

    private static final int INSTITUTIONS = Integer.getInteger("bench.institutions", 10_000);
    private static final int LINES = Integer.getInteger("bench.lines", 20);
    /** Share of the institutions that confirm every selected line (two thirds of them also allocate). */
    private static final double SHARE = Double.parseDouble(System.getProperty("bench.share", "0.2"));
    private static final int THREADS = Integer.getInteger("bench.threads", 4);
    /** Timed calls per analytics endpoint, after the warm-up. */
    private static final int RUNS = Integer.getInteger("bench.runs", 50);

    @TempDir
    Path dataDir;

    @Test
    void foundation_figures() throws Exception {
        long t = System.nanoTime();
        DemoData data = DemoDataGenerator.generate(42, INSTITUTIONS, LINES);
        report("generate %,d institutions x %d lines (%,d rows)", ms(t), INSTITUTIONS, LINES, data.demands().size());

        t = System.nanoTime();
        byte[] catalogue = BenchAdmin.catalogueFile(data);
        byte[] demands = BenchAdmin.demandFile(data);
        report("write both xlsx files (demand file %,d bytes)", ms(t), demands.length);

        t = System.nanoTime();
        List<DemandRow> parsed = new DemandFile().parse(demands, UploadLimits.defaults()).rows();
        report("parse the demand file (%,d rows)", ms(t), parsed.size());

        try (StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + BenchAdmin.BOOTSTRAP_PASSWORD,
                "app.consistency.timeout-millis=600000")) {
            Http http = app.http();
            String admin = BenchAdmin.login(http);
            String batch = BenchAdmin.createBatch(http, admin, "BENCH");

            t = System.nanoTime();
            check(http.upload(batch + "/catalogue", admin, "c.xlsx", catalogue));
            report("upload catalogue (%d products)", ms(t), data.catalogue().size());

            t = System.nanoTime();
            check(http.upload(batch + "/demands", admin, "d.xlsx", demands));
            report("upload demand file until projected (%,d rows, %,d institutions)", ms(t), data.demands().size(),
                    INSTITUTIONS);

            t = System.nanoTime();
            AllocationWorkload.Outcome work = new AllocationWorkload(app.bean(CommandGateway.class), "BENCH", data)
                    .run(SHARE, THREADS);
            report("allocation commands (%,d sent on %d threads)", ms(t), work.commands(), THREADS);
            t = System.nanoTime();
            awaitProjections(app);
            report("projections caught up after the commands", ms(t));
            System.out.printf("BENCH every institution confirmed a line, %,d went on: %,d selected lines confirmed, "
                            + "%,d pending lines confirmed, %,d withdrawals, %,d reported; refused %s%n", work.institutions(),
                    work.selectedConfirmed(), work.pendingConfirmed(), work.withdrawn(), work.reported(),
                    work.refused());

            String analyst = BenchAdmin.account(http, admin, "bench-analyst", "ANALYST", "CITY");
            String analytics = "/api/v1/analytics/";
            for (String groupBy : List.of("enterprise", "productGroup", "institution", "district")) {
                for (String filter : List.of("&batch=BENCH", "")) {
                    String path = analytics + "contract-amounts?groupBy=" + groupBy + filter;
                    int rows = check(http.get(path, analyst)).json().path("items").size();
                    latency(String.format("contract-amounts %s%s (%,d rows)", groupBy,
                            filter.isEmpty() ? ", every batch" : ", batch", rows), RUNS, () -> http.get(path, analyst));
                }
            }
            latency("allocation-progress, batch", RUNS, () -> http.get(analytics
                    + "allocation-progress?batch=BENCH", analyst));
            latency("allocation-progress, every batch", RUNS, () -> http.get(analytics + "allocation-progress",
                    analyst));
            int exports = Math.min(RUNS, 20);
            for (String groupBy : List.of("enterprise", "institution")) {
                String path = analytics + "contract-amounts.xlsx?groupBy=" + groupBy + "&batch=BENCH";
                int bytes = check(http.get(path, analyst)).body().length;
                latency(String.format("contract-amounts.xlsx %s, batch (%,d bytes)", groupBy, bytes), exports,
                        () -> http.get(path, analyst));
            }
            latency("allocation-progress.xlsx, batch", exports, () -> http.get(analytics
                    + "allocation-progress.xlsx?batch=BENCH", analyst));

            // What every summary query did before the summaries were pre-aggregated: read each institution's
            // document of the batch (the sums themselves came on top). A lower bound of the old latency.
            MongoCollection<Document> perInstitution = app.bean(MongoDatabase.class)
                    .getCollection("allocation_summary");
            latency("(before) reading the batch's per-institution documents", 5, () -> {
                int n = 0;
                for (Document d : perInstitution.find(Filters.eq("batch", "BENCH"))) {
                    n += d.isEmpty() ? 0 : 1;
                }
                return new Answer(n == INSTITUTIONS ? 200 : 500, "", new byte[0]);
            });

            // the supply list, now with agreed volumes from the allocations (measured before them until 2026-11-23)
            String institution = data.institutions().get(INSTITUTIONS / 2).code();
            String district = data.institutions().get(INSTITUTIONS / 2).districtCode();
            latency("supply list, one institution (admin filter)", () -> http.get(batch
                    + "/supply-list?institution=" + institution, admin));
            latency("supply list, one district, first page", () -> http.get(batch
                    + "/supply-list?district=" + district, admin));
            latency("supply list, whole batch, first page", () -> http.get(batch + "/supply-list", admin));
            latency("supply list, whole batch, sorted by enterprise", () -> http.get(batch
                    + "/supply-list?sort=ENTERPRISE", admin));

            t = System.nanoTime();
            Answer export = check(http.get(batch + "/supply-list.xlsx", admin));
            report("export the whole supply list as xlsx (%,d bytes)", ms(t), export.body().length);
        }
        System.gc();
        report("heap used after the run: %,d MiB (peak committed %,d MiB)", 0,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20,
                ManagementFactory.getMemoryPoolMXBeans().stream().mapToLong(p -> p.getPeakUsage() == null ? 0
                        : p.getPeakUsage().getCommitted()).sum() >> 20);
    }

    private static void latency(String what, Supplier<Answer> request) {
        latency(what, 20, request);
    }

    /** Three warm-up calls, then {@code runs} timed calls one after the other. */
    private static void latency(String what, int runs, Supplier<Answer> request) {
        for (int i = 0; i < 3; i++) {
            check(request.get());
        }
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            check(request.get());
            times[i] = System.nanoTime() - t;
        }
        Arrays.sort(times);
        System.out.printf("BENCH %-55s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d runs)%n", what,
                times[runs / 2] / 1e6, times[Math.max(0, (int) Math.ceil(runs * 0.95) - 1)] / 1e6,
                times[runs - 1] / 1e6, runs);
    }

    /** Waits, however long it takes, until every projection has processed the whole event store. */
    private static void awaitProjections(StandaloneApp app) {
        long head = app.bean(EventStore.class).createHeadToken().position().orElseThrow();
        // each wait stays below Axon's 30-second limit on a query handler
        while (!app.bean(QueryGateway.class).query(new AwaitProjections(head, 20_000), ProjectionsCaughtUp.class)
                .join().caughtUp()) {
            System.out.println("BENCH-PROGRESS projections still catching up");
        }
    }

    private static Answer check(Answer answer) {
        return BenchAdmin.check(answer);
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String what, long millis, Object... args) {
        List<Object> all = new ArrayList<>(Arrays.asList(args));
        System.out.printf("BENCH %-55s %,8d ms%n", String.format(what, all.toArray()), millis);
    }
}
