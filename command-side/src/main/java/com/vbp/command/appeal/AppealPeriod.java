package com.vbp.command.appeal;

import java.time.Duration;
import java.time.Instant;

/**
 * How long after a batch's latest calculation round an institution may still appeal: {@code days} whole days of
 * 24 hours (property {@code app.appeals.window-days}, default 30). The deadline is an instant and is excluded, like
 * every window of the platform ({@code [start, deadline)}): at exactly finalisedAt + 30 days the period is over.
 * Zero days allows appeals only until the batch is finalised.
 */
public record AppealPeriod(int days) {

    public static final int DEFAULT_DAYS = 30;

    public AppealPeriod {
        if (days < 0) {
            throw new IllegalArgumentException("app.appeals.window-days must be 0 or more, was " + days);
        }
    }

    /** The first instant at which an appeal is too late, for a round computed at {@code roundAt}. */
    public Instant deadlineAfter(Instant roundAt) {
        return roundAt.plus(Duration.ofDays(days));
    }
}
