package com.vbp.gateway.reliability;

import com.vbp.gateway.reliability.Sent.Kind;
import com.vbp.gateway.reliability.Sent.Outcome;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The administrator opening batch after batch: creates it, uploads the catalogue and the demands of every
 * institution, and then offers it to the clerks. A step that did not take effect (killed under it) is sent again;
 * one that did is not.
 */
final class BatchUploader implements Runnable {

    private final String admin;
    private final CrashClient client;
    private final int institutions;
    private final Random random;
    private final List<String> ready = new CopyOnWriteArrayList<>();
    private volatile boolean stop;
    private volatile Throwable failure;
    private int round;

    BatchUploader(String admin, CrashClient client, int institutions, long seed) {
        this.admin = admin;
        this.client = client;
        this.institutions = institutions;
        this.random = new Random(seed);
    }

    /** Opens the first batch, before the clerks start; answers its code. */
    String openFirst() {
        String code = open();
        if (code == null) {
            throw new AssertionError("the first batch could not be opened: " + client.refusals());
        }
        return code;
    }

    @Override
    public void run() {
        try {
            while (!stop) {
                if (open() == null) {
                    return;
                }
                long pause = 1000 + random.nextInt(2000);
                for (long waited = 0; waited < pause && !stop; waited += 100) {
                    LiveApp.sleep(100);
                }
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

    CrashClient client() {
        return client;
    }

    /** The batch ready after {@code batch}, or null. */
    String batchAfter(String batch) {
        int i = ready.indexOf(batch);
        return i >= 0 && i + 1 < ready.size() ? ready.get(i + 1) : null;
    }

    List<String> batches() {
        return List.copyOf(ready);
    }

    private String open() {
        String code = String.format("CRASH-%02d", round++);
        String base = "/api/v1/procurement/batches";
        boolean opened = until(Kind.CREATE_BATCH, code, (port, id) -> client.http().command(port, "POST", base, admin,
                Map.of("code", code, "name", "崩溃测试批次 " + code, "allocationOpensAt", "2026-01-01T00:00:00Z",
                        "allocationClosesAt", "2099-12-31T00:00:00Z"), id))
                && until(Kind.CATALOGUE, code, (port, id) -> client.http().upload(port, base + "/" + code
                + "/catalogue", admin, CrashBatch.catalogue(), id))
                && until(Kind.DEMANDS, code, (port, id) -> client.http().upload(port, base + "/" + code
                + "/demands", admin, CrashBatch.demands(institutions), id));
        if (opened) {
            ready.add(code);
        }
        return opened ? code : null;
    }

    /** Sends the step until it has taken effect; false when it was refused or the test is stopping. */
    private boolean until(Kind kind, String code, CrashClient.Request request) {
        while (true) {
            Sent sent = client.execute(kind, code, null, null, request);
            if (sent.outcome().applied()) {
                return true;
            }
            if (sent.outcome() == Outcome.REFUSED || stop) {
                return false;
            }
        }
    }
}
