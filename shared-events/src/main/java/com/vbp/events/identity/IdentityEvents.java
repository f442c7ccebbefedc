package com.vbp.events.identity;

import com.vbp.events.common.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The closed family of account events. Password hashes are BCrypt; the audit API redacts them.
 * {@code credentialsVersion} changes whenever every token issued before must stop working.
 */
public sealed interface IdentityEvents {

    String username();

    @Revision("1")
    record AccountCreated(String username, Role role, String organisation, String district,
                          String passwordHash, String createdBy, Instant createdAt) implements IdentityEvents {
    }

    @Revision("1")
    record LoginSucceeded(String username, Instant at) implements IdentityEvents {
    }

    @Revision("1")
    record LoginFailed(String username, int consecutiveFailures, Instant at) implements IdentityEvents {
    }

    @Revision("1")
    record AccountLocked(String username, Instant lockedUntil) implements IdentityEvents {
    }

    @Revision("1")
    record PasswordChanged(String username, String passwordHash, long credentialsVersion, Instant changedAt)
            implements IdentityEvents {
    }

    /**
     * 重置密码: the administrator {@code resetBy} set a new initial password; the account must change it at the
     * next login, and every token issued before stops working ({@code credentialsVersion}).
     */
    @Revision("1")
    record PasswordReset(String username, String passwordHash, long credentialsVersion, String resetBy,
                         Instant resetAt) implements IdentityEvents {
    }

    @Revision("1")
    record AccountDisabled(String username, String disabledBy, long credentialsVersion, Instant disabledAt)
            implements IdentityEvents {
    }

    /**
     * 个人信息修改: the account's profile after the change, which of its fields changed
     * ({@code displayName}, {@code contactPhone}, {@code email}), who changed it and when.
     * A cleared phone or email is {@code null}.
     */
    @Revision("1")
    record ProfileChanged(String username, String displayName, String contactPhone, String email,
                          List<String> changedFields, String changedBy, Instant changedAt) implements IdentityEvents {
        public ProfileChanged {
            changedFields = List.copyOf(changedFields);
        }
    }

    /**
     * 退出: the token {@code tokenId} (its {@code jti}) is no longer accepted; the revocation matters
     * until {@code expiresAt}, the token's own expiry.
     */
    @Revision("1")
    record TokenRevoked(String username, String tokenId, Instant expiresAt, Instant revokedAt)
            implements IdentityEvents {
    }
}
