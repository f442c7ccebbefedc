package com.vbp.gateway.reliability;

import com.vbp.gateway.reliability.Sent.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * An institution's clerk working through the batches one after another: confirms the selected-product line,
 * saves, confirms and withdraws the two pending lines with random contract volumes inside the bounds, and once it
 * has done {@code stepsPerBatch} steps and a newer batch is ready, confirms everything and reports (上报). Keeps
 * the picture of each allocation that the commands which took effect imply; every command it sends is one that
 * picture says will be accepted.
 * <p>
 * The lines are those of {@link CrashBatch}: pending ZX00000099 (P 9000, U_d 9) with one winner ZC00000021 (U 30,
 * 180 丸): bounds (29820, 30180); pending ZX00000098 (P 900, U_d 3) with ZC00000011 (U 3) and ZC00000012 (U 4,
 * 36 粒, the largest package): for C_11 = a, R = 900 − a and the bounds of C_12 are (R/3×4 − 36, R/3×4 + 36).
 */
final class InstitutionClerk implements Runnable {

    static final String SELECTED = "ZC00000011";
    static final String ONE_WINNER = "ZX00000099";
    static final String TWO_WINNERS = "ZX00000098";

    enum Status { OPEN, SAVED, CONFIRMED }

    /** What the commands that took effect imply for one allocation line. */
    static final class Line {
        Status status = Status.OPEN;
        Map<String, Long> entries = Map.of();
    }

    /** The institution's allocation in one batch. */
    static final class Allocation {
        final String batch;
        boolean selectedConfirmed;
        final Map<String, Line> pending = new LinkedHashMap<>();
        boolean reported;
        int steps;

        Allocation(String batch) {
            this.batch = batch;
            pending.put(ONE_WINNER, new Line());
            pending.put(TWO_WINNERS, new Line());
        }

        boolean allConfirmed() {
            return selectedConfirmed && pending.values().stream().allMatch(l -> l.status == Status.CONFIRMED);
        }
    }

    private final String institution;
    private final String token;
    private final CrashClient client;
    private final Function<String, String> batchAfter;
    private final int stepsPerBatch;
    private final Random random;
    private final List<Allocation> allocations = new ArrayList<>();
    private volatile boolean stop;
    private volatile Throwable failure;

    /** {@code batchAfter}: the batch ready for allocation after the given one, or null while there is none. */
    InstitutionClerk(String institution, String token, CrashClient client, String firstBatch,
                     Function<String, String> batchAfter, int stepsPerBatch, long seed) {
        this.institution = institution;
        this.token = token;
        this.client = client;
        this.batchAfter = batchAfter;
        this.stepsPerBatch = stepsPerBatch;
        this.random = new Random(seed);
        allocations.add(new Allocation(firstBatch));
    }

    @Override
    public void run() {
        try {
            while (!stop) {
                step();
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    void stop() {
        stop = true;
    }

    Throwable failure() {
        return failure;
    }

    String institution() {
        return institution;
    }

    String token() {
        return token;
    }

    CrashClient client() {
        return client;
    }

    /** Every allocation worked on, oldest first (read after the clerk has stopped). */
    List<Allocation> allocations() {
        return List.copyOf(allocations);
    }

    private void step() {
        Allocation a = allocations.get(allocations.size() - 1);
        String base = "/api/v1/procurement/batches/" + a.batch;
        String aggregate = a.batch + "/" + institution;
        if (!a.selectedConfirmed) {
            if (send(Kind.CONFIRM_SELECTED, aggregate, SELECTED, null, "POST",
                    base + "/selected-lines/" + SELECTED + "/confirm")) {
                a.selectedConfirmed = true;
            }
            return;
        }
        String next = batchAfter.apply(a.batch);
        boolean wrapUp = a.steps >= stepsPerBatch && next != null;
        if (wrapUp && a.allConfirmed()) {
            if (send(Kind.REPORT, aggregate, null, null, "POST", base + "/report")) {
                a.reported = true;
                allocations.add(new Allocation(next));
            }
            return;
        }
        a.steps++;
        String lineId = wrapUp
                ? a.pending.entrySet().stream().filter(e -> e.getValue().status != Status.CONFIRMED)
                .findFirst().orElseThrow().getKey()
                : random.nextBoolean() ? ONE_WINNER : TWO_WINNERS;
        Line line = a.pending.get(lineId);
        String path = base + "/pending-lines/" + lineId;
        switch (line.status) {
            case OPEN -> save(aggregate, lineId, line, path);
            case SAVED -> {
                if (wrapUp || random.nextInt(10) < 6) {
                    if (send(Kind.CONFIRM, aggregate, lineId, null, "POST", path + "/confirm")) {
                        line.status = Status.CONFIRMED;
                    }
                } else {
                    save(aggregate, lineId, line, path);
                }
            }
            case CONFIRMED -> {
                if (send(Kind.WITHDRAW, aggregate, lineId, null, "POST", path + "/withdraw")) {
                    line.status = Status.SAVED; // a draft again, holding the released entries
                }
            }
        }
    }

    private void save(String aggregate, String lineId, Line line, String path) {
        Map<String, Long> entries = new LinkedHashMap<>();
        if (lineId.equals(ONE_WINNER)) {
            entries.put("ZC00000021", 29821L + random.nextInt(359));
        } else {
            long a = 300 + random.nextInt(301);
            long centre = (900 - a) * 4 / 3;
            entries.put("ZC00000011", a);
            entries.put("ZC00000012", centre - 30 + random.nextInt(61));
        }
        List<Map<String, Object>> body = new ArrayList<>();
        entries.forEach((drug, volume) -> body.add(Map.of("drugCode", drug, "contractVolume", volume)));
        if (send(Kind.SAVE, aggregate, lineId, entries, "PUT", path + "/allocation", Map.of("entries", body))) {
            line.status = Status.SAVED;
            line.entries = entries;
        }
    }

    private boolean send(Kind kind, String aggregate, String line, Map<String, Long> entries, String method,
                         String path) {
        return send(kind, aggregate, line, entries, method, path, null);
    }

    private boolean send(Kind kind, String aggregate, String line, Map<String, Long> entries, String method,
                         String path, Object body) {
        return client.execute(kind, aggregate, line, entries,
                (port, correlationId) -> client.http().command(port, method, path, token, body, correlationId))
                .outcome().applied();
    }
}
