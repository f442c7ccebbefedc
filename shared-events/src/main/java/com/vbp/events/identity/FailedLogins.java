package com.vbp.events.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * The login-protection rule (seed 003 §2 验证码; lockout): after {@value #CAPTCHA_AFTER} consecutive
 * failed logins for a username every further login needs a solved captcha; the
 * {@value #LOCK_AFTER}th locks the username for 15 minutes; a lock that has run out starts a fresh
 * count. One value object so that the {@code Account} aggregate and the store that answers for
 * unknown usernames (which must behave alike, so that nobody learns which usernames exist) apply
 * the same rule.
 */
public record FailedLogins(int consecutive, Instant lockedUntil) {

    public static final int CAPTCHA_AFTER = 3;
    public static final int LOCK_AFTER = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    public static final FailedLogins NONE = new FailedLogins(0, null);

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /** The failures that still count at {@code now}: a lock that has run out starts a fresh count. */
    public int countAt(Instant now) {
        return lockedUntil != null && !now.isBefore(lockedUntil) ? 0 : consecutive;
    }

    public boolean captchaRequiredAt(Instant now) {
        return countAt(now) >= CAPTCHA_AFTER;
    }

    /** The state after one more failure at {@code now}; locked when it is the {@value #LOCK_AFTER}th. */
    public FailedLogins plusFailureAt(Instant now) {
        int count = countAt(now) + 1;
        return new FailedLogins(count, count >= LOCK_AFTER ? now.plus(LOCK_DURATION) : null);
    }
}
