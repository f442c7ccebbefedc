package com.vbp.events.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * Commands of the login protection that are not facts about an account and so are not events:
 * captchas (验证码, seed 003 §2) and the failure count of usernames that have no account. They are
 * short-lived state written by anonymous callers, kept by the query side in MongoDB so that every
 * gateway instance sees the same state, and expire on their own.
 */
public final class LoginProtectionCommands {

    private LoginProtectionCommands() {
    }

    /** How long a captcha can be redeemed after it was issued. */
    public static final Duration CAPTCHA_LIFETIME = Duration.ofMinutes(2);

    /**
     * Keeps a captcha whose picture the gateway has drawn; answered with its expiry ({@link Instant}).
     * {@code answer} is the text in the picture, compared without regard to case.
     */
    public record IssueCaptcha(String captchaId, String answer) {
        @Override
        public String toString() {
            return "IssueCaptcha[" + captchaId + "]";
        }
    }

    /**
     * Uses up the captcha {@code captchaId}, whatever the answer: a captcha admits one attempt only.
     * Answered with a {@link CaptchaRedemption}.
     */
    public record RedeemCaptcha(String captchaId, String answer) {
        @Override
        public String toString() {
            return "RedeemCaptcha[" + captchaId + "]";
        }
    }

    public enum CaptchaRedemption {
        SOLVED,
        WRONG,
        EXPIRED,
        /** never issued, already used, or expired and purged */
        UNKNOWN
    }

    /**
     * A login attempt for a username that has no account: counted by the same {@link FailedLogins}
     * rule as a real account's failures, and answered with the same kind of
     * {@link IdentityCommands.LoginOutcome}, so the answers do not tell which usernames exist.
     */
    public record RecordLoginToUnknownAccount(String username, boolean captchaSolved) {
    }
}
