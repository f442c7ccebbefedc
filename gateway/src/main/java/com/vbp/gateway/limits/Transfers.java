package com.vbp.gateway.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The uploads and exports under way per account, at most {@code app.limits.transfers-per-account} at once. An
 * account is held only while one of its transfers runs, so the map is no larger than the requests being served.
 */
final class Transfers {

    private final int perAccount;
    private final ConcurrentMap<String, Integer> underWay = new ConcurrentHashMap<>();

    Transfers(int perAccount) {
        this.perAccount = perAccount;
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
