package com.vbp.command.retention;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RefusalMatchers.Problem;
import com.vbp.events.common.RowCode;
import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionCommands.UploadAssessmentScores;
import com.vbp.events.retention.RetentionEvents.AssessmentScoresUploaded;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionValues.InstitutionScore;
import com.vbp.events.retention.RetentionValues.Score;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.invalidRows;
import static com.vbp.command.common.RefusalMatchers.problem;
import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.command.common.RefusalMatchers.refused;
import static com.vbp.command.retention.RetentionTestData.BATCH;
import static com.vbp.command.retention.RetentionTestData.CLOSES;
import static com.vbp.command.retention.RetentionTestData.H001;
import static com.vbp.command.retention.RetentionTestData.H002;
import static com.vbp.command.retention.RetentionTestData.H003;
import static com.vbp.command.retention.RetentionTestData.JIANG_AN;
import static com.vbp.command.retention.RetentionTestData.JIANG_HAN;
import static com.vbp.command.retention.RetentionTestData.NOW;
import static com.vbp.command.retention.RetentionTestData.OPENS;
import static com.vbp.command.retention.RetentionTestData.calculationOf;
import static com.vbp.command.retention.RetentionTestData.created;
import static com.vbp.command.retention.RetentionTestData.finalise;
import static com.vbp.command.retention.RetentionTestData.finalised;
import static com.vbp.command.retention.RetentionTestData.imported;
import static com.vbp.command.retention.RetentionTestData.recordedInto;
import static com.vbp.command.retention.RetentionTestData.score;
import static com.vbp.command.retention.RetentionTestData.scoreRow;
import static com.vbp.command.retention.RetentionTestData.upload;
import static com.vbp.command.retention.RetentionTestData.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Given/when/then tests of a district bureau's score upload (考核数据上传, 考核评分模版): inside the reporting window,
 * after the calculation data, accepted whole or refused whole with every bad row named, and a later upload of the
 * same district replacing that district's earlier scores.
 */
class AssessmentUploadTest {

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<RetentionBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RetentionBatch.class);
        fixture.registerInjectableResource(clock);
    }

    @Test
    void an_accepted_upload_records_the_districts_scores() {
        fixture.given(created(), imported())
                .when(upload(JIANG_AN, scoreRow(2, H001, "92"), scoreRow(3, H002, "80.5")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(uploaded(JIANG_AN, H001, "92", H002, "80.5"));
    }

    @Test
    void codes_and_the_district_are_recorded_without_surrounding_blanks() {
        fixture.given(created(), imported())
                .when(new UploadAssessmentScores(BATCH, " 420102 ", List.of(scoreRow(2, " H001 ", "92")),
                        "bureau." + JIANG_AN))
                .expectEvents(uploaded(JIANG_AN, H001, "92"));
    }

    @Test
    void a_file_may_score_some_of_the_districts_institutions_only() {
        fixture.given(created(), imported())
                .when(upload(JIANG_AN, scoreRow(2, H002, "75")))
                .expectEvents(uploaded(JIANG_AN, H002, "75"));
    }

    @Test
    void the_file_columns_for_people_are_not_read() {
        // 机构名称 and 所属区县 of the template are shown to people; the calculation data decides the district
        fixture.given(created(), imported())
                .when(upload(JIANG_HAN, new AssessmentRow(2, H003, "另一个名称", "江岸区", score("88"))))
                .expectEvents(uploaded(JIANG_HAN, H003, "88"));
    }

    @Nested
    class The_reporting_window {

        @Test
        void is_closed_just_before_it_opens() {
            clock.set(OPENS.minusNanos(1));
            fixture.given(created(), imported())
                    .when(upload(JIANG_AN, scoreRow(2, H001, "92")))
                    .expectNoEvents()
                    .expectException(refused("WINDOW_CLOSED", Map.of("reportingOpensAt", OPENS.toString(),
                            "now", OPENS.minusNanos(1).toString())));
        }

        @Test
        void is_open_at_exactly_its_opening_instant() {
            clock.set(OPENS);
            fixture.given(created(), imported())
                    .when(upload(JIANG_AN, scoreRow(2, H001, "92")))
                    .expectEvents(new AssessmentScoresUploaded(BATCH, JIANG_AN,
                            List.of(new InstitutionScore(H001, score("92"))), "bureau." + JIANG_AN, OPENS));
        }

        @Test
        void is_open_just_before_its_closing_instant() {
            clock.set(CLOSES.minusNanos(1));
            fixture.given(created(), imported())
                    .when(upload(JIANG_AN, scoreRow(2, H001, "92")))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void is_closed_at_exactly_its_closing_instant() {
            clock.set(CLOSES);
            fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92"))
                    .when(upload(JIANG_AN, scoreRow(2, H001, "60")))
                    .expectNoEvents()
                    .expectException(refused("WINDOW_CLOSED", Map.of("reportingClosesAt", CLOSES.toString(),
                            "now", CLOSES.toString())))
                    .expectExceptionMessage(containsString("has closed"));
        }
    }

    @Test
    void an_upload_before_any_calculation_data_is_refused() {
        fixture.given(created())
                .when(upload(JIANG_AN, scoreRow(2, H001, "92")))
                .expectNoEvents()
                .expectException(violation("NO_CALCULATION_DATA"));
    }

    @Test
    void an_empty_file_is_refused() {
        fixture.given(created(), imported())
                .when(upload(JIANG_AN))
                .expectNoEvents()
                .expectException(violation("EMPTY_FILE"));
        fixture.given(created(), imported())
                .when(new UploadAssessmentScores(BATCH, JIANG_AN, null, "bureau"))
                .expectNoEvents()
                .expectException(violation("EMPTY_FILE"));
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                bad("an institution outside the uploading district", scoreRow(3, H003, "88"),
                        problem(3, "机构编码", RowCode.OUTSIDE_DISTRICT, "outside your district")),
                bad("an unknown institution", scoreRow(3, "H999", "88"),
                        problem(3, "机构编码", RowCode.UNKNOWN_INSTITUTION, "unknown institution")),
                bad("no institution code", scoreRow(3, " ", "88"), problem(3, "机构编码", RowCode.MISSING, "missing")),
                bad("a score above 100", scoreRow(3, H002, "100.5"), problem(3, "医保考核评分", RowCode.OUT_OF_RANGE, "out of range")),
                bad("a negative score", scoreRow(3, H002, "-1"), problem(3, "医保考核评分", RowCode.OUT_OF_RANGE, "out of range")),
                bad("a score with two decimals", scoreRow(3, H002, "88.25"),
                        problem(3, "医保考核评分", RowCode.TOO_MANY_DECIMALS, "more than one decimal")),
                bad("an empty score", scoreRow(3, H002, null), problem(3, "医保考核评分", RowCode.MISSING, "missing")),
                bad("a score without points", new AssessmentRow(3, H002, "武汉市中医医院", JIANG_AN, new Score(null)),
                        problem(3, "医保考核评分", RowCode.MISSING, "missing")),
                bad("a duplicate row", scoreRow(3, H001, "88"), problem(3, "机构编码", RowCode.DUPLICATE, "duplicate")),
                bad("a duplicate row written with blanks", scoreRow(3, " H001", "92"),
                        problem(3, "机构编码", RowCode.DUPLICATE, "duplicate")));
    }

    private static Arguments bad(String why, AssessmentRow row, Problem... problems) {
        return Arguments.of(why, row, problems);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badRows")
    void a_bad_row_refuses_the_whole_file(String why, AssessmentRow bad, Problem[] problems) {
        fixture.given(created(), imported())
                .when(upload(JIANG_AN, scoreRow(2, H001, "92"), bad))
                .expectNoEvents()
                .expectException(invalidRows(problems));
    }

    @Test
    void every_bad_row_of_the_file_is_named() {
        fixture.given(created(), imported())
                .when(upload(JIANG_AN,
                        scoreRow(2, H001, "92"),
                        scoreRow(3, H003, "101"),       // outside the district, and out of range
                        scoreRow(4, "H999", "80"),      // unknown
                        scoreRow(5, H002, "70.55"),     // two decimals
                        scoreRow(6, H001, null),        // duplicate, and no score
                        scoreRow(7, H002, "70")))       // duplicate of row 5
                .expectNoEvents()
                .expectException(invalidRows(
                        problem(3, "机构编码", RowCode.OUTSIDE_DISTRICT, "outside your district"),
                        problem(3, "医保考核评分", RowCode.OUT_OF_RANGE, "out of range"),
                        problem(4, "机构编码", RowCode.UNKNOWN_INSTITUTION, "unknown institution"),
                        problem(5, "医保考核评分", RowCode.TOO_MANY_DECIMALS, "more than one decimal"),
                        problem(6, "机构编码", RowCode.DUPLICATE, "duplicate"),
                        problem(6, "医保考核评分", RowCode.MISSING, "missing"),
                        problem(7, "机构编码", RowCode.DUPLICATE, "duplicate")));
    }

    @Test
    void scores_on_the_bounds_are_accepted() {
        fixture.given(created(), imported())
                .when(upload(JIANG_AN, scoreRow(2, H001, "0"), scoreRow(3, H002, "100.0")))
                .expectEvents(uploaded(JIANG_AN, H001, "0", H002, "100.0"));
    }

    @Nested
    class A_later_upload {

        @Test
        void of_the_same_district_is_recorded_beside_the_earlier_one() {
            fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92", H002, "80"))
                    .when(upload(JIANG_AN, scoreRow(2, H001, "70")))
                    .expectEvents(uploaded(JIANG_AN, H001, "70"));
        }

        @Test
        void replaces_that_districts_earlier_scores_whole_and_leaves_other_districts_untouched() {
            List<Object> events = new ArrayList<>();
            fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92", H002, "80"),
                            uploaded(JIANG_HAN, H003, "88"), uploaded(JIANG_AN, H001, "70"))
                    .when(finalise())
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(recordedInto(events));

            RetainedAmountCalculated h001 = calculationOf(events, H001);
            assertThat(h001.assessmentScore()).isEqualTo(score("70"));       // the later upload's score
            RetainedAmountCalculated h002 = calculationOf(events, H002);
            assertThat(h002.assessed()).isFalse();                          // left out of the later upload
            assertThat(h002.assessmentScore()).isNull();
            RetainedAmountCalculated h003 = calculationOf(events, H003);
            assertThat(h003.assessmentScore()).isEqualTo(score("88"));       // the other district's, untouched
        }

        @Test
        void of_another_district_leaves_the_first_districts_scores_untouched() {
            List<Object> events = new ArrayList<>();
            fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92", H002, "80"),
                            uploaded(JIANG_HAN, H003, "88"))
                    .when(finalise())
                    .expectEventsMatching(recordedInto(events));

            assertThat(calculationOf(events, H001).assessmentScore()).isEqualTo(score("92"));
            assertThat(calculationOf(events, H002).assessmentScore()).isEqualTo(score("80"));
            assertThat(calculationOf(events, H003).assessmentScore()).isEqualTo(score("88"));
        }

        @Test
        void that_is_refused_leaves_the_earlier_scores_in_force() {
            fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92", H002, "80"))
                    .when(upload(JIANG_AN, scoreRow(2, H001, "70"), scoreRow(3, H003, "70")))
                    .expectNoEvents()
                    .expectException(violation("INVALID_ROWS"));
            List<Object> events = new ArrayList<>();
            fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92", H002, "80"))
                    .when(finalise())
                    .expectEventsMatching(recordedInto(events));
            assertThat(calculationOf(events, H001).assessmentScore()).isEqualTo(score("92"));
        }

        @Test
        void inside_the_window_is_accepted_after_finalising() {
            fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92"), finalised(3, "0.00"))
                    .when(upload(JIANG_AN, scoreRow(2, H001, "80")))
                    .expectEvents(uploaded(JIANG_AN, H001, "80"));
        }
    }
}
