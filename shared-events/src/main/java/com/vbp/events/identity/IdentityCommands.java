package com.vbp.events.identity;

import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on accounts. The account's identifier is its username. */
public final class IdentityCommands {

    private IdentityCommands() {
    }

    /**
     * Creates an account that must change {@code initialPassword} at first login.
     * {@code district} is the district of the organisation (null for CITY).
     */
    public record CreateAccount(@TargetAggregateIdentifier String username, Role role, String organisation,
                                String district, String initialPassword, String createdBy) {
        @Override
        public String toString() {
            return "CreateAccount[" + username + ", " + role + ", " + organisation + "]";
        }
    }

    /**
     * A login attempt; answered with a {@link LoginOutcome}, never an exception, so failures are recorded.
     * {@code captchaSolved} says that the gateway redeemed a correct captcha for this attempt (see
     * {@link FailedLogins}: after three failures the account refuses attempts without one).
     */
    public record Authenticate(@TargetAggregateIdentifier String username, String password, boolean captchaSolved) {

        public Authenticate(String username, String password) {
            this(username, password, false);
        }

        @Override
        public String toString() {
            return "Authenticate[" + username + "]";
        }
    }

    public record ChangePassword(@TargetAggregateIdentifier String username, String oldPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[" + username + "]";
        }
    }

    public record DisableAccount(@TargetAggregateIdentifier String username, String disabledBy) {
    }

    /**
     * 重置密码 by the administrator, for a user who forgot theirs: {@code newPassword} replaces the password as a
     * new initial one, which the user must change at the next login; every token of the account stops working.
     */
    public record ResetPassword(@TargetAggregateIdentifier String username, String newPassword, String resetBy) {
        @Override
        public String toString() {
            return "ResetPassword[" + username + ", by " + resetBy + "]";
        }
    }

    /**
     * 个人信息修改 (seed 003 §3): the account's own display name, mobile phone and email, replacing the
     * previous ones; {@code null} clears a phone or an email. Organisation and role are not part of it:
     * only the administrator decides those. The formats are here so that the gateway's request
     * validation and the aggregate's rule cannot drift apart.
     */
    public record ChangeProfile(@TargetAggregateIdentifier String username, String displayName, String contactPhone,
                                String email, String changedBy) {

        public static final int DISPLAY_NAME_MAX = 50;
        /** A mainland China mobile number: 11 digits, 13x–19x. */
        public static final String MOBILE_PHONE = "1[3-9][0-9]{9}";
        public static final int EMAIL_MAX = 254;
        /** local@domain.tld: a local part of at most 64 characters without leading, trailing or double dots,
         *  a domain of letter-digit-hyphen labels and a top-level domain of at least two letters. */
        public static final String EMAIL = "(?=[^@]{1,64}@)[A-Za-z0-9_%+-]+(\\.[A-Za-z0-9_%+-]+)*"
                + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";
    }

    /**
     * 退出: the token {@code tokenId} (its {@code jti}) of {@code username} must no longer be accepted.
     * {@code expiresAt} is the token's own expiry, after which the revocation need not be kept.
     */
    public record RevokeToken(@TargetAggregateIdentifier String username, String tokenId,
                              java.time.Instant expiresAt) {
    }

    /**
     * The answer to {@link Authenticate}. {@code credentialsVersion} goes into the token;
     * {@code captchaRequired} says that the next attempt needs a solved captcha. The failure is one of the
     * catalogue's login codes (BAD_CREDENTIALS, ACCOUNT_LOCKED, ACCOUNT_DISABLED, CAPTCHA_REQUIRED), null on success.
     */
    public record LoginOutcome(boolean success, RefusalCode failureCode, int failedAttempts,
                               java.time.Instant lockedUntil, long credentialsVersion, boolean captchaRequired) {
    }
}
