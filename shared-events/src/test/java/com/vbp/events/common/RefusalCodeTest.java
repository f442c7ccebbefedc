package com.vbp.events.common;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalCodeTest {

    @Test
    void every_refusal_is_answered_with_a_4xx_or_503_and_only_an_internal_error_with_500() {
        List<RefusalCode> neither = Arrays.stream(RefusalCode.values())
                .filter(c -> !(c.status() >= 400 && c.status() < 500) && c.status() != 503).toList();
        assertThat(neither).containsExactly(RefusalCode.INTERNAL_ERROR);
        assertThat(RefusalCode.INTERNAL_ERROR.status()).isEqualTo(500);
    }

    @Test
    void every_code_has_a_sentence_for_people() {
        assertThat(RefusalCode.values()).allSatisfy(c -> assertThat(c.message()).as(c.code()).isNotBlank());
    }

    @Test
    void the_code_on_the_wire_is_the_constant_name_and_is_found_again_from_it() {
        assertThat(RefusalCode.UNKNOWN_BATCH.code()).isEqualTo("UNKNOWN_BATCH");
        assertThat(RefusalCode.values()).allSatisfy(c -> assertThat(RefusalCode.find(c.code())).contains(c));
    }

    @Test
    void a_code_the_catalogue_does_not_know_is_found_as_nothing_rather_than_failing() {
        assertThat(RefusalCode.find("A_CODE_OF_A_NEWER_VERSION")).isEmpty();
        assertThat(RefusalCode.find(null)).isEmpty();
        Refusal remote = new Refusal("A_CODE_OF_A_NEWER_VERSION", "words", null, null);
        assertThat(remote.known()).isEmpty();
        assertThat(remote.is(RefusalCode.UNKNOWN_BATCH)).isFalse();
    }

    @Test
    void a_refusal_built_from_the_catalogue_carries_its_code_string_and_by_default_its_sentence() {
        Refusal refusal = Refusal.of(RefusalCode.FORBIDDEN);
        assertThat(refusal.code()).isEqualTo("FORBIDDEN");
        assertThat(refusal.message()).isEqualTo(RefusalCode.FORBIDDEN.message());
        assertThat(refusal.known()).contains(RefusalCode.FORBIDDEN);
        assertThat(refusal.is(RefusalCode.FORBIDDEN)).isTrue();
        assertThat(Refusal.of(RefusalCode.INVALID_PAGE, "size too large", Map.of("size", 9999)).figures())
                .containsEntry("size", 9999);
    }
}
