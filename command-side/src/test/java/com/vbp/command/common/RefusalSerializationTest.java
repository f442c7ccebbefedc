package com.vbp.command.common;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal crosses Axon Server as the details of an execution exception, written by Axon's Jackson (2) serializer:
 * its code is the same string on the wire whether built from the catalogue or not, and a code this version does not
 * know still reads back (the gateway answers it 422) instead of failing the whole answer.
 */
class RefusalSerializationTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void a_refusal_reads_back_equal_with_its_code_as_the_plain_string() {
        Refusal refusal = new Refusal(RefusalCode.INVALID_ROWS, "1 row is invalid; nothing was imported",
                Map.of("badRows", 1, "batch", "VBP-1"),
                List.of(new RowProblem(2, "需求量", RowCode.NOT_A_NUMBER, "not a number")));

        SerializedObject<String> written = serializer.serialize(refusal, String.class);

        assertThat(written.getData()).contains("\"code\":\"INVALID_ROWS\"").doesNotContain("known");
        Refusal read = serializer.deserialize(written);
        assertThat(read).isEqualTo(refusal);
        assertThat(read.known()).contains(RefusalCode.INVALID_ROWS);
    }

    @Test
    void a_refusal_with_a_code_this_version_does_not_know_still_reads_back() {
        SerializedObject<String> fromNewerVersion = new SimpleSerializedObject<>(
                "{\"code\":\"A_CODE_OF_A_NEWER_VERSION\",\"message\":\"words\",\"figures\":{},\"rows\":[]}",
                String.class, new SimpleSerializedType(Refusal.class.getName(), null));

        Refusal read = serializer.deserialize(fromNewerVersion);

        assertThat(read.code()).isEqualTo("A_CODE_OF_A_NEWER_VERSION");
        assertThat(read.known()).isEmpty();
    }

    @Test
    void a_login_outcome_carries_its_failure_as_the_code_string() {
        LoginOutcome outcome = new LoginOutcome(false, RefusalCode.ACCOUNT_LOCKED, 5,
                Instant.parse("2026-05-01T08:15:00Z"), 3, true);

        SerializedObject<String> written = serializer.serialize(outcome, String.class);

        assertThat(written.getData()).contains("\"failureCode\":\"ACCOUNT_LOCKED\"");
        assertThat((Object) serializer.deserialize(written)).isEqualTo(outcome);
    }
}
