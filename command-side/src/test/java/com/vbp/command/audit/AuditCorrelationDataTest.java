package com.vbp.command.audit;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a command's unit of work puts on every event it applies. */
class AuditCorrelationDataTest {

    private final AuditCorrelationData provider = new AuditCorrelationData();

    @Test
    void who_the_request_and_the_idempotency_key_are_copied_and_the_request_id_is_the_correlation_id() {
        GenericCommandMessage<String> command = new GenericCommandMessage<>("confirm", MetaData.from(Map.of(
                "account", "inst-h1", "organisation", "H42010200001", "role", "INSTITUTION",
                "correlationId", "req-1", "idempotencyKey", "key-1", "unrelated", "not copied")));
        Map<String, Object> data = new HashMap<>(provider.correlationDataFor(command));
        assertThat(data).containsEntry("account", "inst-h1").containsEntry("organisation", "H42010200001")
                .containsEntry("role", "INSTITUTION").containsEntry("correlationId", "req-1")
                .containsEntry("idempotencyKey", "key-1").containsEntry("traceId", command.getIdentifier())
                .doesNotContainKey("unrelated");
    }

    @Test
    void without_audit_metadata_axons_message_origin_is_kept() {
        GenericCommandMessage<String> command = new GenericCommandMessage<>("bootstrap", MetaData.with("account",
                "system"));
        assertThat(new HashMap<String, Object>(provider.correlationDataFor(command))).containsEntry("account", "system")
                .containsEntry("correlationId", command.getIdentifier())
                .containsEntry("traceId", command.getIdentifier()).hasSize(3);
    }
}
