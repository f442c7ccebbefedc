package com.vbp.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.gateway.benchmark.BenchHttp.Reply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Institutions at their allocation screens over HTTP, in a cycle they can repeat for as long as a run lasts: each
 * selected line is confirmed once (确认), then each pending line in turn is saved (保存), confirmed and withdrawn
 * (撤回), so capacity is reserved and given back and nothing runs out. After every command the client reads
 * its own line back (the list the screen shows), with {@code X-Read-After} its last {@code X-Event-Position}
 * (read-your-writes on the read) or {@code X-Consistency: eventual} on both. A client is one thread working
 * for a few institutions, one account each, in turn.
 */
final class AllocationLoad {

    /** One institution's account and where it stands in the cycle; used by one client thread at a time. */
    static final class Institution {
        final String code;
        final String token;
        final List<String> selected = new ArrayList<>();
        final List<DemandRow> pending = new ArrayList<>();
        /** per pending line: 0 save next, 1 confirm next, 2 withdraw next */
        final int[] phase;
        int selectedConfirmed;
        int cursor;

        Institution(String code, String token, List<DemandRow> lines) {
            this.code = code;
            this.token = token;
            for (DemandRow l : lines) {
                if (l.kind() == DemandKind.SELECTED) {
                    selected.add(l.drugCode());
                } else {
                    pending.add(l);
                }
            }
            this.phase = new int[pending.size()];
        }
    }

    static final class Client {
        final List<Institution> institutions;
        int next;
        long lastPosition = -1;

        Client(List<Institution> institutions) {
            this.institutions = institutions;
        }
    }

    /** What one run measured; error maps count answers by status and problem code. */
    record Result(int clients, double seconds, long commands, Samples commandTimes, Samples readTimes,
                  long commands503, long reads503, Map<String, Long> commandErrors, Map<String, Long> readErrors,
                  long staleReads, long positionsSeen) {

        double commandsPerSecond() {
            return commands / seconds;
        }

        long commandErrorCount() {
            return commandErrors.values().stream().mapToLong(Long::longValue).sum();
        }

        long readErrorCount() {
            return readErrors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** One thread's counts, merged into a {@link Result}. */
    private static final class Tally {
        final Samples commandTimes = new Samples();
        final Samples readTimes = new Samples();
        final Map<String, Long> commandErrors = new TreeMap<>();
        final Map<String, Long> readErrors = new TreeMap<>();
        long commands;
        long commands503;
        long reads503;
        long stale;
        long positions;
    }

    private final BenchHttp http;
    private final String batch;
    private final AllocationEntries entries;
    private final List<Client> clients;

    AllocationLoad(BenchHttp http, String batch, AllocationEntries entries, List<Client> clients) {
        this.http = http;
        this.batch = batch;
        this.entries = entries;
        this.clients = clients;
    }

    /**
     * Asks 检查 for every pending line's entries before anything is timed: a problem here means the cycle would
     * be refused, which would measure refusals instead of work.
     */
    void verifyEntries() {
        for (Client c : clients) {
            for (Institution i : c.institutions) {
                for (DemandRow l : i.pending) {
                    Reply r = http.post(batch + "/pending-lines/" + l.drugCode() + "/allocation/check", i.token,
                            body(l), Map.of());
                    if (!r.ok() || !r.json().path("problem").isNull()) {
                        throw new IllegalStateException("the cycle's entries of " + i.code + " " + l.drugCode()
                                + " would be refused: " + r.status() + " " + new String(r.body()));
                    }
                }
            }
        }
    }

    /** The first {@code n} clients work for {@code seconds}, each on its own thread. */
    Result run(int n, double seconds, boolean eventual) throws Exception {
        List<Tally> tallies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                Client c = clients.get(k);
                Tally tally = new Tally();
                tallies.add(tally);
                work.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        step(c, eventual, tally);
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
        double elapsed = (System.nanoTime() - start) / 1e9;
        return result(n, elapsed, tallies);
    }

    /**
     * Brings every line of every client's institution to confirmed and reports (上报), with read-your-writes;
     * the institutions are final afterwards. Answers the result and the number of institutions reported.
     */
    Result closeAndReport(int threads, long[] reported) throws Exception {
        List<Tally> tallies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<Long>> work = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int first = k;
                Tally tally = new Tally();
                tallies.add(tally);
                work.add(pool.submit(() -> {
                    long done = 0;
                    for (int c = first; c < clients.size(); c += threads) {
                        Client client = clients.get(c);
                        for (Institution i : client.institutions) {
                            done += close(client, i, tally) ? 1 : 0;
                        }
                    }
                    return done;
                }));
            }
            for (Future<Long> f : work) {
                reported[0] += f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return result(threads, (System.nanoTime() - start) / 1e9, tallies);
    }

    private boolean close(Client c, Institution i, Tally tally) {
        boolean ok = true;
        while (i.selectedConfirmed < i.selected.size()) {
            String line = i.selected.get(i.selectedConfirmed);
            ok &= command(c, tally, false, http.post(selected(line) + "/confirm", i.token, null, Map.of()));
            i.selectedConfirmed++;
        }
        for (int k = 0; k < i.pending.size(); k++) {
            DemandRow l = i.pending.get(k);
            if (i.phase[k] == 0) {
                ok &= command(c, tally, false, http.put(pending(l.drugCode()) + "/allocation", i.token, body(l),
                        Map.of()));
                i.phase[k] = 1;
            }
            if (i.phase[k] == 1) {
                ok &= command(c, tally, false, http.post(pending(l.drugCode()) + "/confirm", i.token, null,
                        Map.of()));
                i.phase[k] = 2;
            }
        }
        return ok && command(c, tally, false, http.post(batch + "/report", i.token, null, Map.of()));
    }

    /** One command of the cycle and the read of the line it changed. */
    private void step(Client c, boolean eventual, Tally tally) {
        Institution i = c.institutions.get(c.next++ % c.institutions.size());
        Map<String, String> headers = eventual ? Map.of(BenchHttp.CONSISTENCY, "eventual") : Map.of();
        String line;
        Set<String> expected;
        String list;
        if (i.selectedConfirmed < i.selected.size()) {
            line = i.selected.get(i.selectedConfirmed);
            if (command(c, tally, eventual, http.post(selected(line) + "/confirm", i.token, null, headers))) {
                i.selectedConfirmed++;
            }
            expected = Set.of("CONFIRMED");
            list = "/selected-lines";
        } else {
            DemandRow l = i.pending.get(i.cursor);
            line = l.drugCode();
            int phase = i.phase[i.cursor];
            Reply r = switch (phase) {
                case 0 -> http.put(pending(line) + "/allocation", i.token, body(l), headers);
                case 1 -> http.post(pending(line) + "/confirm", i.token, null, headers);
                default -> http.post(pending(line) + "/withdraw", i.token, null, headers);
            };
            expected = phase == 1 ? Set.of("CONFIRMED") : Set.of("SAVED", "OPEN");
            if (command(c, tally, eventual, r)) {
                i.phase[i.cursor] = (phase + 1) % 3;
            }
            if (phase == 2 || !r.ok()) {
                i.cursor = (i.cursor + 1) % i.pending.size();
            }
            list = "/pending-lines";
        }
        Map<String, String> readHeaders = eventual ? headers
                : c.lastPosition >= 0 ? Map.of(BenchHttp.READ_AFTER, Long.toString(c.lastPosition)) : Map.of();
        Reply read = http.get(batch + list + "?drugCode=" + line + "&size=50", i.token, readHeaders);
        if (read.status() == 503) {
            tally.reads503++;
        } else if (!read.ok()) {
            tally.readErrors.merge(read.code(), 1L, Long::sum);
        } else {
            tally.readTimes.add(read.nanos());
            if (!expected.contains(status(read.json(), line))) {
                tally.stale++;
            }
        }
    }

    /** Counts a command's answer; true when it succeeded. */
    private static boolean command(Client c, Tally tally, boolean eventual, Reply r) {
        if (r.ok()) {
            tally.commands++;
            tally.commandTimes.add(r.nanos());
            if (r.position() >= 0) {
                tally.positions++;
                c.lastPosition = Math.max(c.lastPosition, r.position());
            }
            return true;
        }
        if (r.status() == 503) {
            tally.commands503++;
        } else {
            tally.commandErrors.merge(r.code(), 1L, Long::sum);
        }
        return false;
    }

    private static String status(JsonNode page, String line) {
        for (JsonNode item : page.path("items")) {
            if (line.equals(item.path("lineId").asText())) {
                return item.path("status").asText();
            }
        }
        return "MISSING";
    }

    private Map<String, Object> body(DemandRow line) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (EntryRequest e : entries.of(line)) {
            list.add(Map.of("drugCode", e.drugCode(), "contractVolume", e.contractVolume().minUnits()));
        }
        return Map.of("entries", list);
    }

    private String selected(String line) {
        return batch + "/selected-lines/" + line;
    }

    private String pending(String line) {
        return batch + "/pending-lines/" + line;
    }

    private static Result result(int clients, double seconds, List<Tally> tallies) {
        Map<String, Long> commandErrors = new TreeMap<>();
        Map<String, Long> readErrors = new TreeMap<>();
        long commands = 0;
        long c503 = 0;
        long r503 = 0;
        long stale = 0;
        long positions = 0;
        for (Tally t : tallies) {
            commands += t.commands;
            c503 += t.commands503;
            r503 += t.reads503;
            stale += t.stale;
            positions += t.positions;
            t.commandErrors.forEach((k, v) -> commandErrors.merge(k, v, Long::sum));
            t.readErrors.forEach((k, v) -> readErrors.merge(k, v, Long::sum));
        }
        return new Result(clients, seconds, commands, Samples.merge(tallies.stream().map(t -> t.commandTimes)
                .toList()), Samples.merge(tallies.stream().map(t -> t.readTimes).toList()), c503, r503,
                commandErrors, readErrors, stale, positions);
    }
}
