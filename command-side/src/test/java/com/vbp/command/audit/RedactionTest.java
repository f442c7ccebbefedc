package com.vbp.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import com.vbp.events.identity.IdentityEvents.PasswordChanged;
import com.vbp.events.identity.IdentityEvents.TokenRevoked;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No password hash or other secret leaves the audit API: the one rule, on payloads and on aggregate states. */
class RedactionTest {

    private static final String HASH = "$2a$10$abcdefghijklmnopqrstuuJ1h0nQ3mY1oK2Zb7sD3wqKx8m9a1b2";
    private static final Instant AT = Instant.parse("2026-05-01T08:00:00Z");

    @Test
    void the_password_hash_of_a_created_account_is_redacted_and_everything_else_is_shown() {
        JsonNode payload = AuditJson.tree(new AccountCreated("inst-h1", Role.INSTITUTION, "H42010200001", "420102",
                HASH, "admin", AT));
        assertThat(payload.path("passwordHash").asText()).isEqualTo(Redaction.REDACTED);
        assertThat(payload.path("username").asText()).isEqualTo("inst-h1");
        assertThat(payload.path("role").asText()).isEqualTo("INSTITUTION");
        assertThat(payload.path("createdBy").asText()).isEqualTo("admin");
        assertThat(payload.path("createdAt").asText()).isEqualTo("2026-05-01T08:00:00Z");
        assertThat(AuditJson.render(new PasswordChanged("inst-h1", HASH, 3, AT))).doesNotContain(HASH)
                .contains("\"passwordHash\":\"[redacted]\"").contains("\"credentialsVersion\":3");
    }

    @Test
    void a_token_identifier_is_not_a_secret_a_flag_named_after_a_password_is_not_either() {
        assertThat(AuditJson.tree(new TokenRevoked("u", "jti-1", AT, AT)).path("tokenId").asText())
                .isEqualTo("jti-1");
        JsonNode state = AuditJson.tree(new AccountLike());
        assertThat(state.path("mustChangePassword").asBoolean()).isTrue();
        assertThat(state.path("recentPasswordHashes").asText()).isEqualTo(Redaction.REDACTED);
        assertThat(state.path("nested").path("clientSecret").asText()).isEqualTo(Redaction.REDACTED);
        assertThat(state.path("nested").path("name").asText()).isEqualTo("kept");
        assertThat(state.path("history").get(0).path("passwordHash").asText()).isEqualTo(Redaction.REDACTED);
        assertThat(state.toString()).doesNotContain(HASH);
    }

    @Test
    void names_are_matched_in_any_case() {
        assertThat(Redaction.isSecretName("PASSWORD")).isTrue();
        assertThat(Redaction.isSecretName("initialPassword")).isTrue();
        assertThat(Redaction.isSecretName("jwtSecretKey")).isTrue();
        assertThat(Redaction.isSecretName("passport")).isFalse();
        assertThat(Redaction.isSecretName("sha256")).isFalse();
    }

    /** An aggregate's private state, as the account keeps it. */
    @SuppressWarnings("unused")
    private static final class AccountLike {
        private final boolean mustChangePassword = true;
        private final ArrayDeque<String> recentPasswordHashes = new ArrayDeque<>(List.of(HASH, HASH));
        private final Map<String, String> nested = Map.of("clientSecret", HASH, "name", "kept");
        private final List<PasswordChanged> history = List.of(new PasswordChanged("u", HASH, 1, AT));
    }
}
