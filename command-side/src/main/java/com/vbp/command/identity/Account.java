package com.vbp.command.identity;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.Authenticate;
import com.vbp.events.identity.IdentityCommands.ChangePassword;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.events.identity.IdentityCommands.DisableAccount;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import com.vbp.events.identity.IdentityEvents.AccountDisabled;
import com.vbp.events.identity.IdentityEvents.AccountLocked;
import com.vbp.events.identity.IdentityEvents.LoginFailed;
import com.vbp.events.identity.IdentityEvents.LoginSucceeded;
import com.vbp.events.identity.IdentityEvents.PasswordChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account. It owns the password hash, the first-login obligation to change the initial
 * password, the lockout after failed logins, and the credentials version that invalidates tokens.
 */
@Aggregate
public class Account {

    public static final int FAILURES_BEFORE_LOCK = 5;
    public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");

    @AggregateIdentifier
    private String username;
    private String passwordHash;
    private boolean mustChangePassword;
    private boolean enabled;
    private int consecutiveFailures;
    private Instant lockedUntil;
    private long credentialsVersion;

    protected Account() {
        // for Axon
    }

    @CommandHandler
    public Account(CreateAccount command, PasswordEncoder encoder, Clock clock) {
        if (command.username() == null || !USERNAME.matcher(command.username()).matches()) {
            throw new RuleViolation("INVALID_USERNAME",
                    "A username has 2 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (command.role() == null) {
            throw new RuleViolation("INVALID_ROLE", "A role is required");
        }
        OrganisationRules.checkRoleFits(command.role(), command.organisation());
        PasswordPolicy.check(command.initialPassword());
        apply(new AccountCreated(command.username(), command.role(), command.organisation(), command.district(),
                encoder.encode(command.initialPassword()), command.createdBy(), clock.instant()));
    }

    @CommandHandler
    public LoginOutcome handle(Authenticate command, PasswordEncoder encoder, Clock clock) {
        Instant now = clock.instant();
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return new LoginOutcome(false, "ACCOUNT_LOCKED", consecutiveFailures, lockedUntil, credentialsVersion);
        }
        if (command.password() == null || !encoder.matches(command.password(), passwordHash)) {
            int failures = failuresSoFar(now) + 1;
            apply(new LoginFailed(username, failures, now));
            if (failures >= FAILURES_BEFORE_LOCK) {
                Instant until = now.plus(LOCK_DURATION);
                apply(new AccountLocked(username, until));
                return new LoginOutcome(false, "ACCOUNT_LOCKED", failures, until, credentialsVersion);
            }
            return new LoginOutcome(false, "BAD_CREDENTIALS", failures, null, credentialsVersion);
        }
        if (!enabled) {
            return new LoginOutcome(false, "ACCOUNT_DISABLED", 0, null, credentialsVersion);
        }
        apply(new LoginSucceeded(username, now));
        return new LoginOutcome(true, null, 0, null, credentialsVersion);
    }

    @CommandHandler
    public long handle(ChangePassword command, PasswordEncoder encoder, Clock clock) {
        requireEnabled();
        if (command.oldPassword() == null || !encoder.matches(command.oldPassword(), passwordHash)) {
            throw new RuleViolation("WRONG_PASSWORD", "The current password is not correct");
        }
        PasswordPolicy.check(command.newPassword());
        if (encoder.matches(command.newPassword(), passwordHash)) {
            throw new RuleViolation("PASSWORD_REUSED", "The new password must differ from the current one");
        }
        apply(new PasswordChanged(username, encoder.encode(command.newPassword()), credentialsVersion + 1,
                clock.instant()));
        return credentialsVersion;
    }

    @CommandHandler
    public void handle(DisableAccount command, Clock clock) {
        if (!enabled) {
            return; // disabling twice has the effect of once
        }
        if (username.equals(command.disabledBy())) {
            throw new RuleViolation("CANNOT_DISABLE_SELF", "An administrator cannot disable their own account");
        }
        apply(new AccountDisabled(username, command.disabledBy(), credentialsVersion + 1, clock.instant()));
    }

    private int failuresSoFar(Instant now) {
        // A lock that has run out starts a fresh count.
        return lockedUntil != null && !now.isBefore(lockedUntil) ? 0 : consecutiveFailures;
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new RuleViolation("ACCOUNT_DISABLED", "The account is disabled", Map.of("username", username));
        }
    }

    @EventSourcingHandler
    void on(AccountCreated event) {
        username = event.username();
        passwordHash = event.passwordHash();
        mustChangePassword = true;
        enabled = true;
    }

    @EventSourcingHandler
    void on(LoginFailed event) {
        consecutiveFailures = event.consecutiveFailures();
        if (lockedUntil != null && !event.at().isBefore(lockedUntil)) {
            lockedUntil = null;
        }
    }

    @EventSourcingHandler
    void on(AccountLocked event) {
        lockedUntil = event.lockedUntil();
    }

    @EventSourcingHandler
    void on(LoginSucceeded event) {
        consecutiveFailures = 0;
        lockedUntil = null;
    }

    @EventSourcingHandler
    void on(PasswordChanged event) {
        passwordHash = event.passwordHash();
        mustChangePassword = false;
        credentialsVersion = event.credentialsVersion();
    }

    @EventSourcingHandler
    void on(AccountDisabled event) {
        enabled = false;
        credentialsVersion = event.credentialsVersion();
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }
}
