package com.vbp.command.retention;

import com.vbp.command.common.MutableClock;
import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionValues.VarietyRetention;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.command.retention.RetentionTestData.BATCH;
import static com.vbp.command.retention.RetentionTestData.CLOSES;
import static com.vbp.command.retention.RetentionTestData.H001;
import static com.vbp.command.retention.RetentionTestData.H002;
import static com.vbp.command.retention.RetentionTestData.H003;
import static com.vbp.command.retention.RetentionTestData.JIANG_AN;
import static com.vbp.command.retention.RetentionTestData.JIANG_HAN;
import static com.vbp.command.retention.RetentionTestData.NOW;
import static com.vbp.command.retention.RetentionTestData.PARAMETERS;
import static com.vbp.command.retention.RetentionTestData.calculationOf;
import static com.vbp.command.retention.RetentionTestData.calculations;
import static com.vbp.command.retention.RetentionTestData.create;
import static com.vbp.command.retention.RetentionTestData.created;
import static com.vbp.command.retention.RetentionTestData.figures;
import static com.vbp.command.retention.RetentionTestData.finalise;
import static com.vbp.command.retention.RetentionTestData.finalised;
import static com.vbp.command.retention.RetentionTestData.h001Amlodipine;
import static com.vbp.command.retention.RetentionTestData.h001Atorvastatin;
import static com.vbp.command.retention.RetentionTestData.imported;
import static com.vbp.command.retention.RetentionTestData.importing;
import static com.vbp.command.retention.RetentionTestData.parameters;
import static com.vbp.command.retention.RetentionTestData.recordedInto;
import static com.vbp.command.retention.RetentionTestData.row;
import static com.vbp.command.retention.RetentionTestData.score;
import static com.vbp.command.retention.RetentionTestData.scoreRow;
import static com.vbp.command.retention.RetentionTestData.selfAssessed;
import static com.vbp.command.retention.RetentionTestData.selfAssessment;
import static com.vbp.command.retention.RetentionTestData.standardRows;
import static com.vbp.command.retention.RetentionTestData.upload;
import static com.vbp.command.retention.RetentionTestData.uploaded;
import static com.vbp.events.retention.RetentionValues.ScoreScale.FULL_IF_PASSED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given/when/then tests of finalising a batch: one {@link RetainedAmountCalculated} of round 1 per institution,
 * carrying every input of RETENTION.md's formula, then {@link RetentionFinalised}; once only.
 */
class FinaliseRetentionTest {

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<RetentionBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RetentionBatch.class);
        fixture.registerInjectableResource(clock);
    }

    /** Compares BigDecimals by value inside records (20000.00 = 20000), everything else by equals. */
    private static void assertSameFigures(Object actual, Object expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }

    @Test
    void the_worked_example_of_retention_md_end_to_end() {
        // retentionRatio 0.5, passingScore 60, LINEAR; employeeShare 0.7; score 92
        List<Object> events = new ArrayList<>();
        fixture.givenCommands(create(), importing(h001Atorvastatin(2), h001Amlodipine(3)),
                        selfAssessment(H001, "95"), upload(JIANG_AN, scoreRow(2, H001, "92")))
                .when(finalise())
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(recordedInto(events));

        assertThat(events).hasSize(2);
        RetainedAmountCalculated h001 = (RetainedAmountCalculated) events.get(0);
        assertSameFigures(h001, new RetainedAmountCalculated(BATCH, 1, H001, "武汉市第一医院", JIANG_AN, PARAMETERS,
                score("92"), true, new BigDecimal("0.92"), new BigDecimal("0.7"), List.of(
                new VarietyRetention(figures(h001Atorvastatin(2)), Money.of("20000"), Money.of("4000"),
                        Money.of("16000"), new BigDecimal("0.5"), new BigDecimal("7360")),
                new VarietyRetention(figures(h001Amlodipine(3)), Money.of("6000"), Money.of("7000"),
                        Money.of("-1000"), new BigDecimal("0.8"), new BigDecimal("-460"))),
                Money.of("26000"), Money.of("11000"), Money.of("15000"), Money.of("6900"), Money.of("4830"),
                Money.of("2070"), NOW));
        // amounts to the fen, exactly: R 6,900.00; 职保 4,830.00; 居保 2,070.00
        assertThat(h001.retained()).isEqualTo(Money.of("6900.00"));
        assertThat(h001.employeePart()).isEqualTo(Money.of("4830.00"));
        assertThat(h001.residentPart()).isEqualTo(Money.of("2070.00"));
        assertThat(h001.surplus()).isEqualTo(Money.of("15000.00"));
        assertThat(events.get(1)).isEqualTo(new RetentionFinalised(BATCH, 1, Money.of("6900.00"), "admin", NOW));
    }

    @Test
    void every_institution_gets_its_amount_in_the_order_of_the_data_then_the_batch_is_finalised_with_the_total() {
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92", H002, "80"))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));

        assertThat(calculations(events)).extracting(RetainedAmountCalculated::institutionCode)
                .containsExactly(H001, H002, H003);
        assertThat(calculations(events)).allSatisfy(c -> {
            assertThat(c.round()).isEqualTo(1);
            assertThat(c.parameters()).isEqualTo(PARAMETERS);
            assertThat(c.employeePart().plus(c.residentPart())).isEqualTo(c.retained());
        });
        // H002: S 6,800.00 × 0.5 × 0.80 = 2,720.00; 职保 0.6 → 1,632.00; 居保 1,088.00
        RetainedAmountCalculated h002 = calculationOf(events, H002);
        assertThat(h002.factor()).isEqualByComparingTo("0.8");
        assertThat(h002.retained()).isEqualTo(Money.of("2720.00"));
        assertThat(h002.employeePart()).isEqualTo(Money.of("1632.00"));
        assertThat(h002.residentPart()).isEqualTo(Money.of("1088.00"));
        assertThat(events).last().isEqualTo(new RetentionFinalised(BATCH, 3, Money.of("9620.00"), "admin", NOW));
    }

    @Test
    void an_institution_without_an_assessment_score_is_not_assessed_and_retains_nothing() {
        // H003 filed a self-assessment, but its district bureau never scored it: 未考核
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), selfAssessed(H003, "95"), uploaded(JIANG_AN, H001, "92"))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));

        RetainedAmountCalculated h003 = calculationOf(events, H003);
        assertThat(h003.assessed()).isFalse();
        assertThat(h003.assessmentScore()).isNull();
        assertThat(h003.factor()).isEqualByComparingTo("0");
        assertThat(h003.surplus()).isEqualTo(Money.of("2400.00")); // the surplus is still shown
        assertThat(h003.retained()).isEqualTo(Money.of("0.00"));
        assertThat(h003.employeePart()).isEqualTo(Money.of("0.00"));
        assertThat(h003.residentPart()).isEqualTo(Money.of("0.00"));
        assertThat(calculationOf(events, H002).assessed()).isFalse();
        assertThat(events).last().isEqualTo(new RetentionFinalised(BATCH, 3, Money.of("6900.00"), "admin", NOW));
    }

    @Test
    void a_score_of_the_institutions_former_district_does_not_count() {
        // JIANG_HAN scored H003 while it belonged to JIANG_HAN; the re-imported data places it in JIANG_AN
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), uploaded(JIANG_HAN, H003, "88"))
                .andGivenCommands(importing(h001Atorvastatin(2), h001Amlodipine(3),
                        row(4).with(r -> r.institution(H003, "武汉市汉口医院", JIANG_AN).share("0.5")).build()))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));

        assertThat(calculationOf(events, H003).assessed()).isFalse();
    }

    @Test
    void an_assessed_institution_below_the_passing_score_retains_nothing() {
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "59.9"))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));

        RetainedAmountCalculated h001 = calculationOf(events, H001);
        assertThat(h001.assessed()).isTrue();
        assertThat(h001.assessmentScore()).isEqualTo(score("59.9"));
        assertThat(h001.factor()).isEqualByComparingTo("0");
        assertThat(h001.retained()).isEqualTo(Money.of("0.00"));
    }

    @Test
    void the_batchs_score_scale_is_used() {
        List<Object> events = new ArrayList<>();
        fixture.given(created(parameters("0.5", "60", FULL_IF_PASSED)), imported(), uploaded(JIANG_AN, H001, "60"))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));

        RetainedAmountCalculated h001 = calculationOf(events, H001);
        assertThat(h001.parameters().scoreScale()).isEqualTo(FULL_IF_PASSED);
        assertThat(h001.factor()).isEqualByComparingTo("1");
        assertThat(h001.retained()).isEqualTo(Money.of("7500.00"));
        assertThat(h001.employeePart()).isEqualTo(Money.of("5250.00"));
        assertThat(h001.residentPart()).isEqualTo(Money.of("2250.00"));
    }

    @Test
    void an_employee_part_on_half_a_fen_is_rounded_up_and_the_resident_part_takes_the_rest() {
        // S = 13,800.02; R = 13,800.02 × 0.5 × 1.00 = 6,900.01; 职保 6,900.01 × 0.5 = 3,450.005 → 3,450.01
        CalculationRow odd = row(2).with(r -> r.share("0.5").agreed(1).prePrice("13800.02").selected(1, "0")
                .nonSelected(0, "0")).build();
        List<Object> events = new ArrayList<>();
        fixture.givenCommands(create(), importing(odd), upload(JIANG_AN, scoreRow(2, H001, "100")))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));

        RetainedAmountCalculated h001 = calculationOf(events, H001);
        assertThat(h001.retained()).isEqualTo(Money.of("6900.01"));
        assertThat(h001.employeePart()).isEqualTo(Money.of("3450.01"));
        assertThat(h001.residentPart()).isEqualTo(Money.of("3450.00"));
        assertThat(h001.employeePart().plus(h001.residentPart())).isEqualTo(h001.retained());
    }

    @Test
    void a_batch_is_finalised_once() {
        fixture.given(created(), imported(), finalised(3, "0.00"))
                .when(finalise())
                .expectNoEvents()
                .expectException(violation("ALREADY_FINALISED"));
    }

    @Test
    void a_batch_without_calculation_data_cannot_be_finalised() {
        fixture.given(created())
                .when(finalise())
                .expectNoEvents()
                .expectException(violation("NO_CALCULATION_DATA"));
    }

    @Test
    void finalising_is_not_tied_to_the_window() {
        clock.set(CLOSES.plusSeconds(86_400));
        fixture.given(created(), imported())
                .when(finalise())
                .expectSuccessfulHandlerExecution();
        clock.set(NOW);
        fixture.given(created(), imported())
                .when(finalise())
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_figures_are_computed_from_the_latest_calculation_data() {
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92"))
                .andGivenCommands(importing(h001Atorvastatin(2)))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));

        assertThat(calculations(events)).hasSize(1);
        // 16,000.00 × 0.5 × 0.92 = 7,360.00
        assertThat(calculationOf(events, H001).retained()).isEqualTo(Money.of("7360.00"));
        assertThat(events).last().isEqualTo(new RetentionFinalised(BATCH, 1, Money.of("7360.00"), "admin", NOW));
    }

    @Test
    void the_standard_file_imported_by_command_gives_the_same_figures() {
        List<Object> events = new ArrayList<>();
        fixture.givenCommands(create(), importing(standardRows()), upload(JIANG_AN, scoreRow(2, H001, "92"),
                        scoreRow(3, H002, "80")))
                .when(finalise())
                .expectEventsMatching(recordedInto(events));
        assertThat(events).last().isEqualTo(new RetentionFinalised(BATCH, 3, Money.of("9620.00"), "admin", NOW));
    }
}
