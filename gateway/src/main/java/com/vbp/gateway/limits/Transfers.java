package com.vbp.gateway.limits;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The uploads and exports under way per account, at most {@code app.limits.transfers-per-account} at once. An
 * account is held only while one of its transfers runs, so the map is no larger than the requests being served.
 */
final class Transfers {

    /** Uploads and exports under way, all accounts together: a gauge for operators (and tests that hold some). */
    static final String ACTIVE = "vbp.transfers.active";

    private final int perAccount;
    private final ConcurrentMap<String, Integer> underWay = new ConcurrentHashMap<>();

    Transfers(int perAccount, MeterRegistry meters) {
        this.perAccount = perAccount;
        Gauge.builder(ACTIVE, underWay, running -> running.values().stream().mapToInt(Integer::intValue).sum())
                .description("Uploads and exports under way").register(meters);
    }

    /** Whether the account may start one more; if so, it is counted until {@link #finish}. */
    boolean tryStart(String account) {
        boolean[] started = {false};
        underWay.compute(account, (a, running) -> {
            int now = running == null ? 0 : running;
            if (now >= perAccount) {
                return running;
            }
            started[0] = true;
            return now + 1;
        });
        return started[0];
    }

    void finish(String account) {
        underWay.computeIfPresent(account, (a, running) -> running <= 1 ? null : running - 1);
    }
}
