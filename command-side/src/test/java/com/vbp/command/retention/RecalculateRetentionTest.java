package com.vbp.command.retention;

import com.vbp.command.common.MutableClock;
import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

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
import static com.vbp.command.retention.RetentionTestData.calculationOf;
import static com.vbp.command.retention.RetentionTestData.calculations;
import static com.vbp.command.retention.RetentionTestData.create;
import static com.vbp.command.retention.RetentionTestData.created;
import static com.vbp.command.retention.RetentionTestData.finalise;
import static com.vbp.command.retention.RetentionTestData.finalised;
import static com.vbp.command.retention.RetentionTestData.imported;
import static com.vbp.command.retention.RetentionTestData.importing;
import static com.vbp.command.retention.RetentionTestData.recalculate;
import static com.vbp.command.retention.RetentionTestData.recalculated;
import static com.vbp.command.retention.RetentionTestData.recordedInto;
import static com.vbp.command.retention.RetentionTestData.score;
import static com.vbp.command.retention.RetentionTestData.scoreRow;
import static com.vbp.command.retention.RetentionTestData.standardRows;
import static com.vbp.command.retention.RetentionTestData.upload;
import static com.vbp.command.retention.RetentionTestData.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given/when/then tests of a recalculation after finalising: an explicit {@link RetentionRecalculated} of the
 * next round, followed by that round's {@link RetainedAmountCalculated} events from the current inputs; the
 * earlier rounds stay in the history.
 */
class RecalculateRetentionTest {

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<RetentionBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RetentionBatch.class);
        fixture.registerInjectableResource(clock);
    }

    @Test
    void a_recalculation_computes_a_new_round_from_scores_uploaded_after_finalising() {
        // round 1: H001 92 → 6,900.00; H002 80 → 2,720.00; H003 未考核 → 0.00 (9,620.00)
        // then 江岸区 corrects H001 to 60 and 江汉区 scores H003 100
        List<Object> events = new ArrayList<>();
        fixture.givenCommands(create(), importing(standardRows()),
                        upload(JIANG_AN, scoreRow(2, H001, "92"), scoreRow(3, H002, "80")), finalise(),
                        upload(JIANG_AN, scoreRow(2, H001, "60"), scoreRow(3, H002, "80")),
                        upload(JIANG_HAN, scoreRow(2, H003, "100")))
                .when(recalculate("复核更正"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(recordedInto(events));

        // H001 15,000.00 × 0.5 × 0.60 = 4,500.00; H002 unchanged 2,720.00; H003 2,400.00 × 0.5 × 1.00 = 1,200.00
        assertThat(events).first().isEqualTo(recalculated(2, "8420.00"));
        assertThat(events).hasSize(4);
        assertThat(calculations(events)).extracting(RetainedAmountCalculated::institutionCode)
                .containsExactly(H001, H002, H003);
        assertThat(calculations(events)).allSatisfy(c -> assertThat(c.round()).isEqualTo(2));
        RetainedAmountCalculated h001 = calculationOf(events, H001);
        assertThat(h001.assessmentScore()).isEqualTo(score("60"));
        assertThat(h001.factor()).isEqualByComparingTo("0.6");
        assertThat(h001.retained()).isEqualTo(Money.of("4500.00"));
        assertThat(h001.employeePart()).isEqualTo(Money.of("3150.00"));
        assertThat(h001.residentPart()).isEqualTo(Money.of("1350.00"));
        assertThat(calculationOf(events, H002).retained()).isEqualTo(Money.of("2720.00"));
        RetainedAmountCalculated h003 = calculationOf(events, H003);
        assertThat(h003.assessed()).isTrue();
        assertThat(h003.retained()).isEqualTo(Money.of("1200.00"));
        assertThat(h003.employeePart()).isEqualTo(Money.of("600.00"));
        assertThat(h003.residentPart()).isEqualTo(Money.of("600.00"));
    }

    @Test
    void a_recalculation_removes_nothing_it_only_adds_the_new_round() {
        // the fixture's given events are the history; the recalculation's events come after them, and no event of
        // the family undoes another: round 1 stays as it was recorded
        List<Object> events = new ArrayList<>();
        fixture.givenCommands(create(), importing(standardRows()), upload(JIANG_AN, scoreRow(2, H001, "92")),
                        finalise())
                .when(recalculate("复核"))
                .expectEventsMatching(recordedInto(events));

        assertThat(events).first().isInstanceOf(RetentionRecalculated.class);
        assertThat(events.subList(1, events.size())).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOf(RetainedAmountCalculated.class));
        assertThat(calculations(events)).allSatisfy(c -> assertThat(c.round()).isEqualTo(2));
    }

    @Test
    void rounds_are_numbered_on() {
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92"), finalised(3, "6900.00"),
                        recalculated(2, "6900.00"))
                .when(recalculate("第二次复核"))
                .expectEventsMatching(recordedInto(events));

        assertThat(events).first().isEqualTo(new RetentionRecalculated(BATCH, 3, "第二次复核", Money.of("6900.00"),
                "admin", NOW));
        assertThat(calculations(events)).hasSize(3).allSatisfy(c -> assertThat(c.round()).isEqualTo(3));
    }

    @Test
    void after_the_window_closed_a_recalculation_recomputes_from_the_same_inputs() {
        clock.set(CLOSES.plusSeconds(86_400));
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92", H002, "80"), finalised(3, "9620.00"))
                .when(recalculate("复核"))
                .expectEventsMatching(recordedInto(events));

        assertThat(events).first().isEqualTo(new RetentionRecalculated(BATCH, 2, "复核", Money.of("9620.00"),
                "admin", CLOSES.plusSeconds(86_400)));
        assertThat(calculationOf(events, H001).retained()).isEqualTo(Money.of("6900.00"));
    }

    @Test
    void the_reason_is_recorded_without_surrounding_blanks() {
        List<Object> events = new ArrayList<>();
        fixture.given(created(), imported(), finalised(3, "0.00"))
                .when(recalculate("  复核更正 "))
                .expectEventsMatching(recordedInto(events));
        assertThat(events).first().isEqualTo(recalculated(2, "0.00"));
    }

    @Test
    void a_batch_that_is_not_finalised_cannot_be_recalculated() {
        fixture.given(created(), imported(), uploaded(JIANG_AN, H001, "92"))
                .when(recalculate("复核"))
                .expectNoEvents()
                .expectException(violation("NOT_FINALISED"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void a_recalculation_needs_a_reason(String reason) {
        fixture.given(created(), imported(), finalised(3, "0.00"))
                .when(recalculate(reason))
                .expectNoEvents()
                .expectException(violation("REASON_REQUIRED"));
    }

    @Test
    void a_recalculated_batch_stays_finalised() {
        fixture.given(created(), imported(), finalised(3, "0.00"), recalculated(2, "0.00"))
                .when(finalise())
                .expectNoEvents()
                .expectException(violation("ALREADY_FINALISED"));
        fixture.given(created(), imported(), finalised(3, "0.00"), recalculated(2, "0.00"))
                .when(importing(standardRows()))
                .expectNoEvents()
                .expectException(violation("ALREADY_FINALISED"));
    }
}
