package com.vbp.gateway.retention;

import com.vbp.events.common.Refusal;
import com.vbp.gateway.problem.ProblemHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP status of every refusal code of surplus retention (the RetentionBatch aggregate's and ours). */
class RetentionRefusalStatusTest {

    @ParameterizedTest
    @CsvSource({
            "UNKNOWN_BATCH, 404", "UNKNOWN_INSTITUTION, 404",
            "BATCH_EXISTS, 409", "WINDOW_CLOSED, 409", "ALREADY_FINALISED, 409", "NOT_FINALISED, 409",
            "NO_CALCULATION_DATA, 409",
            "INVALID_ROWS, 400", "EMPTY_FILE, 400", "MISSING_COLUMNS, 400", "NOT_XLSX, 400", "SUSPICIOUS_FILE, 400",
            "INVALID_BATCH_CODE, 422", "INVALID_BATCH, 422", "INVALID_WINDOW, 422", "INVALID_PARAMETERS, 422",
            "INVALID_SCORE, 422", "REASON_REQUIRED, 422"})
    void retention_codes_have_their_status(String code, int status) {
        assertThat(ProblemHandler.status(new Refusal(code, "", null, null)).value()).isEqualTo(status);
    }
}
