package com.vbp.gateway.audit;

import com.vbp.events.common.Role;
import com.vbp.gateway.security.CurrentUser;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the one dispatch interceptor puts on a command, inside and outside an HTTP request. */
class AuditMetaDataTest {

    private final AuditMetaData interceptor = new AuditMetaData();

    @AfterEach
    void clear() {
        RequestContextHolder.resetRequestAttributes();
        SecurityContextHolder.clearContext();
    }

    private CommandMessage<?> dispatch(CommandMessage<?> command) {
        return interceptor.handle(command);
    }

    private static MockHttpServletRequest request(Map<String, String> headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/v1/me");
        headers.forEach(request::addHeader);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }

    @Test
    void a_logged_in_request_names_the_account_its_organisation_role_request_and_idempotency_key() {
        request(Map.of("X-Correlation-Id", "req-7", "Idempotency-Key", "key-7"));
        SecurityContextHolder.getContext().setAuthentication(new CurrentUser.Authentication(
                new CurrentUser("inst-h1", Role.INSTITUTION, "H42010200001", "420102"), null));
        MetaData metaData = dispatch(GenericCommandMessage.asCommandMessage("save")).getMetaData();
        assertThat(metaData).containsEntry("account", "inst-h1").containsEntry("organisation", "H42010200001")
                .containsEntry("role", "INSTITUTION").containsEntry("correlationId", "req-7")
                .containsEntry("idempotencyKey", "key-7");
    }

    @Test
    void every_command_of_one_request_carries_the_same_generated_correlation_id() {
        MockHttpServletRequest request = request(Map.of("X-Correlation-Id", "not well formed!"));
        Object first = dispatch(GenericCommandMessage.asCommandMessage("a")).getMetaData().get("correlationId");
        Object second = dispatch(GenericCommandMessage.asCommandMessage("b")).getMetaData().get("correlationId");
        assertThat(first).isEqualTo(second).isEqualTo(RequestCorrelation.idOf(request));
        assertThat(first.toString()).matches("[0-9a-f-]{36}");
    }

    @Test
    void a_request_without_a_login_is_anonymous_and_a_key_too_long_to_be_honoured_is_left_out() {
        request(Map.of("Idempotency-Key", "k".repeat(201)));
        MetaData metaData = dispatch(GenericCommandMessage.asCommandMessage("login")).getMetaData();
        assertThat(metaData).containsEntry("account", "anonymous").doesNotContainKeys("role", "organisation",
                "idempotencyKey");
    }

    @Test
    void outside_a_request_the_system_sends_unless_the_command_already_says_who() {
        assertThat(dispatch(GenericCommandMessage.asCommandMessage("bootstrap")).getMetaData())
                .containsExactly(Map.entry("account", "system"));
        CommandMessage<?> inherited = new GenericCommandMessage<>("follow-up", MetaData.with("account", "inst-h1"));
        assertThat(dispatch(inherited).getMetaData()).containsEntry("account", "inst-h1");
    }

    @Test
    void correlation_ids_are_well_formed_when_short_and_plain() {
        assertThat(RequestCorrelation.isWellFormed("abc-1.2:3_4")).isTrue();
        assertThat(RequestCorrelation.isWellFormed("a".repeat(64))).isTrue();
        assertThat(RequestCorrelation.isWellFormed("a".repeat(65))).isFalse();
        assertThat(RequestCorrelation.isWellFormed("-leading")).isFalse();
        assertThat(RequestCorrelation.isWellFormed("with space")).isFalse();
        assertThat(RequestCorrelation.isWellFormed("")).isFalse();
        assertThat(RequestCorrelation.isWellFormed(null)).isFalse();
    }
}
