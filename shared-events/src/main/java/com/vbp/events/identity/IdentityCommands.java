package com.vbp.events.identity;

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

    /** A login attempt; answered with a {@link LoginOutcome}, never an exception, so failures are recorded. */
    public record Authenticate(@TargetAggregateIdentifier String username, String password) {
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

    /** The answer to {@link Authenticate}. {@code credentialsVersion} goes into the token. */
    public record LoginOutcome(boolean success, String failureCode, int failedAttempts,
                               java.time.Instant lockedUntil, long credentialsVersion) {
    }
}
