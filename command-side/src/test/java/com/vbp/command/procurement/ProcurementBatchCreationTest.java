package com.vbp.command.procurement;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.command.procurement.BatchTestData.BATCH;
import static com.vbp.command.procurement.BatchTestData.CLOSES;
import static com.vbp.command.procurement.BatchTestData.NOW;
import static com.vbp.command.procurement.BatchTestData.OPENS;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Given/when/then tests of creating a {@link ProcurementBatch}. */
class ProcurementBatchCreationTest {

    private static final String NAME = "2023年湖北中成药联盟带量采购";

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<ProcurementBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProcurementBatch.class);
        fixture.registerInjectableResource(clock);
    }

    private static CreateProcurementBatch create(String code, String name, Instant opens, Instant closes,
                                                 String minLowest, String minHighest) {
        return new CreateProcurementBatch(code, name, opens, closes, decimal(minLowest), decimal(minHighest),
                "admin");
    }

    private static BigDecimal decimal(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    @Test
    void a_valid_batch_is_created_with_its_window_and_minimum_shares() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, "0.3", "0.2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProcurementBatchCreated(BATCH, NAME, OPENS, CLOSES, new BigDecimal("0.3"),
                        new BigDecimal("0.2"), "admin", NOW));
    }

    @Test
    void a_batch_without_minimum_shares_is_created_with_none() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, null, null))
                .expectEvents(new ProcurementBatchCreated(BATCH, NAME, OPENS, CLOSES, null, null, "admin", NOW));
    }

    @Test
    void the_name_is_recorded_without_surrounding_blanks() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, "  " + NAME + " ", OPENS, CLOSES, null, null))
                .expectEvents(new ProcurementBatchCreated(BATCH, NAME, OPENS, CLOSES, null, null, "admin", NOW));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "HB 2023", "-HB2023", "_HB2023", "HB/2023", "集采2023", "HB2023.1",
            "A2345678901234567890123456789012345678901"}) // 41 characters
    void a_batch_code_that_is_not_1_to_40_letters_digits_underscores_or_hyphens_is_refused(String code) {
        fixture.givenNoPriorActivity()
                .when(create(code, NAME, OPENS, CLOSES, null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("INVALID_BATCH_CODE"))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"A", "HB2023-ZCY_1", "A234567890123456789012345678901234567890"}) // 1 and 40 chars
    void a_batch_code_of_1_to_40_allowed_characters_is_accepted(String code) {
        fixture.givenNoPriorActivity()
                .when(create(code, NAME, OPENS, CLOSES, null, null))
                .expectEvents(new ProcurementBatchCreated(code, NAME, OPENS, CLOSES, null, null, "admin", NOW));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void a_batch_without_a_name_is_refused(String name) {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, name, OPENS, CLOSES, null, null))
                .expectException(violation("INVALID_BATCH"))
                .expectExceptionMessage(containsString("INVALID_BATCH"))
                .expectNoEvents();
    }

    static Stream<Arguments> badWindows() {
        return Stream.of(
                Arguments.of("opens when it closes", OPENS, OPENS),
                Arguments.of("opens after it closes", CLOSES, OPENS),
                Arguments.of("opens one second after it closes", OPENS.plusSeconds(1), OPENS),
                Arguments.of("no opening", null, CLOSES),
                Arguments.of("no closing", OPENS, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badWindows")
    void a_window_that_does_not_open_before_it_closes_is_refused(String why, Instant opens, Instant closes) {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, opens, closes, null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("INVALID_WINDOW"))
                .expectNoEvents();
    }

    @Test
    void a_window_of_one_second_is_accepted() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, OPENS.plusSeconds(1), null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProcurementBatchCreated(BATCH, NAME, OPENS, OPENS.plusSeconds(1), null, null,
                        "admin", NOW));
    }

    @ParameterizedTest(name = "[{index}] lowest daily cost {0}, highest reduction {1}")
    @CsvSource(nullValues = "none", value = {
            "-0.01, none,   minShareLowestDailyCost",
            "1.01,  none,   minShareLowestDailyCost",
            "none,  -0.01,  minShareHighestReduction",
            "none,  1.01,   minShareHighestReduction",
            "1.01,  0,      minShareLowestDailyCost",   // out of range is named before the sum
            "0.6,   0.5,    together",                  // each within 0..1, together over 1
            "1,     0.0001, together"})
    void a_minimum_share_outside_0_to_1_or_shares_summing_over_1_are_refused(String lowest, String highest,
                                                                            String named) {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, lowest, highest))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(allOf(startsWith("INVALID_MIN_SHARE"), containsString(named)))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "[{index}] lowest daily cost {0}, highest reduction {1}")
    @CsvSource(nullValues = "none", value = {
            "0, 0",
            "1, none",
            "none, 1",
            "0.5, 0.5",
            "1, 0"})
    void minimum_shares_on_the_bounds_are_accepted(String lowest, String highest) {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, lowest, highest))
                .expectEvents(new ProcurementBatchCreated(BATCH, NAME, OPENS, CLOSES, decimal(lowest),
                        decimal(highest), "admin", NOW));
    }
}
