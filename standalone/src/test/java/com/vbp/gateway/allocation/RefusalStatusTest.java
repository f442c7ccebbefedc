package com.vbp.gateway.allocation;

import com.vbp.events.common.Refusal;
import com.vbp.gateway.problem.ProblemHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP status of every refusal code of the allocation workflow. */
class RefusalStatusTest {

    @ParameterizedTest
    @CsvSource({
            "UNKNOWN_LINE, 404",
            "ALREADY_REPORTED, 409", "LINE_ALREADY_CONFIRMED, 409", "LINE_NOT_CONFIRMED, 409", "NO_DRAFT, 409",
            "NOT_ALL_CONFIRMED, 409", "CAPACITY_EXCEEDED, 409", "WINDOW_CLOSED, 409", "IDEMPOTENCY_KEY_IN_USE, 409",
            "CONTRACT_VOLUME_OUT_OF_RANGE, 422", "INVALID_CONTRACT_VOLUME, 422", "MISSING_REQUIRED_WINNER, 422",
            "MIN_SHARE_NOT_MET, 422", "UNKNOWN_PRODUCT, 422", "DUPLICATE_ENTRY, 422", "NO_ENTRIES, 422",
            "IDEMPOTENCY_KEY_REUSED, 422"})
    void allocation_codes_have_their_status(String code, int status) {
        assertThat(ProblemHandler.status(new Refusal(code, "", null, null)).value()).isEqualTo(status);
    }
}
