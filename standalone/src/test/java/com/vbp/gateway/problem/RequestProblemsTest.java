package com.vbp.gateway.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.events.common.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jackson 2 wraps what its reader refuses inside an object (a number out of range or too long, a broken token) in
 * a plain mapping failure that holds the path: the refusal still names the failure, and the field where it is.
 */
class RequestProblemsTest {

    record Entry(String drugCode, BigDecimal contractVolume) {
    }

    record Body(List<Entry> entries, int count) {
    }

    @Test
    void a_whole_number_out_of_range_names_its_field() {
        Refusal r = refusal("{\"count\": 99999999999}");
        assertThat(r.message()).isEqualTo("count must be a whole number (not in quotes) within range: correct it and "
                + "send again");
        assertThat(r.figures().get("fields")).isEqualTo(List.of(Map.of("field", "count",
                "message", "must be a whole number (not in quotes) within range")));
    }

    @Test
    void a_number_too_long_inside_a_list_is_too_long_to_read() {
        assertThat(refusal("{\"entries\": [{\"drugCode\": \"a\", \"contractVolume\": " + "9".repeat(1200) + "}]}")
                .message()).startsWith("The JSON body has a number, text or nesting too long to read");
    }

    @Test
    void a_broken_token_inside_a_list_is_not_valid_json_with_its_place() {
        assertThat(refusal("{\"entries\": [{\"drugCode\": \"a\", \"contractVolume\": 1x}]}").message())
                .startsWith("The body is not valid JSON (line 1, column 51)");
    }

    private static Refusal refusal(String json) {
        try {
            new ObjectMapper().readValue(json, Body.class);
        } catch (Exception e) {
            return RequestProblems.of(new HttpMessageNotReadableException("JSON parse error", e,
                    new MockHttpInputMessage(json.getBytes())), 400);
        }
        throw new AssertionError("read " + json);
    }
}
