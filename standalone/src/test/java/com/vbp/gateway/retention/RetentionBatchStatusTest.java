package com.vbp.gateway.retention;

import com.vbp.events.retention.RetentionQueries.RetentionBatchView;
import com.vbp.events.retention.RetentionQueries.RetentionStatus;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's status: the reporting window [opensAt, closesAt) on the clock, FINALISED over everything. */
class RetentionBatchStatusTest {

    private static final Instant OPENS = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CLOSES = Instant.parse("2026-03-31T00:00:00Z");

    private static RetentionBatchView batch(boolean finalised) {
        return new RetentionBatchView("R-1", "结余留用", OPENS, CLOSES, new RetentionParameters(new BigDecimal("0.50"),
                new Score(new BigDecimal("60")), ScoreScale.LINEAR), 3, finalised, finalised ? 1 : 0,
                finalised ? OPENS : null);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-02-28T23:59:59Z, NOT_OPEN",
            "2026-03-01T00:00:00Z, OPEN",
            "2026-03-30T23:59:59Z, OPEN",
            "2026-03-31T00:00:00Z, CLOSED",
            "2027-01-01T00:00:00Z, CLOSED"})
    void the_window_decides_until_the_batch_is_finalised(String now, RetentionStatus status) {
        assertThat(RetentionBatches.status(batch(false), Instant.parse(now))).isEqualTo(status);
        assertThat(RetentionBatches.status(batch(true), Instant.parse(now))).isEqualTo(RetentionStatus.FINALISED);
    }

    @Test
    void a_batch_created_without_parameters_gets_the_defaults_of_retention_md() {
        RetentionParameters p = new RetentionBatchController.NewBatch("R-1", "n", OPENS, CLOSES, null, null, null)
                .parameters();
        assertThat(p.retentionRatio()).isEqualByComparingTo("0.50");
        assertThat(p.passingScore().points()).isEqualByComparingTo("60");
        assertThat(p.scoreScale()).isEqualTo(ScoreScale.LINEAR);
        RetentionParameters given = new RetentionBatchController.NewBatch("R-1", "n", OPENS, CLOSES,
                new BigDecimal("0.4"), new BigDecimal("75.5"), "FULL_IF_PASSED").parameters();
        assertThat(given).isEqualTo(new RetentionParameters(new BigDecimal("0.4"), new Score(new BigDecimal("75.5")),
                ScoreScale.FULL_IF_PASSED));
    }
}
