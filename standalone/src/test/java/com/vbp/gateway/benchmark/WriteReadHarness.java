package com.vbp.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.gateway.benchmark.AllocationLoad.Client;
import com.vbp.gateway.benchmark.AllocationLoad.Institution;
import com.vbp.gateway.benchmark.AllocationLoad.Result;
import com.vbp.gateway.benchmark.BenchHttp.Reply;
import com.vbp.gateway.benchmark.BenchTable.Row;
import com.vbp.gateway.support.Http;
import com.vbp.standalone.demo.DemoData;
import com.vbp.standalone.demo.DemoDataGenerator;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Issue 14's measurement from outside: the standalone application in its own JVM ({@link AppProcess}), the
 * benchmark data set uploaded over HTTP, the allocation cycle ({@link AllocationLoad}) at each client count with
 * read-your-writes and then eventual, the projections' catch-up, an institution's supply list read closed-loop,
 * the replay of every projection, and the 200,000-row upload and the supply-list export in a 256 MB heap; beside
 * them, in the same run and on this machine, the raw limits of the two stores ({@link RawLimits}) and a bare
 * SXSSF write. One {@link BenchTable} holds it all. Every step after the load is skipped when its size is 0.
 */
final class WriteReadHarness {

    /**
     * Sizes of a run. {@code levels}: client counts with read-your-writes; {@code eventualClients}: the eventual
     * run (0 skips it); {@code filesXmx}: the heap of the application for the upload and export (the same process
     * is reused when it equals {@code appXmx}); {@code appJvmOptions}: more options of the application's JVM.
     */
    record Config(int institutions, int lines, int institutionsPerClient, List<Integer> levels, double seconds,
                  double warmupSeconds, int eventualClients, String appXmx, String filesXmx, boolean replay,
                  int uploadRows, int exportRows, double supplyReadSeconds, int supplyReadConnections,
                  double rawSeconds, int rawReadRows, double catchUpLimitSeconds, Path workDir, Path tableFile,
                  Path logDir, List<String> appJvmOptions) {

        static Config fromSystemProperties(Path workDir, Path tableFile, Path logDir) {
            return new Config(Integer.getInteger("bench.institutions", 2_500), Integer.getInteger("bench.lines", 20),
                    Integer.getInteger("bench.institutionsPerClient", 4),
                    Arrays.stream(System.getProperty("bench.levels", "1,4,16").split(",")).map(String::trim)
                            .map(Integer::valueOf).toList(),
                    dbl("bench.seconds", 30), dbl("bench.warmupSeconds", 10),
                    Integer.getInteger("bench.eventualClients", 16), System.getProperty("bench.appXmx", "512m"),
                    System.getProperty("bench.filesXmx", "256m"),
                    Boolean.parseBoolean(System.getProperty("bench.replay", "true")),
                    Integer.getInteger("bench.uploadRows", 200_000), Integer.getInteger("bench.exportRows", 100_000),
                    dbl("bench.supplyReadSeconds", 10), Integer.getInteger("bench.supplyReadConnections", 4),
                    dbl("bench.rawSeconds", 5), Integer.getInteger("bench.rawReadRows", 200_000),
                    dbl("bench.catchUpLimitSeconds", 600), workDir, tableFile, logDir,
                    Arrays.stream(System.getProperty("bench.appJvmOptions", "").split(" ")).filter(o -> !o.isBlank())
                            .toList());
        }

        private static double dbl(String name, double otherwise) {
            return Double.parseDouble(System.getProperty(name, Double.toString(otherwise)));
        }

        int clients() {
            return Math.max(eventualClients, levels.stream().mapToInt(Integer::intValue).max().orElse(1));
        }
    }

    private static final String BATCH = "BENCH";

    private final Config config;
    private final BenchTable table = new BenchTable();
    /** Rows that need the raw limits, which are measured once the application has stopped. */
    private final List<java.util.function.Function<Raw, Row>> rows = new ArrayList<>();

    private record Raw(double append, double sequentialRead, RawLimits.MongoFigures store, int payloadBytes,
                       int metaDataBytes) {
    }

    WriteReadHarness(Config config) {
        this.config = config;
    }

    BenchTable run() throws Exception {
        Path appDir = config.workDir().resolve("app");
        Path logs = config.logDir();
        boolean filesHere = config.filesXmx().equals(config.appXmx());
        long loadFrom = 0;
        long loadTo = Long.MAX_VALUE;
        try (AppProcess app = AppProcess.start(appDir, config.appXmx(), config.appJvmOptions(),
                logs.resolve("app.log"))) {
            table.note("application pid " + app.pid() + " with -Xmx" + config.appXmx() + (System.getProperty(
                    "bench.jar") == null ? ", from the test class path" : ", from " + System.getProperty("bench.jar")));
            progress("application ready");
            Http http = new Http(app.port());
            BenchHttp bench = new BenchHttp(app.port());
            String admin = BenchAdmin.login(http);
            DemoData data = DemoDataGenerator.generate(42, config.institutions(), config.lines());
            String batch = BenchAdmin.createBatch(http, admin, BATCH);
            BenchAdmin.check(http.upload(batch + "/catalogue", admin, "c.xlsx", BenchAdmin.catalogueFile(data)));
            BenchAdmin.check(http.upload(batch + "/demands", admin, "d.xlsx", BenchAdmin.demandFile(data)));
            awaitCaughtUp(bench, admin, head(bench, admin), config.catchUpLimitSeconds());
            progress("data set uploaded and projected");
            List<Client> clients = clients(http, admin, data);
            progress(clients.size() * config.institutionsPerClient() + " institution accounts made");
            AllocationLoad load = new AllocationLoad(bench, batch, new AllocationEntries(data), clients);
            load.verifyEntries();
            if (config.warmupSeconds() > 0) {
                load.run(Math.min(4, clients.size()), config.warmupSeconds(), false);
            }
            loadFrom = head(bench, admin);
            progress("entries checked, warmed up");
            Map<Integer, Result> levels = new LinkedHashMap<>();
            for (int n : config.levels()) {
                Result r = load.run(n, config.seconds(), false);
                levels.put(n, r);
                commandRows(r, false, levels);
            }
            if (config.eventualClients() > 0) {
                Result r = load.run(config.eventualClients(), config.seconds(), true);
                commandRows(r, true, levels);
                double lag = awaitCaughtUp(bench, admin, head(bench, admin), config.catchUpLimitSeconds());
                rows.add(raw -> new Row("projections caught up after the eventual load stopped", lag,
                        String.format(Locale.ROOT, "%.2f s", lag), null, null, "≤ 2 s", lag <= 2));
            }
            loadTo = head(bench, admin);
            progress("load done");
            if (config.supplyReadSeconds() > 0) {
                step("supply list of an institution, closed loop", () -> supplyReads(bench, batch, clients));
            }
            progress("supply list read");
            step("every line confirmed and 上报", () -> closing(load));
            progress("closed and reported");
            if (filesHere) {
                // before the replay: a projection stays "replaying" until the next event, and the barrier of a
                // command does not wait for such a projection
                files(http, bench, admin);
            }
            if (config.replay()) {
                step("replay of every projection", () -> replay(bench, admin));
                progress("replayed");
            }
        }
        progress("application stopped");
        long from = loadFrom;
        long to = loadTo;
        int[] sizes = eventSizes(appDir, from, to);
        Path rawDir = config.workDir().resolve("raw");
        double append = RawLimits.h2Append(rawDir, sizes[0], sizes[1], config.rawSeconds());
        double read = RawLimits.h2SequentialRead(rawDir, config.rawReadRows(), sizes[0], sizes[1]);
        RawLimits.MongoFigures store = RawLimits.embeddedStore(rawDir.resolve("store"), config.rawSeconds());
        progress("raw limits measured");
        if (!filesHere && (config.uploadRows() > 0 || config.exportRows() > 0)) {
            try (AppProcess app = AppProcess.start(config.workDir().resolve("files"), config.filesXmx(),
                    config.appJvmOptions(), logs.resolve("files.log"))) {
                Http http = new Http(app.port());
                files(http, new BenchHttp(app.port()), BenchAdmin.login(http));
            }
            progress("files application stopped");
        }
        Raw raw = new Raw(append, read, store, sizes[0], sizes[1]);
        table.add(new Row("raw H2 durable append, single-row commits", append, String.format(Locale.ROOT,
                "%,.0f commits/s (payload %,d B, metadata %,d B: the run's mean event)", append, sizes[0], sizes[1]),
                null, null, null, null));
        table.add(new Row("raw H2 sequential read, pages of 1,000", read, String.format(Locale.ROOT,
                "%,.0f rows/s over %,d rows", read, config.rawReadRows()), null, null, null, null));
        table.add(new Row("raw read-model store, replaceOne upsert ~5 kB", store.bigUpserts(),
                perSecond(store.bigUpserts()), null, null, null, null));
        table.add(new Row("raw read-model store, replaceOne upsert ~300 B", store.smallUpserts(),
                perSecond(store.smallUpserts()), null, null, null, null));
        table.add(new Row("raw read-model store, find by _id", store.finds(), perSecond(store.finds()), null, null,
                null, null));
        for (var r : rows) {
            table.add(r.apply(raw));
        }
        table.finish(config.tableFile());
        return table;
    }

    // ---- the allocation load ----

    private void commandRows(Result r, boolean eventual, Map<Integer, Result> levels) {
        String mode = eventual ? "X-Consistency: eventual" : "read-your-writes";
        double p99 = r.commandTimes().percentileMillis(99);
        Result four = levels.get(4);
        rows.add(raw -> {
            double ratio = r.commandsPerSecond() / raw.append();
            String target = null;
            Boolean met = null;
            if (eventual) {
                target = "≥ 0.3 × raw";
                met = ratio >= 0.3;
            } else if (r.clients() == 16) {
                target = "≥ 0.2 × raw, p99 ≤ 250 ms, ≥ the 4-client rate";
                met = ratio >= 0.2 && p99 <= 250 && (four == null || r.commandsPerSecond() >= four
                        .commandsPerSecond());
            }
            return new Row(String.format("commands, %d client%s, %s", r.clients(), r.clients() == 1 ? "" : "s",
                    mode), r.commandsPerSecond(), String.format(Locale.ROOT,
                    "%.1f/s, p50 %.0f ms, p99 %.0f ms (%,d in %.0f s; 503: %d; other non-2xx: %d)",
                    r.commandsPerSecond(), r.commandTimes().percentileMillis(50), p99, r.commands(), r.seconds(),
                    r.commands503(), r.commandErrorCount()), String.format(Locale.ROOT, "%,.0f commits/s",
                    raw.append()), ratio, target, met);
        });
        rows.add(raw -> new Row(String.format("read of the own line after each command, %d client%s, %s",
                r.clients(), r.clients() == 1 ? "" : "s", mode), r.readTimes().percentileMillis(50),
                String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms (503: %d; other non-2xx: %d; not yet showing "
                                + "the command: %d)", r.readTimes().percentileMillis(50),
                        r.readTimes().percentileMillis(99), r.reads503(), r.readErrorCount(), r.staleReads()),
                null, null, null, null));
        if (r.commandErrorCount() + r.readErrorCount() > 0) {
            table.note(mode + ", " + r.clients() + " clients: command errors " + r.commandErrors()
                    + ", read errors " + r.readErrors());
        }
        if (r.positionsSeen() == 0) {
            table.note(mode + ", " + r.clients() + " clients: no command answered " + BenchHttp.EVENT_POSITION
                    + " (reads sent without " + BenchHttp.READ_AFTER + ")");
        }
        System.out.printf(Locale.ROOT, "BENCH-PROGRESS %d clients %s: %.1f commands/s%n", r.clients(), mode,
                r.commandsPerSecond());
    }

    private Row closing(AllocationLoad load) throws Exception {
        long[] reported = {0};
        int threads = Math.min(config.clients(), 16);
        Result r = load.closeAndReport(threads, reported);
        if (r.commandErrorCount() > 0) {
            table.note("closing: command errors " + r.commandErrors());
        }
        return new Row("every line confirmed and 上报, " + threads + " clients, read-your-writes",
                r.commandsPerSecond(), String.format(Locale.ROOT, "%.1f commands/s, p50 %.0f ms, p99 %.0f ms "
                        + "(%,d institutions reported; non-2xx: %d)", r.commandsPerSecond(),
                r.commandTimes().percentileMillis(50), r.commandTimes().percentileMillis(99), reported[0],
                r.commandErrorCount() + r.commands503()), null, null, null, null);
    }

    /** Accounts for the clients' institutions, made in parallel: bcrypt makes each take a while. */
    private List<Client> clients(Http http, String admin, DemoData data) throws Exception {
        Map<String, List<DemandRow>> lines = data.demands().stream().collect(Collectors.groupingBy(
                DemandRow::institutionCode, LinkedHashMap::new, Collectors.toList()));
        List<String> codes = new ArrayList<>(lines.keySet());
        int per = config.institutionsPerClient();
        int needed = config.clients() * per;
        if (codes.size() < needed) {
            throw new IllegalArgumentException(needed + " institutions are needed for " + config.clients()
                    + " clients, the data set has " + codes.size());
        }
        // spread over the data set: neighbours share districts and products more than the whole batch does
        int stride = codes.size() / needed;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Institution>> made = new ArrayList<>();
            for (int k = 0; k < needed; k++) {
                String code = codes.get(k * stride);
                made.add(pool.submit(() -> new Institution(code, BenchAdmin.account(http, admin,
                        "bench-" + code.toLowerCase(Locale.ROOT), "INSTITUTION", code), lines.get(code))));
            }
            List<Client> clients = new ArrayList<>();
            for (int c = 0; c < config.clients(); c++) {
                List<Institution> own = new ArrayList<>();
                for (int k = 0; k < per; k++) {
                    own.add(made.get(c * per + k).get());
                }
                clients.add(new Client(own));
            }
            return clients;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- reads, replay ----

    private Row supplyReads(BenchHttp bench, String batch, List<Client> clients) throws Exception {
        int n = config.supplyReadConnections();
        List<Samples> samples = new ArrayList<>();
        long[] errors = new long[n];
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        long deadline = start + (long) (config.supplyReadSeconds() * 1e9);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                Institution i = clients.get(k % clients.size()).institutions.get(k / clients.size()
                        % config.institutionsPerClient());
                Samples s = new Samples();
                samples.add(s);
                int slot = k;
                work.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        Reply r = bench.get(batch + "/supply-list", i.token, Map.of());
                        if (r.ok()) {
                            s.add(r.nanos());
                        } else {
                            errors[slot]++;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Samples all = Samples.merge(samples);
        double rate = all.size() / seconds;
        long failed = Arrays.stream(errors).sum();
        rows.add(raw -> new Row("supply list of an institution, closed loop on " + n + " connections", rate,
                String.format(Locale.ROOT, "%.0f requests/s, p50 %.1f ms, p99 %.1f ms (non-2xx: %d)", rate,
                        all.percentileMillis(50), all.percentileMillis(99), failed),
                String.format(Locale.ROOT, "%,.0f finds by _id/s", raw.store().finds()),
                rate / raw.store().finds(), "≥ 500 requests/s", rate >= 500));
        return null;
    }

    private Row replay(BenchHttp bench, String admin) {
        List<String> started = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        long head = head(bench, admin);
        long t = System.nanoTime();
        for (JsonNode p : projections(bench, admin)) {
            String name = p.path("projection").asText();
            Reply r = bench.post("/api/v1/admin/projections/" + name + "/replay", admin, null, Map.of());
            if (r.status() == 202) {
                started.add(name);
            } else {
                refused.add(name + " (" + r.code() + ")");
            }
        }
        long deadline = t + (long) (config.catchUpLimitSeconds() * 1e9);
        while (true) {
            boolean done = true;
            for (JsonNode p : projections(bench, admin)) {
                if (started.contains(p.path("projection").asText())) {
                    done &= p.path("done").asBoolean() || p.path("error").asBoolean();
                }
            }
            if (done || System.nanoTime() > deadline) {
                break;
            }
            AppProcess.sleep(100);
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        // positions are H2 identities from 1: the head is the number of events
        double rate = head / seconds;
        table.note("replayed together: " + String.join(", ", started) + (refused.isEmpty() ? ""
                : "; not replayable online: " + String.join(", ", refused)));
        rows.add(raw -> new Row("replay of every projection (" + started.size() + " together)", rate,
                String.format(Locale.ROOT, "%,.0f events/s (%,d events in %.1f s)", rate, head, seconds),
                String.format(Locale.ROOT, "%,.0f rows/s sequential read", raw.sequentialRead()),
                rate / raw.sequentialRead(), "≥ 0.25 × raw", rate / raw.sequentialRead() >= 0.25));
        return null;
    }

    // ---- upload and export ----

    private void files(Http http, BenchHttp bench, String admin) {
        String heap = "-Xmx" + config.filesXmx();
        String uploaded = null;
        if (config.uploadRows() > 0) {
            step("demand upload", () -> {
                DemoData data = DemoDataGenerator.generate(44, Math.max(1, config.uploadRows() / config.lines()),
                        config.lines());
                String batch = BenchAdmin.createBatch(http, admin, "UPL");
                byte[] file = BenchAdmin.demandFile(data);
                BenchAdmin.check(http.upload(batch + "/catalogue", admin, "c.xlsx", BenchAdmin.catalogueFile(data)));
                long t = System.nanoTime();
                BenchAdmin.check(http.upload(batch + "/demands", admin, "d.xlsx", file));
                double answered = (System.nanoTime() - t) / 1e9;
                awaitCaughtUp(bench, admin, head(bench, admin), config.catchUpLimitSeconds());
                double projected = (System.nanoTime() - t) / 1e9;
                int rowsUploaded = data.demands().size();
                rows.add(raw -> new Row(String.format(Locale.ROOT, "demand upload of %,d rows (%,d bytes), %s, "
                        + "until answered", rowsUploaded, file.length, heap), answered, String.format(Locale.ROOT,
                        "%.1f s", answered), null, null, "≤ 30 s (200,000 rows)", answered <= 30));
                rows.add(raw -> new Row(String.format(Locale.ROOT, "demand upload of %,d rows, %s, until projected",
                        rowsUploaded, heap), projected, String.format(Locale.ROOT, "%.1f s", projected), null, null,
                        null, null));
                return null;
            });
            uploaded = "/api/v1/procurement/batches/UPL";
            progress("uploaded");
        }
        if (config.exportRows() > 0) {
            String reuse = config.exportRows() == config.uploadRows() ? uploaded : null;
            step("supply-list export", () -> export(http, bench, admin, reuse, heap));
            progress("exported");
        }
    }

    private Row export(Http http, BenchHttp bench, String admin, String uploaded, String heap) throws Exception {
        String batch = uploaded;
        if (batch == null) {
            DemoData data = DemoDataGenerator.generate(45, Math.max(1, config.exportRows() / config.lines()),
                    config.lines());
            batch = BenchAdmin.createBatch(http, admin, "EXP");
            BenchAdmin.check(http.upload(batch + "/catalogue", admin, "c.xlsx", BenchAdmin.catalogueFile(data)));
            BenchAdmin.check(http.upload(batch + "/demands", admin, "d.xlsx", BenchAdmin.demandFile(data)));
            awaitCaughtUp(bench, admin, head(bench, admin), config.catchUpLimitSeconds());
        }
        long total = BenchAdmin.check(http.get(batch + "/supply-list?size=1", admin)).json().path("total")
                .asLong();
        List<JsonNode> samples = new ArrayList<>();
        BenchAdmin.check(http.get(batch + "/supply-list?size=500", admin)).json().path("items")
                .forEach(samples::add);
        long[] download = bench.download(batch + "/supply-list.xlsx", admin);
        if (download[0] != 200) {
            throw new IllegalStateException("export answered " + download[0]);
        }
        double seconds = download[2] / 1e9;
        long t = System.nanoTime();
        long bareBytes = bareSxssf(samples, total);
        double bare = (System.nanoTime() - t) / 1e9;
        rows.add(raw -> new Row(String.format(Locale.ROOT, "supply-list export, whole batch, %s", heap), seconds,
                String.format(Locale.ROOT, "%.1f s, %,d rows, %,d bytes", seconds, total, download[1]),
                String.format(Locale.ROOT, "bare SXSSF %.1f s, %,d bytes", bare, bareBytes), seconds / bare,
                "≤ 2 × raw", seconds <= 2 * bare));
        return null;
    }

    /**
     * The same number of rows and cells as the export, with the values of its first rows repeated (the same
     * widths and types), written by plain SXSSF with no styles: what writing the file alone costs.
     */
    static long bareSxssf(List<JsonNode> samples, long rows) throws Exception {
        CountingStream out = new CountingStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            SXSSFSheet sheet = workbook.createSheet("供应清单");
            List<String> names = new ArrayList<>();
            samples.get(0).fieldNames().forEachRemaining(names::add);
            var title = sheet.createRow(0);
            for (int c = 0; c < names.size(); c++) {
                title.createCell(c).setCellValue(names.get(c));
            }
            for (int r = 0; r < rows; r++) {
                JsonNode sample = samples.get(r % samples.size());
                var row = sheet.createRow(r + 1);
                for (int c = 0; c < names.size(); c++) {
                    JsonNode v = sample.path(names.get(c));
                    Cell cell = row.createCell(c);
                    if (v.isNumber()) {
                        cell.setCellValue(v.asDouble());
                    } else {
                        cell.setCellValue(v.asText());
                    }
                }
            }
            workbook.write(out);
        }
        return out.count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    // ---- helpers ----

    private interface Step {
        Row run() throws Exception;
    }

    /** Runs an optional step; a failure becomes a row saying so (no number: the smoke test fails on it). */
    private void step(String name, Step step) {
        try {
            Row row = step.run();
            if (row != null) {
                rows.add(raw -> row);
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            rows.add(raw -> new Row(name, Double.NaN, "failed: " + why.replace('|', '/').replace('\n', ' '),
                    null, null, null, false));
        }
    }

    private static List<JsonNode> projections(BenchHttp bench, String admin) {
        Reply r = bench.get("/api/v1/admin/projections", admin, Map.of());
        if (!r.ok()) {
            throw new IllegalStateException("projections answered " + r.status());
        }
        List<JsonNode> items = new ArrayList<>();
        r.json().path("items").forEach(items::add);
        return items;
    }

    /** The event store's head position, as the projections' status shows it. */
    private static long head(BenchHttp bench, String admin) {
        return projections(bench, admin).stream().mapToLong(p -> p.path("headPosition").asLong()).max()
                .orElse(-1);
    }

    /** Seconds until every projection has processed {@code position} (bounded by {@code limit}, then the limit). */
    private static double awaitCaughtUp(BenchHttp bench, String admin, long position, double limit) {
        long t = System.nanoTime();
        while (true) {
            long reached = projections(bench, admin).stream().mapToLong(p -> p.path("positionReached").asLong())
                    .min().orElse(Long.MAX_VALUE);
            double seconds = (System.nanoTime() - t) / 1e9;
            if (reached >= position || seconds > limit) {
                return seconds;
            }
            AppProcess.sleep(20);
        }
    }

    /** Mean payload and metadata bytes of the events the load appended (all events when it appended none). */
    private static int[] eventSizes(Path appDir, long from, long to) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + appDir.toAbsolutePath()
                .resolve("events").resolve("events") + ";ACCESS_MODE_DATA=r", "sa", "");
             PreparedStatement s = c.prepareStatement("SELECT AVG(OCTET_LENGTH(payload)), "
                     + "AVG(OCTET_LENGTH(metaData)), COUNT(*) FROM DomainEventEntry WHERE globalIndex > ? AND "
                     + "globalIndex <= ?")) {
            for (long[] range : new long[][]{{from, to}, {-1, Long.MAX_VALUE}}) {
                s.setLong(1, range[0]);
                s.setLong(2, range[1]);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getLong(3) > 0) {
                        return new int[]{(int) Math.round(rs.getDouble(1)), (int) Math.round(rs.getDouble(2))};
                    }
                }
            }
        }
        throw new IllegalStateException("the application stored no events");
    }

    private final long started = System.nanoTime();

    /** A progress line with the seconds since the run started, to see where a run spends its time. */
    private void progress(String what) {
        System.out.printf(Locale.ROOT, "BENCH-PROGRESS %6.1f s %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f/s", rate);
    }
}
