package com.vbp.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.audit.AuditHttp.Reply;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paging through the history with the cursor while other requests keep writing (two writers on two accounts, so
 * that their transactions interleave on the JDBC store): no event is skipped or repeated, the order is ascending,
 * and what the pages gave is exactly what a full read gives at the end — also for a sparse filter (the
 * administrator's events, none of them among the writes); read again afterwards, its pages stop at the scan bound
 * (25 events here) with no match and still move the cursor on. A writer waits for the reader's next page every few
 * writes, so that pages are read while writes go on however the machine schedules the threads.
 */
class AuditCursorUnderWritesTest {

    private static final int WRITES_PER_WRITER = 60;
    /** a writer waits for the reader's next page after this many writes, so that reading and writing interleave */
    private static final int WRITES_BETWEEN_PAGES = 5;

    @TempDir
    Path dataDir;

    @Test
    void pages_read_during_writes_neither_skip_nor_repeat_an_event() throws Exception {
        try (StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass",
                "app.audit.max-scan=25")) {
            AuditHttp http = new AuditHttp(Integer.parseInt(app.bean(Environment.class)
                    .getProperty("local.server.port")));
            String admin = http.firstLogin("admin", "Start2026pass", "Admin2026new");
            String auditor = http.account(admin, "auditor1", "AUDITOR", "CITY");
            List<String> writers = List.of(http.account(admin, "writer-1", "ANALYST", "CITY"),
                    http.account(admin, "writer-2", "ANALYST", "CITY"));

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger pagesRead = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(writers.size());
            List<Future<?>> done = new ArrayList<>();
            for (String token : writers) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < WRITES_PER_WRITER; i++) {
                        awaitPages(pagesRead, i / WRITES_BETWEEN_PAGES);
                        Reply r = http.send("PUT", "/api/v1/me", token, Map.of("displayName", "写入者 " + i),
                                Map.of("X-Consistency", "eventual"));
                        assertThat(r.status()).as(r.text()).isEqualTo(200);
                    }
                }));
            }
            Thread watcher = new Thread(() -> {
                try {
                    for (Future<?> f : done) {
                        f.get(5, TimeUnit.MINUTES);
                    }
                } catch (Exception e) {
                    // a writer's failure is reported below, by f.get()
                } finally {
                    writing.set(false);
                }
            });
            watcher.start();

            Cursor all = new Cursor(http, auditor, "", 7);
            Cursor sparse = new Cursor(http, auditor, "&user=admin", 5);
            int pagesDuringWrites = 0;
            while (writing.get()) {
                all.page();
                if (pagesDuringWrites % 4 == 0) {
                    sparse.page(); // lags behind, so that its pages stop at the scan bound
                }
                pagesDuringWrites++;
                pagesRead.incrementAndGet();
            }
            watcher.join();
            pool.shutdown();
            for (Future<?> f : done) {
                f.get();
            }
            all.untilComplete();
            sparse.untilComplete();

            List<JsonNode> full = http.history(auditor, "", 1000);
            assertThat(pagesDuringWrites).as("pages read while the writers wrote")
                    .isGreaterThanOrEqualTo(WRITES_PER_WRITER / WRITES_BETWEEN_PAGES);
            assertThat(full.stream().filter(e -> e.path("type").asText().equals("ProfileChanged")).count())
                    .isEqualTo(2L * WRITES_PER_WRITER);
            assertThat(all.eventIds).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(full.stream().map(e -> e.path("eventId").asText()).toList());
            assertThat(sparse.eventIds).as("the administrator's events: the accounts created before the writes")
                    .hasSizeGreaterThanOrEqualTo(4).containsExactlyElementsOf(full.stream()
                            .filter(e -> e.path("metadata").path("account").asText().equals("admin"))
                            .map(e -> e.path("eventId").asText()).toList());
            Cursor afresh = new Cursor(http, auditor, "&user=admin", 5);
            afresh.untilComplete();
            assertThat(afresh.eventIds).isEqualTo(sparse.eventIds);
            assertThat(afresh.emptyPages).as("pages that stopped at the scan bound with nothing matched")
                    .isGreaterThanOrEqualTo(full.size() / 25 - 1);
        }
    }

    private static void awaitPages(AtomicInteger pagesRead, int pages) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pagesRead.get() < pages && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A client paging with {@code after = next}, checking that positions only go up. */
    private static final class Cursor {

        private final AuditHttp http;
        private final String token;
        private final String filters;
        private final int size;
        final List<String> eventIds = new ArrayList<>();
        private Long next;
        private long lastPosition = -1;
        private boolean complete;
        int emptyPages;

        Cursor(AuditHttp http, String token, String filters, int size) {
            this.http = http;
            this.token = token;
            this.filters = filters;
            this.size = size;
        }

        void page() {
            Reply r = http.get("/api/v1/audit/events?size=" + size + filters + (next == null ? "" : "&after=" + next),
                    token);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            JsonNode body = r.json();
            for (JsonNode e : body.path("items")) {
                assertThat(e.path("position").asLong()).isGreaterThan(lastPosition);
                lastPosition = e.path("position").asLong();
                eventIds.add(e.path("eventId").asText());
            }
            if (body.path("items").isEmpty() && !body.path("complete").asBoolean()) {
                emptyPages++;
            }
            if (!body.path("next").isNull()) {
                assertThat(body.path("next").asLong()).isGreaterThanOrEqualTo(next == null ? -1 : next);
                next = body.path("next").asLong();
            }
            complete = body.path("complete").asBoolean();
            last = body;
        }

        private JsonNode last;

        /**
         * Pages on until the history is complete. A page held by a position not committed yet waits for it (and steps
         * over it after a couple of seconds should it stay empty); two minutes in all are plenty.
         */
        void untilComplete() throws InterruptedException {
            long started = System.nanoTime();
            Long stalledAt = null;
            for (int i = 0; i < 10_000; i++) {
                page();
                if (complete) {
                    return;
                }
                if (next != null && next.equals(stalledAt)) {
                    Thread.sleep(100);
                } else {
                    stalledAt = next;
                }
                if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(120)) {
                    break;
                }
            }
            throw new AssertionError("never complete: " + filters + " " + last);
        }
    }
}
