package com.vbp.command.retention;

import com.vbp.command.common.MutableClock;
import com.vbp.events.retention.RetentionCommands.FileSelfAssessment;
import com.vbp.events.retention.RetentionEvents.SelfAssessmentFiled;
import com.vbp.events.retention.RetentionValues.Score;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.command.retention.RetentionMatchers.refused;
import static com.vbp.command.retention.RetentionTestData.BATCH;
import static com.vbp.command.retention.RetentionTestData.CLOSES;
import static com.vbp.command.retention.RetentionTestData.H001;
import static com.vbp.command.retention.RetentionTestData.H003;
import static com.vbp.command.retention.RetentionTestData.NOW;
import static com.vbp.command.retention.RetentionTestData.OPENS;
import static com.vbp.command.retention.RetentionTestData.created;
import static com.vbp.command.retention.RetentionTestData.finalised;
import static com.vbp.command.retention.RetentionTestData.imported;
import static com.vbp.command.retention.RetentionTestData.score;
import static com.vbp.command.retention.RetentionTestData.selfAssessed;
import static com.vbp.command.retention.RetentionTestData.selfAssessment;
import static org.hamcrest.Matchers.containsString;

/**
 * Given/when/then tests of an institution's self-assessment (自评分): inside the reporting window
 * {@code [opensAt, closesAt)} only, for an institution of the calculation data, 0–100 with at most one decimal,
 * changeable until the deadline.
 */
class SelfAssessmentTest {

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<RetentionBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RetentionBatch.class);
        fixture.registerInjectableResource(clock);
    }

    @Test
    void a_score_inside_the_window_is_recorded() {
        fixture.given(created(), imported())
                .when(selfAssessment(H001, "92.5"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(selfAssessed(H001, "92.5"));
    }

    @Test
    void the_institution_code_is_recorded_without_surrounding_blanks() {
        fixture.given(created(), imported())
                .when(new FileSelfAssessment(BATCH, " H001 ", score("92.5"), "h001.user"))
                .expectEvents(selfAssessed(H001, "92.5"));
    }

    @Nested
    class The_reporting_window {

        @Test
        void is_closed_just_before_it_opens() {
            clock.set(OPENS.minusNanos(1));
            fixture.given(created(), imported())
                    .when(selfAssessment(H001, "90"))
                    .expectNoEvents()
                    .expectException(refused("WINDOW_CLOSED", Map.of("reportingOpensAt", OPENS.toString(),
                            "reportingClosesAt", CLOSES.toString(), "now", OPENS.minusNanos(1).toString())))
                    .expectExceptionMessage(containsString("not opened yet"));
        }

        @Test
        void is_open_at_exactly_its_opening_instant() {
            clock.set(OPENS);
            fixture.given(created(), imported())
                    .when(selfAssessment(H001, "90"))
                    .expectEvents(new SelfAssessmentFiled(BATCH, H001, score("90"), "h001.user", OPENS));
        }

        @Test
        void is_open_until_just_before_its_closing_instant() {
            clock.set(CLOSES.minusNanos(1));
            fixture.given(created(), imported())
                    .when(selfAssessment(H001, "90"))
                    .expectEvents(new SelfAssessmentFiled(BATCH, H001, score("90"), "h001.user",
                            CLOSES.minusNanos(1)));
        }

        @Test
        void is_closed_at_exactly_its_closing_instant_and_after() {
            clock.set(CLOSES);
            fixture.given(created(), imported())
                    .when(selfAssessment(H001, "90"))
                    .expectNoEvents()
                    .expectException(refused("WINDOW_CLOSED", Map.of("reportingClosesAt", CLOSES.toString(),
                            "now", CLOSES.toString())))
                    .expectExceptionMessage(containsString("has closed"));
            clock.set(CLOSES.plusSeconds(30 * 86_400));
            fixture.given(created(), imported(), selfAssessed(H001, "80"))
                    .when(selfAssessment(H001, "90"))
                    .expectNoEvents()
                    .expectException(violation("WINDOW_CLOSED"));
        }

        @Test
        void is_checked_before_anything_else() {
            clock.set(CLOSES);
            fixture.given(created(), imported())
                    .when(selfAssessment("H999", "120"))
                    .expectException(violation("WINDOW_CLOSED"));
        }
    }

    @Test
    void the_score_may_be_changed_until_the_deadline() {
        clock.set(CLOSES.minusSeconds(1));
        fixture.given(created(), imported(), selfAssessed(H001, "80"))
                .when(selfAssessment(H001, "85.5"))
                .expectEvents(new SelfAssessmentFiled(BATCH, H001, score("85.5"), "h001.user",
                        CLOSES.minusSeconds(1)));
    }

    @Test
    void filing_the_same_score_again_records_nothing() {
        fixture.given(created(), imported(), selfAssessed(H001, "80"))
                .when(selfAssessment(H001, "80.0"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void each_institution_has_its_own_score() {
        fixture.given(created(), imported(), selfAssessed(H001, "80"))
                .when(selfAssessment(H003, "80"))
                .expectEvents(selfAssessed(H003, "80"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullSource
    @ValueSource(strings = {"H999", "", "  ", "h001"})
    void an_institution_not_in_the_calculation_data_is_refused(String institution) {
        fixture.given(created(), imported())
                .when(new FileSelfAssessment(BATCH, institution, score("90"), "someone"))
                .expectNoEvents()
                .expectException(violation("UNKNOWN_INSTITUTION"));
    }

    @Test
    void without_calculation_data_every_institution_is_unknown() {
        fixture.given(created())
                .when(selfAssessment(H001, "90"))
                .expectNoEvents()
                .expectException(violation("UNKNOWN_INSTITUTION"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"-0.1", "100.1", "101", "92.55", "59.99"})
    void a_score_outside_0_to_100_or_with_more_than_one_decimal_is_refused(String points) {
        fixture.given(created(), imported())
                .when(selfAssessment(H001, points))
                .expectNoEvents()
                .expectException(refused("INVALID_SCORE", Map.of("score", points)));
    }

    @Test
    void a_missing_score_is_refused() {
        fixture.given(created(), imported())
                .when(new FileSelfAssessment(BATCH, H001, null, "h001.user"))
                .expectNoEvents()
                .expectException(violation("INVALID_SCORE"));
        fixture.given(created(), imported())
                .when(new FileSelfAssessment(BATCH, H001, new Score(null),
                        "h001.user"))
                .expectNoEvents()
                .expectException(violation("INVALID_SCORE"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0", "100", "100.0", "99.9", "60.50"})
    void scores_on_the_bounds_are_accepted(String points) {
        fixture.given(created(), imported())
                .when(selfAssessment(H001, points))
                .expectEvents(selfAssessed(H001, points));
    }

    @Test
    void a_self_assessment_inside_the_window_is_still_accepted_after_finalising() {
        fixture.given(created(), imported(), finalised(3, "0.00"))
                .when(selfAssessment(H001, "90"))
                .expectEvents(selfAssessed(H001, "90"));
    }
}
