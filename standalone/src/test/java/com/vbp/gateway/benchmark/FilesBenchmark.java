package com.vbp.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.pjfanning.xlsx.StreamingReader;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.gateway.support.Http;
import com.vbp.standalone.StandaloneApplication;
import com.vbp.standalone.demo.DemoData;
import com.vbp.standalone.demo.DemoDataGenerator;
import com.vbp.gateway.excel.CatalogueFile;
import com.vbp.gateway.excel.DemandFile;
import com.vbp.gateway.excel.UploadLimits;
import com.vbp.gateway.support.Http.Answer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demand upload and the supply-list export end to end, with the application in its own JVM of
 * {@code -Xmx256m} (issue 14, item 7). Generates the benchmark data set ({@link DemoDataGenerator}, 10,000
 * institutions × 20 lines = 200,000 demand rows), writes the files, times the parse alone here, then starts the
 * standalone application as a child process and times over HTTP: the demand upload until answered (with
 * {@code X-Consistency: eventual}: parse, command handling and event storage) and until every projection has
 * caught up; then the whole supply-list export, beside a bare SXSSF write of the same cells in the same run.
 * The child's GC log gives the peak heap. {@code -Dbench.jfr=true} also records a JFR profile of the child
 * (path printed). The files stay in {@code gateway/target/files-benchmark}. Prints figures; asserts only that the steps succeed. Run with {@code -Pbenchmark}.
 */
@Tag("benchmark")
class FilesBenchmark {

    private static final int INSTITUTIONS = Integer.getInteger("bench.institutions", 10_000);
    private static final int LINES = Integer.getInteger("bench.lines", 20);
    private static final String HEAP = System.getProperty("bench.app.heap", "256m");
    /**
     * The upload's app heap; when it differs from {@link #HEAP}, the export runs in a second app of {@link #HEAP}
     * started on the same data (the 200,000-row upload, one unit of work of 10,001 events, does not fit in 256 MB).
     */
    private static final String UPLOAD_HEAP = System.getProperty("bench.upload.heap", HEAP);
    private static final boolean JFR = Boolean.getBoolean("bench.jfr");

    @Test
    void upload_and_export_figures() throws Exception {
        // kept after the run (the app's log, GC log and JFR recording), emptied at the next one
        Path dir = Path.of("target", "files-benchmark").toAbsolutePath();
        if (Files.exists(dir)) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        report("load average at the start: %s", 0, loadAverage());
        long t = System.nanoTime();
        DemoData data = DemoDataGenerator.generate(42, INSTITUTIONS, LINES);
        byte[] catalogue = xlsx(out -> new CatalogueFile().write(data.catalogue().stream().map(CatalogueRow::product)
                .toList(), out));
        byte[] demands = xlsx(out -> new DemandFile().write(data.demands(), out));
        int demandRows = data.demands().size();
        report("generate and write the files (%,d demand rows, %,d bytes)", ms(t), demandRows, demands.length);

        t = System.nanoTime();
        int parsed = new DemandFile().parse(demands, UploadLimits.defaults()).rows().size();
        report("parse the demand file here (%,d rows)", ms(t), parsed);

        Path gcLog = dir.resolve("gc-upload.log");
        String admin;
        String batch = "/api/v1/procurement/batches/BENCH";
        App app = App.start(dir, UPLOAD_HEAP, gcLog);
        try {
            Http http = app.http;
            String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", "Bench2026init")).json().path("token").asText();
            admin = http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Bench2026init",
                    "newPassword", "Bench2026next")).json().path("token").asText();
            check(http.postJson("/api/v1/procurement/batches", admin, Map.of("code", "BENCH", "name", "benchmark",
                    "allocationOpensAt", "2026-01-01T00:00:00Z", "allocationClosesAt", "2099-01-01T00:00:00Z")));
            check(http.upload(batch + "/catalogue", admin, "c.xlsx", catalogue));

            long start = System.nanoTime();
            check(http.withHeader("X-Consistency", "eventual").upload(batch + "/demands", admin, "d.xlsx", demands));
            report("upload the demand file, answered: parsed, handled, stored (%,d rows)", ms(start), demandRows);
            t = System.nanoTime();
            awaitProjections(http, admin);
            report("  projections caught up after the answer", ms(t));
            report("upload the demand file until projected (app -Xmx%s)", ms(start), UPLOAD_HEAP);
            if (!UPLOAD_HEAP.equals(HEAP)) {
                app.close();
                report("  upload app heap (-Xmx%s): peak used before a GC %,d MiB, peak live after a GC %,d MiB", 0,
                        UPLOAD_HEAP, peakHeap(gcLog, true), peakHeap(gcLog, false));
                gcLog = dir.resolve("gc-export.log");
                app = App.start(dir, HEAP, gcLog);
                admin = app.http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                        "password", "Bench2026next")).json().path("token").asText();
            }

            Path export = dir.resolve("supply-list.xlsx");
            t = System.nanoTime();
            long bytes = download(app.port, batch + "/supply-list.xlsx", admin, export);
            long exportMs = ms(t);
            List<Object[]> cells = readCells(export);
            report("export the whole supply list (%,d rows, %,d bytes, app -Xmx%s)", exportMs, cells.size() - 1, bytes,
                    HEAP);

            t = System.nanoTime();
            long bareBytes = bareSxssf(cells, dir.resolve("bare.xlsx"));
            long bareMs = ms(t);
            report("  a bare SXSSF write of the same cells (%,d bytes)", bareMs, bareBytes);
            System.out.printf("BENCH export / bare SXSSF write: %.2f%n", (double) exportMs / bareMs);
        } finally {
            app.close();
        }
        report("app heap (-Xmx%s): peak used before a GC %,d MiB, peak live after a GC %,d MiB", 0, HEAP,
                peakHeap(gcLog, true), peakHeap(gcLog, false));
        report("load average at the end: %s", 0, loadAverage());
    }

    /** The standalone application in a JVM of its own, on the test's class path. */
    private static final class App implements AutoCloseable {

        final Process process;
        final int port;
        final Http http;

        private App(Process process, int port) {
            this.process = process;
            this.port = port;
            this.http = new Http(port);
        }

        static App start(Path dir, String heap, Path gcLog) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString(), "-Xmx" + heap, "-Xlog:gc:file=" + gcLog, "-Duser.timezone=Asia/Shanghai",
                    "-cp", System.getProperty("java.class.path")));
            if (JFR) {
                Path jfr = dir.resolve("app-" + gcLog.getFileName().toString().replace(".log", ".jfr"));
                command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
                System.out.println("BENCH-PROGRESS JFR recording to " + jfr);
            }
            command.addAll(List.of(StandaloneApplication.class.getName(), "--server.port=" + port,
                    "--app.data-dir=" + dir.resolve("data"), "--spring.main.banner-mode=off",
                    "--app.demo.enabled=false", "--app.bootstrap.admin-password=Bench2026init",
                    "--app.consistency.timeout-millis=600000"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("app.log").toFile())).start();
            App app = new App(process, port);
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError("the application stopped: " + Files.readString(dir.resolve("app.log")));
                }
                try {
                    if (app.http.get("/actuator/health/readiness", null).status() == 200) {
                        return app;
                    }
                } catch (IllegalStateException notYet) {
                    // not listening yet
                }
                if (System.nanoTime() > deadline) {
                    app.close();
                    throw new AssertionError("the application did not start within 3 minutes");
                }
                Thread.sleep(500);
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy(); // SIGTERM: Spring closes the context, the JFR recording is dumped
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Polls the projections' positions until every one has reached the head seen first. */
    private static void awaitProjections(Http http, String admin) throws InterruptedException {
        long head = -1;
        while (true) {
            JsonNode items = check(http.get("/api/v1/admin/projections", admin)).json().path("items");
            long lowest = Long.MAX_VALUE;
            for (JsonNode p : items) {
                head = Math.max(head, p.path("headPosition").asLong());
                lowest = Math.min(lowest, p.path("positionReached").asLong());
            }
            if (lowest >= head) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static long download(int port, String path, String token, Path to) throws IOException,
            InterruptedException {
        HttpResponse<Path> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            throw new AssertionError(r.statusCode() + " " + Files.readString(to));
        }
        return Files.size(to);
    }

    /** Every cell of the file's first sheet: a String, a Double or null. */
    private static List<Object[]> readCells(Path xlsx) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xlsx);
             Workbook wb = StreamingReader.builder().rowCacheSize(100).bufferSize(8192).open(in)) {
            for (Row row : wb.getSheetAt(0)) {
                Object[] values = new Object[Math.max(0, row.getLastCellNum())];
                for (Cell c : row) {
                    values[c.getColumnIndex()] = c.getCellType() == CellType.NUMERIC ? (Object) c.getNumericCellValue()
                            : c.getStringCellValue();
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** What the export costs at least: the same cells through SXSSF, no styles, no widths. */
    private static long bareSxssf(List<Object[]> rows, Path to) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(to)) {
            var sheet = wb.createSheet("供应清单");
            int r = 0;
            for (Object[] values : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.length; i++) {
                    if (values[i] instanceof String s) {
                        row.createCell(i).setCellValue(s);
                    } else if (values[i] instanceof Double d) {
                        row.createCell(i).setCellValue(d);
                    }
                }
            }
            wb.write(out);
        }
        return Files.size(to);
    }

    /** The largest heap use the GC log shows, before a collection or after it (G1's "120M->30M(256M)"). */
    private static long peakHeap(Path gcLog, boolean before) throws IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)").matcher(Files.readString(gcLog));
        long peak = 0;
        while (m.find()) {
            peak = Math.max(peak, Long.parseLong(m.group(before ? 1 : 2)));
        }
        return peak;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Answer check(Answer answer) {
        if (answer.status() >= 300) {
            throw new AssertionError(answer.status() + " " + answer.text());
        }
        return answer;
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void report(String what, long millis, Object... args) {
        System.out.printf("BENCH %-75s %,8d ms%n", String.format(what, args), millis);
    }

    private interface Writer {
        void write(ByteArrayOutputStream out) throws Exception;
    }

    private static byte[] xlsx(Writer writer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out);
        return out.toByteArray();
    }
}
