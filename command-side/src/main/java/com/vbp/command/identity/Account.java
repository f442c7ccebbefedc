package com.vbp.command.identity;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.Authenticate;
import com.vbp.events.identity.FailedLogins;
import com.vbp.events.identity.IdentityCommands.ChangePassword;
import com.vbp.events.identity.IdentityCommands.ChangeProfile;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.events.identity.IdentityCommands.DisableAccount;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import com.vbp.events.identity.IdentityCommands.ResetPassword;
import com.vbp.events.identity.IdentityCommands.RevokeToken;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import com.vbp.events.identity.IdentityEvents.AccountDisabled;
import com.vbp.events.identity.IdentityEvents.AccountLocked;
import com.vbp.events.identity.IdentityEvents.LoginFailed;
import com.vbp.events.identity.IdentityEvents.LoginSucceeded;
import com.vbp.events.identity.IdentityEvents.PasswordChanged;
import com.vbp.events.identity.IdentityEvents.PasswordReset;
import com.vbp.events.identity.IdentityEvents.ProfileChanged;
import com.vbp.events.identity.IdentityEvents.TokenRevoked;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account. It owns the password hash and the last ones (no reuse), the first-login obligation
 * to change the initial password, the captcha requirement and lockout after failed logins
 * ({@link FailedLogins}), the credentials version that invalidates tokens, the revocation of single
 * tokens at logout, and the profile its user keeps.
 */
@Aggregate
public class Account {

    public static final int FAILURES_BEFORE_LOCK = FailedLogins.LOCK_AFTER;
    public static final Duration LOCK_DURATION = FailedLogins.LOCK_DURATION;
    /** A new password must differ from the current one and the two before it (修改密码, seed 000 §3.1.3). */
    public static final int PASSWORDS_REMEMBERED = 3;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");

    @AggregateIdentifier
    private String username;
    /** The current password's hash first, then the earlier ones, at most {@link #PASSWORDS_REMEMBERED}. */
    private final Deque<String> recentPasswordHashes = new ArrayDeque<>();
    private boolean mustChangePassword;
    private boolean enabled;
    private FailedLogins failedLogins = FailedLogins.NONE;
    private long credentialsVersion;
    private ProfileRules.Profile profile = new ProfileRules.Profile(null, null, null);

    protected Account() {
        // for Axon
    }

    @CommandHandler
    public Account(CreateAccount command, PasswordEncoder encoder, Clock clock) {
        if (command.username() == null || !USERNAME.matcher(command.username()).matches()) {
            throw new RuleViolation(RefusalCode.INVALID_USERNAME);
        }
        if (command.role() == null) {
            throw new RuleViolation(RefusalCode.INVALID_ROLE);
        }
        OrganisationRules.checkRoleFits(command.role(), command.organisation());
        PasswordPolicy.check(command.initialPassword());
        apply(new AccountCreated(command.username(), command.role(), command.organisation(), command.district(),
                encoder.encode(command.initialPassword()), command.createdBy(), clock.instant()));
    }

    @CommandHandler
    public LoginOutcome handle(Authenticate command, PasswordEncoder encoder, Clock clock) {
        Instant now = clock.instant();
        if (failedLogins.lockedAt(now)) {
            return refused(RefusalCode.ACCOUNT_LOCKED, failedLogins, now);
        }
        if (failedLogins.captchaRequiredAt(now) && !command.captchaSolved()) {
            // Not a password attempt: the password is not even checked, so nothing is learnt from it
            // and nothing is counted; only an attempt with a solved captcha counts (and may lock).
            return refused(RefusalCode.CAPTCHA_REQUIRED, failedLogins, now);
        }
        if (command.password() == null || !encoder.matches(command.password(), currentPasswordHash())) {
            FailedLogins after = failedLogins.plusFailureAt(now);
            apply(new LoginFailed(username, after.consecutive(), now));
            if (after.lockedAt(now)) {
                apply(new AccountLocked(username, after.lockedUntil()));
                return refused(RefusalCode.ACCOUNT_LOCKED, after, now);
            }
            return refused(RefusalCode.BAD_CREDENTIALS, after, now);
        }
        if (!enabled) {
            return new LoginOutcome(false, RefusalCode.ACCOUNT_DISABLED, 0, null, credentialsVersion, false);
        }
        apply(new LoginSucceeded(username, now));
        return new LoginOutcome(true, null, 0, null, credentialsVersion, false);
    }

    private LoginOutcome refused(RefusalCode code, FailedLogins state, Instant now) {
        return new LoginOutcome(false, code, state.countAt(now), state.lockedAt(now) ? state.lockedUntil() : null,
                credentialsVersion, state.captchaRequiredAt(now));
    }

    @CommandHandler
    public long handle(ChangePassword command, PasswordEncoder encoder, Clock clock) {
        requireEnabled();
        if (command.oldPassword() == null || !encoder.matches(command.oldPassword(), currentPasswordHash())) {
            throw new RuleViolation(RefusalCode.WRONG_PASSWORD);
        }
        PasswordPolicy.check(command.newPassword());
        if (recentPasswordHashes.stream().anyMatch(hash -> encoder.matches(command.newPassword(), hash))) {
            throw new RuleViolation(RefusalCode.PASSWORD_REUSED,
                    "The new password must differ from the current one and the "
                    + (PASSWORDS_REMEMBERED - 1) + " before it", Map.of("remembered", PASSWORDS_REMEMBERED));
        }
        apply(new PasswordChanged(username, encoder.encode(command.newPassword()), credentialsVersion + 1,
                clock.instant()));
        return credentialsVersion;
    }

    /**
     * 重置密码 by the administrator: the same policy as any password, none of the history check (the user must
     * change it at once anyway, and the administrator does not know the earlier ones). A disabled account is
     * refused: it cannot log in, so a new password would only hide that it was disabled.
     */
    @CommandHandler
    public void handle(ResetPassword command, PasswordEncoder encoder, Clock clock) {
        if (!enabled) {
            throw new RuleViolation(RefusalCode.ACCOUNT_IS_DISABLED,
                    "The account is disabled; its password cannot be reset",
                    Map.of("username", username));
        }
        PasswordPolicy.check(command.newPassword());
        apply(new PasswordReset(username, encoder.encode(command.newPassword()), credentialsVersion + 1,
                command.resetBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeProfile command, Clock clock) {
        requireEnabled();
        ProfileRules.Profile changed = ProfileRules.check(command);
        List<String> fields = new ArrayList<>();
        if (!Objects.equals(changed.displayName(), profile.displayName())) {
            fields.add("displayName");
        }
        if (!Objects.equals(changed.contactPhone(), profile.contactPhone())) {
            fields.add("contactPhone");
        }
        if (!Objects.equals(changed.email(), profile.email())) {
            fields.add("email");
        }
        if (fields.isEmpty()) {
            return; // saving an unchanged form is not a change an auditor needs to read
        }
        apply(new ProfileChanged(username, changed.displayName(), changed.contactPhone(), changed.email(), fields,
                command.changedBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(RevokeToken command, Clock clock) {
        if (command.tokenId() == null || command.tokenId().isBlank() || command.expiresAt() == null) {
            throw new RuleViolation(RefusalCode.INVALID_REQUEST, "A token to revoke needs its identifier and expiry");
        }
        // Also for a disabled account: its tokens are refused anyway, and the record costs nothing.
        apply(new TokenRevoked(username, command.tokenId(), command.expiresAt(), clock.instant()));
    }

    @CommandHandler
    public void handle(DisableAccount command, Clock clock) {
        if (!enabled) {
            return; // disabling twice has the effect of once
        }
        if (username.equals(command.disabledBy())) {
            throw new RuleViolation(RefusalCode.CANNOT_DISABLE_SELF);
        }
        apply(new AccountDisabled(username, command.disabledBy(), credentialsVersion + 1, clock.instant()));
    }

    private String currentPasswordHash() {
        return recentPasswordHashes.peekFirst();
    }

    private void rememberPassword(String hash) {
        recentPasswordHashes.addFirst(hash);
        while (recentPasswordHashes.size() > PASSWORDS_REMEMBERED) {
            recentPasswordHashes.removeLast();
        }
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new RuleViolation(RefusalCode.ACCOUNT_DISABLED, "The account is disabled", Map.of("username",
                    username));
        }
    }

    @EventSourcingHandler
    void on(AccountCreated event) {
        username = event.username();
        rememberPassword(event.passwordHash());
        mustChangePassword = true;
        enabled = true;
    }

    @EventSourcingHandler
    void on(LoginFailed event) {
        // A lock that had run out by this failure no longer applies.
        Instant lock = failedLogins.lockedAt(event.at()) ? failedLogins.lockedUntil() : null;
        failedLogins = new FailedLogins(event.consecutiveFailures(), lock);
    }

    @EventSourcingHandler
    void on(AccountLocked event) {
        failedLogins = new FailedLogins(failedLogins.consecutive(), event.lockedUntil());
    }

    @EventSourcingHandler
    void on(LoginSucceeded event) {
        failedLogins = FailedLogins.NONE;
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        rememberPassword(event.passwordHash());
        mustChangePassword = false;
        credentialsVersion = event.credentialsVersion();
    }

    @EventSourcingHandler
    void on(PasswordReset event) {
        rememberPassword(event.passwordHash());
        mustChangePassword = true;
        credentialsVersion = event.credentialsVersion();
    }

    @EventSourcingHandler
    void on(AccountDisabled event) {
        enabled = false;
        credentialsVersion = event.credentialsVersion();
    }

    @EventSourcingHandler
    void on(ProfileChanged event) {
        profile = new ProfileRules.Profile(event.displayName(), event.contactPhone(), event.email());
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }
}
