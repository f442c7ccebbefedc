package com.vbp.gateway.appeal;

import com.vbp.events.common.Refusal;
import com.vbp.gateway.problem.ProblemHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP status of every refusal code of appeals, the command side's and the gateway's own. */
class AppealRefusalStatusTest {

    @ParameterizedTest
    @CsvSource({
            "UNKNOWN_BATCH, 404", "UNKNOWN_APPEAL, 404", "NOT_YOUR_APPEAL, 404", "UNKNOWN_EVIDENCE, 404",
            "APPEAL_RESOLVED, 409", "APPEAL_NOT_RESOLVED, 409", "ALREADY_REOPENED, 409",
            "NOT_A_PARTICIPANT, 422", "APPEAL_PERIOD_OVER, 422",
            "INVALID_TITLE, 400", "INVALID_CONTENT, 400", "INVALID_REPLY, 400",
            "INVALID_REASON, 400", "INVALID_EVIDENCE, 400", "TOO_MANY_EVIDENCE_FILES, 400",
            "UNSUPPORTED_EVIDENCE_TYPE, 400", "EVIDENCE_TOO_LARGE, 413",
            "TOO_MANY_FILES, 400", "FILE_TOO_LARGE, 413", "EMPTY_FILE, 400", "UNSUPPORTED_FILE_TYPE, 400",
            "FILE_TYPE_MISMATCH, 400", "INVALID_FILE_NAME, 400", "SUSPICIOUS_FILE, 400"})
    void appeal_codes_have_their_status(String code, int status) {
        assertThat(ProblemHandler.status(new Refusal(code, "", null, null)).value()).isEqualTo(status);
    }
}
