package com.vbp.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.benchmark.AppProcess;
import com.vbp.gateway.reliability.InstitutionClerk.Allocation;
import com.vbp.gateway.reliability.InstitutionClerk.Line;
import com.vbp.gateway.reliability.InstitutionClerk.Status;
import com.vbp.gateway.reliability.Sent.Kind;
import com.vbp.gateway.reliability.Sent.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, item 1 (Crash): the packaged application in a process of its own (-Xmx512m) is killed with SIGKILL at
 * random moments while institutions' clerks save, confirm, withdraw and report allocations and the administrator
 * opens and uploads batches, each from a thread of its own; it is started again on the same data directory each
 * time, with no repair step. Afterwards:
 * <ul>
 * <li>every command that answered 2xx is in the history exactly once, every refused one not at all, and every
 * aggregate's commands are there in the order their client sent them (a command killed before its answer may or
 * may not be there, never twice);</li>
 * <li>the read models answer what the commands that took effect imply: each line's status and contract volumes;</li>
 * <li>every read model equals a fresh replay of the history: the application is stopped, its read-model store
 * dumped; a copy of the data directory without the read-model store is started, replays every projection to the
 * head, is stopped and dumped; the two dumps are equal (except the collections of {@link #NOT_PROJECTIONS} and the
 * fields of {@link #MAY_DIFFER}).</li>
 * </ul>
 * The size comes from {@code -Dcrash.threads}, {@code -Dcrash.kills}, {@code -Dcrash.minGapMillis},
 * {@code -Dcrash.maxGapMillis} (the run between two kills), {@code -Dcrash.stepsPerBatch} (a clerk's steps in a batch
 * before it reports), {@code -Dcrash.seed} (printed; the same seed draws the
 * same moments and volumes, though the interleaving of threads differs); {@code -Dbench.jar} runs the packaged jar
 * instead of the test class path; {@code -Dcrash.workDir} keeps the data directories and logs there.
 */
class KillAndRestartTest {

    /**
     * Collections in the read-model store that are not built from events, so a replay does not rebuild them and
     * need not: the processors' positions; the first answers of requests with an Idempotency-Key (recorded by the
     * gateway, never replayed: IdempotentAnswers); captcha challenges (short-lived, random); the login-protection
     * counters of unknown user names (written by failed logins, which are no events); appeal evidence files
     * (GridFS: uploaded content, not derived; none in this test).
     */
    static final Set<String> NOT_PROJECTIONS = Set.of("tracking_tokens", "idempotent_answers", "captchas",
            "unknown_account_logins", "evidence.files", "evidence.chunks");

    /**
     * Fields that may differ from a replay, by collection: the integrity chain's head lists as {@code holes} the
     * positions its processor's token still waits for (gaps). A killed process leaves gaps behind (H2 hands out
     * identity values in advance, and those of a killed process are never used), which the live processor waits for
     * until Axon's gap timeout and the next event; a replay read after that sees no gap. The chain itself (hash,
     * ordinal, position of every link) is compared.
     */
    static final Map<String, Set<String>> MAY_DIFFER = Map.of("integrity_chain_head", Set.of("holes"));

    @TempDir
    Path work;

    /** The sizes of one run. */
    record Size(int threads, int kills, long minGapMillis, long maxGapMillis, long finalMillis, int stepsPerBatch,
                long seed, List<String> jvmOptions) {

        static Size of(int threads, int kills, long minGapMillis, long maxGapMillis, int stepsPerBatch) {
            return new Size(Integer.getInteger("crash.threads", threads), Integer.getInteger("crash.kills", kills),
                    Long.getLong("crash.minGapMillis", minGapMillis), Long.getLong("crash.maxGapMillis", maxGapMillis),
                    Long.getLong("crash.finalMillis", 2000), Integer.getInteger("crash.stepsPerBatch", stepsPerBatch),
                    Long.getLong("crash.seed", System.nanoTime()),
                    Arrays.stream(System.getProperty("crash.jvmOptions", "-XX:TieredStopAtLevel=1").split(" "))
                            .filter(s -> !s.isBlank()).toList());
        }
    }

    @Test
    void every_acknowledged_command_survives_sigkill_and_every_read_model_equals_a_fresh_replay() {
        run(Size.of(4, 5, 1000, 3500, 4));
    }

    @Test
    @Tag("benchmark")
    void full_size_twenty_kills_under_eight_clerks() {
        run(Size.of(8, 20, 1000, 6000, 8));
    }

    private void run(Size size) {
        System.out.printf("KillAndRestartTest: seed %d (-Dcrash.seed=%d), %d clerks, %d kills%n", size.seed(),
                size.seed(), size.threads(), size.kills());
        long began = System.nanoTime();
        Path dir = System.getProperty("crash.workDir") == null ? work : Path.of(System.getProperty("crash.workDir"));
        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        AtomicBoolean stopping = new AtomicBoolean();
        Random moments = new Random(size.seed());
        List<Long> restarts = new ArrayList<>();
        try (LiveApp app = new LiveApp(data, logs, "512m", size.jvmOptions())) {
            long firstStart = app.start();

            // set-up: the administrator, the first batch, an institution and an auditor account per clerk
            CrashClient setup = new CrashClient("setup", app, null, stopping::get);
            String admin = firstLogin(setup, "admin", AppProcess.BOOTSTRAP_PASSWORD);
            BatchUploader uploader = new BatchUploader(admin, new CrashClient("up", app, admin, stopping::get),
                    size.threads(), size.seed());
            String first = uploader.openFirst();
            List<InstitutionClerk> clerks = new ArrayList<>();
            for (int i = 0; i < size.threads(); i++) {
                String institution = CrashBatch.institution(i);
                String token = account(setup, admin, "inst-" + i, "INSTITUTION", institution);
                String auditor = account(setup, admin, "auditor-" + i, "AUDITOR", "CITY");
                clerks.add(new InstitutionClerk(institution, token, new CrashClient("i" + i, app, auditor,
                        stopping::get), first, uploader::batchAfter, size.stepsPerBatch(), size.seed() + 1 + i));
            }
            assertThat(setup.ledger()).allMatch(s -> s.outcome() == Outcome.ACKNOWLEDGED);

            // the load, and the kills
            List<Thread> threads = new ArrayList<>();
            threads.add(new Thread(uploader, "crash-uploader"));
            clerks.forEach(c -> threads.add(new Thread(c, "crash-" + c.institution())));
            threads.forEach(Thread::start);
            for (int k = 0; k < size.kills(); k++) {
                LiveApp.sleep(size.minGapMillis() + (long) (moments.nextDouble()
                        * (size.maxGapMillis() - size.minGapMillis())));
                app.kill();
                restarts.add(app.start());
            }
            LiveApp.sleep(size.finalMillis());
            stopping.set(true);
            uploader.stop();
            clerks.forEach(InstitutionClerk::stop);
            for (Thread t : threads) {
                t.join(120_000);
                assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
            }
            assertThat(uploader.failure()).isNull();
            clerks.forEach(c -> assertThat(c.failure()).as(c.institution()).isNull());
            long loadEnded = System.nanoTime();

            // every command is where its answer says; every projection is at the head, so the reads need not wait
            // (with X-Read-After each would wait out the gap grace: a killed process leaves gaps in the positions)
            CrashHttp reader = new CrashHttp(app, new AtomicLong(-1));
            long head = awaitProjections(reader, admin);
            List<CrashClient> clients = new ArrayList<>(List.of(setup, uploader.client()));
            clerks.forEach(c -> clients.add(c.client()));
            List<Sent> ledger = clients.stream().flatMap(c -> c.ledger().stream()).toList();
            assertThat(clients.stream().flatMap(c -> c.refusals().stream()))
                    .as("every command was sent because the client's picture said it would be accepted").isEmpty();
            List<JsonNode> history = reader.history(admin, "");
            checkHistory(ledger, history);
            // the read models' differences are gathered, so that the replay below still tells a read model that
            // went astray in a crash (it differs from its replay) from one that is built wrong (it does not)
            List<String> readModels = new ArrayList<>();
            for (InstitutionClerk clerk : clerks) {
                for (Allocation a : clerk.allocations()) {
                    try {
                        checkReadModels(reader, clerk, a);
                    } catch (AssertionError e) {
                        readModels.add(e.getMessage() + "\n  history: " + history.stream().filter(h -> h.path(
                                "aggregateId").asText().equals(a.batch + "/" + clerk.institution())).map(h -> h.path(
                                "sequenceNumber").asText() + " " + h.path("type").asText() + " " + h.path("metadata")
                                .path("correlationId").asText()).toList());
                    }
                }
            }
            Map<Outcome, Long> outcomes = ledger.stream().collect(Collectors.groupingBy(Sent::outcome,
                    TreeMap::new, Collectors.counting()));
            long reports = ledger.stream().filter(s -> s.kind() == Kind.REPORT && s.outcome().applied()).count();

            // the read models as they lived through the kills, against a fresh replay of the same history
            long checked = System.nanoTime();
            int exit = app.stop();
            long stopped = System.nanoTime();
            assertThat(exit).as("the graceful stop (SIGTERM) was obeyed").isNotEqualTo(137);
            Path fresh = dir.resolve("fresh");
            copyWithoutReadModels(data, fresh);
            Map<String, List<JsonNode>> live = ReadModelDump.of(data, NOT_PROJECTIONS, MAY_DIFFER);
            long replayMillis;
            long replayStart;
            try (LiveApp replay = new LiveApp(fresh, logs.resolve("fresh"), "512m", size.jvmOptions())) {
                long t = System.nanoTime();
                replayStart = replay.start();
                long replayedHead = awaitProjections(new CrashHttp(replay, new AtomicLong(-1)), admin);
                replayMillis = (System.nanoTime() - t) / 1_000_000;
                assertThat(replayedHead).as("no event was written by the fresh start").isEqualTo(head);
                assertThat(replay.stop()).isNotEqualTo(137);
            }
            Map<String, List<JsonNode>> replayed = ReadModelDump.of(fresh, NOT_PROJECTIONS, MAY_DIFFER);
            assertThat(live.keySet()).as("the read models compared").contains("vbp.allocation_lines",
                    "vbp.supply_list", "vbp.accounts", "vbp.procurement_batches");
            assertThat(live.get("vbp.allocation_lines")).hasSizeGreaterThanOrEqualTo(size.threads());
            List<String> differences = ReadModelDump.differences(live, replayed);
            assertThat(readModels).as("read models that do not answer what the commands imply (and %d that "
                    + "differ from a replay: %s)", differences.size(), differences).isEmpty();
            assertThat(differences).as("read models that differ from a replay").isEmpty();

            print(size, firstStart, restarts, replayStart, replayMillis, outcomes, reports, uploader.batches().size(),
                    history.size(), live, (loadEnded - began) / 1_000_000, (System.nanoTime() - began) / 1_000_000,
                    new long[] {(checked - loadEnded) / 1_000_000, (stopped - checked) / 1_000_000});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every command that took effect is there once: its event on its aggregate exactly once and no event twice
     * on one aggregate; every refused or lost one is not there at all; no event names a command nobody sent; each
     * aggregate holds its commands in the order they were sent.
     */
    private static void checkHistory(List<Sent> ledger, List<JsonNode> history) {
        Map<String, List<JsonNode>> byCommand = new HashMap<>();
        for (JsonNode e : history) {
            String id = e.path("metadata").path("correlationId").asText();
            if (id.startsWith("crash-")) {
                byCommand.computeIfAbsent(id, k -> new ArrayList<>()).add(e);
            }
        }
        Set<String> sent = ledger.stream().map(Sent::correlationId).collect(Collectors.toSet());
        assertThat(byCommand.keySet()).as("commands in the history that nobody sent").isSubsetOf(sent);
        for (Sent s : ledger) {
            List<JsonNode> events = byCommand.getOrDefault(s.correlationId(), List.of());
            if (!s.outcome().applied()) {
                assertThat(events).as(s + " took no effect").isEmpty();
                continue;
            }
            assertThat(events).as(s + " is in the history").isNotEmpty();
            List<String> where = events.stream().map(e -> e.path("aggregateId").asText() + " "
                    + e.path("type").asText()).toList();
            assertThat(where).as(s + ": no event twice").doesNotHaveDuplicates();
            if (s.kind().event != null) {
                assertThat(where).as(s + ": its event on its aggregate").contains(s.aggregateId() + " "
                        + s.kind().event);
            }
        }
        Map<String, List<String>> sentOrder = new LinkedHashMap<>();
        ledger.stream().filter(s -> s.outcome().applied() && s.kind() != Kind.SETUP).forEach(s ->
                sentOrder.computeIfAbsent(s.aggregateId(), k -> new ArrayList<>()).add(s.correlationId()));
        Map<String, String> aggregateOf = ledger.stream().collect(Collectors.toMap(Sent::correlationId,
                s -> String.valueOf(s.aggregateId())));
        Map<String, List<String>> storedOrder = new LinkedHashMap<>();
        // the history is in the order of the event stream, and so each aggregate's events in sequence order
        history.forEach(e -> {
                    String id = e.path("metadata").path("correlationId").asText();
                    String aggregate = e.path("aggregateId").asText();
                    if (aggregate.equals(aggregateOf.get(id)) && sentOrder.containsKey(aggregate)) {
                        List<String> order = storedOrder.computeIfAbsent(aggregate, k -> new ArrayList<>());
                        if (!order.contains(id)) {
                            order.add(id);
                        }
                    }
                });
        sentOrder.forEach((aggregate, order) -> assertThat(storedOrder.get(aggregate))
                .as("the commands on " + aggregate + " in the order they were sent").isEqualTo(order));
    }

    /** The institution's selected-product line, pending lines and report answer what its commands imply. */
    private static void checkReadModels(CrashHttp http, InstitutionClerk clerk, Allocation a) {
        String base = "/api/v1/procurement/batches/" + a.batch;
        String what = clerk.institution() + " in " + a.batch;
        JsonNode selected = http.get(base + "/selected-lines?size=500", clerk.token()).json();
        assertThat(selected.path("items").size()).as(what).isEqualTo(1);
        assertThat(selected.path("items").get(0).path("status").asText()).as(what + " selected line")
                .isEqualTo(a.reported ? "REPORTED" : a.selectedConfirmed ? "CONFIRMED" : "OPEN");

        Map<String, String> expected = new TreeMap<>();
        Map<String, String> shown = new TreeMap<>();
        for (JsonNode line : http.get(base + "/pending-lines?size=500", clerk.token()).json().path("items")) {
            String id = line.path("lineId").asText();
            shown.put(id, line.path("status").asText() + " " + entries(line.path("entries")));
        }
        a.pending.forEach((id, line) -> expected.put(id, (a.reported ? "REPORTED" : line.status.name()) + " "
                + (line.status == Status.OPEN ? Map.of() : new TreeMap<>(line.entries))));
        assertThat(shown).as(what + " pending lines").isEqualTo(expected);

        JsonNode report = http.get(base + "/report?size=500", clerk.token()).json();
        assertThat(report.path("reported").asBoolean()).as(what + " reported").isEqualTo(a.reported);
        Set<String> contracts = new HashSet<>();
        report.path("items").forEach(l -> contracts.add(l.path("lineId").asText() + "/"
                + l.path("drugCode").asText() + "=" + l.path("contractVolume").asLong()));
        Set<String> implied = new HashSet<>();
        if (a.selectedConfirmed) {
            implied.add(InstitutionClerk.SELECTED + "/" + InstitutionClerk.SELECTED + "=4800");
        }
        for (Map.Entry<String, Line> e : a.pending.entrySet()) {
            if (e.getValue().status == Status.CONFIRMED) {
                e.getValue().entries.forEach((drug, volume) -> implied.add(e.getKey() + "/" + drug + "=" + volume));
            }
        }
        assertThat(contracts).as(what + " report").isEqualTo(implied);
    }

    private static Map<String, Long> entries(JsonNode entries) {
        Map<String, Long> m = new TreeMap<>();
        entries.forEach(e -> m.put(e.path("drugCode").asText(), e.path("contractVolume").asLong()));
        return m;
    }

    /** Waits until every projection has reached the head of the event stream; answers the head. */
    private static long awaitProjections(CrashHttp http, String admin) {
        long deadline = System.currentTimeMillis() + 300_000;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            CrashHttp.Reply r = http.get("/api/v1/admin/projections", admin);
            last = r.status() + " " + r.body();
            if (r.status() == 200) {
                JsonNode items = r.json().path("items");
                long head = items.size() == 0 ? -1 : items.get(0).path("headPosition").asLong();
                boolean caughtUp = items.size() > 0;
                for (JsonNode p : items) {
                    assertThat(p.path("error").asBoolean()).as(p.toString()).isFalse();
                    caughtUp &= p.path("positionReached").asLong() >= p.path("headPosition").asLong()
                            && !p.path("replaying").asBoolean();
                }
                if (caughtUp) {
                    return head;
                }
            }
            LiveApp.sleep(200);
        }
        throw new AssertionError("the projections did not reach the head: " + last);
    }

    /** Logs in with the initial password and changes it (a set-up command each); answers the new token. */
    private static String firstLogin(CrashClient setup, String username, String initial) {
        String[] token = new String[1];
        setup.execute(Kind.SETUP, username, null, null, (port, id) -> {
            CrashHttp.Reply r = setup.http().command(port, "POST", "/api/v1/auth/login", null,
                    Map.of("username", username, "password", initial), id);
            token[0] = r.ok() ? r.json().path("token").asText() : null;
            return r;
        });
        setup.execute(Kind.SETUP, username, null, null, (port, id) -> {
            CrashHttp.Reply r = setup.http().command(port, "POST", "/api/v1/auth/password", token[0],
                    Map.of("oldPassword", initial, "newPassword", "Crash2026next"), id);
            token[0] = r.ok() ? r.json().path("token").asText() : null;
            return r;
        });
        return token[0];
    }

    private static String account(CrashClient setup, String admin, String username, String role, String organisation) {
        setup.execute(Kind.SETUP, username, null, null, (port, id) -> setup.http().command(port, "POST",
                "/api/v1/admin/accounts", admin, Map.of("username", username, "role", role, "organisation",
                        organisation, "initialPassword", "Init2026pass"), id));
        return firstLogin(setup, username, "Init2026pass");
    }

    /** The data directory as a backup would hold it, less the read-model store (directory {@code readmodels}). */
    private static void copyWithoutReadModels(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path relative = from.relativize(p);
                if (relative.startsWith("readmodels")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(Size size, long firstStart, List<Long> restarts, long replayStart, long replayMillis,
                              Map<Outcome, Long> outcomes, long reports, int batches, int events,
                              Map<String, List<JsonNode>> dump, long loadMillis, long totalMillis,
                              long[] checksAndStopMillis) {
        List<Long> sorted = restarts.stream().sorted().toList();
        long median = sorted.isEmpty() ? 0 : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        StringBuilder out = new StringBuilder();
        out.append(String.format("%n| Kill and restart (seed %d) | %d clerks + 1 uploader | %d kills |%n",
                size.seed(), size.threads(), size.kills()));
        out.append("|---|---|---|\n");
        out.append(String.format("| restart after SIGKILL → readiness UP, ms | min %d / median %d / max %d | all: %s |%n",
                sorted.isEmpty() ? 0 : sorted.get(0), median, sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1),
                restarts));
        out.append(String.format("| first start on an empty directory, ms | %d | |%n", firstStart));
        out.append(String.format("| fresh start without read models: readiness UP / every projection at the head, ms "
                + "| %d / %d | %d events |%n", replayStart, replayMillis, events));
        out.append(String.format("| commands acknowledged (2xx) | %d | %d reports (上报), %d batches opened |%n",
                outcomes.getOrDefault(Outcome.ACKNOWLEDGED, 0L), reports, batches));
        out.append(String.format("| commands without an answer: in the history / not there | %d / %d | "
                + "refused %d |%n", outcomes.getOrDefault(Outcome.APPLIED_UNANSWERED, 0L),
                outcomes.getOrDefault(Outcome.LOST_UNANSWERED, 0L), outcomes.getOrDefault(Outcome.REFUSED, 0L)));
        out.append(String.format("| read-model collections compared / documents | %d / %d | |%n", dump.size(),
                dump.values().stream().mapToInt(List::size).sum()));
        out.append(String.format("| collections compared | %s | |%n", dump.keySet()));
        out.append(String.format("| duration: load with kills / whole test, s | %.1f / %.1f | checks %.1f s, "
                + "graceful stop %.1f s |%n", loadMillis / 1000.0, totalMillis / 1000.0,
                checksAndStopMillis[0] / 1000.0, checksAndStopMillis[1] / 1000.0));
        System.out.println(out);
    }
}
