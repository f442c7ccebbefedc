package com.vbp.command.retention;

import com.vbp.command.common.MutableClock;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.ScoreScale;
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

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.command.retention.RetentionTestData.BATCH;
import static com.vbp.command.retention.RetentionTestData.CLOSES;
import static com.vbp.command.retention.RetentionTestData.CREATED_AT;
import static com.vbp.command.retention.RetentionTestData.NAME;
import static com.vbp.command.retention.RetentionTestData.OPENS;
import static com.vbp.command.retention.RetentionTestData.PARAMETERS;
import static com.vbp.command.retention.RetentionTestData.created;
import static com.vbp.command.retention.RetentionTestData.imported;
import static com.vbp.command.retention.RetentionTestData.parameters;
import static com.vbp.events.retention.RetentionValues.ScoreScale.FULL_IF_PASSED;
import static com.vbp.events.retention.RetentionValues.ScoreScale.LINEAR;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

/** Given/when/then tests of creating a {@link RetentionBatch}: code, name, reporting window, parameters. */
class RetentionBatchCreationTest {

    private final MutableClock clock = new MutableClock(CREATED_AT);
    private FixtureConfiguration<RetentionBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RetentionBatch.class);
        fixture.registerInjectableResource(clock);
    }

    private static CreateRetentionBatch create(String code, String name, Instant opens, Instant closes,
                                               RetentionParameters parameters) {
        return new CreateRetentionBatch(code, name, opens, closes, parameters, "admin");
    }

    @Test
    void a_valid_batch_is_created_with_its_window_and_parameters() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, PARAMETERS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created());
    }

    @Test
    void the_name_is_recorded_without_surrounding_blanks() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, " " + NAME + "  ", OPENS, CLOSES, PARAMETERS))
                .expectEvents(created());
    }

    @Test
    void creating_a_code_that_exists_is_refused_with_batch_exists() {
        fixture.given(created())
                .when(create(BATCH, "另一个批次", OPENS, CLOSES.plusSeconds(60), PARAMETERS))
                .expectNoEvents()
                .expectException(violation("BATCH_EXISTS"))
                .expectExceptionMessage(containsString(BATCH));
        fixture.given(created(), imported())
                .when(create(BATCH, NAME, OPENS, CLOSES, PARAMETERS))
                .expectNoEvents()
                .expectException(violation("BATCH_EXISTS"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "GJ 47", "-GJ47", "国家4+7", "GJ47.1",
            "A2345678901234567890123456789012345678901"}) // 41 characters
    void a_code_that_is_not_1_to_40_letters_digits_underscores_or_hyphens_is_refused(String code) {
        fixture.givenNoPriorActivity()
                .when(create(code, NAME, OPENS, CLOSES, PARAMETERS))
                .expectNoEvents()
                .expectException(violation("INVALID_BATCH_CODE"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\t"})
    void a_batch_without_a_name_is_refused(String name) {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, name, OPENS, CLOSES, PARAMETERS))
                .expectNoEvents()
                .expectException(violation("INVALID_BATCH"));
    }

    static Stream<Arguments> badWindows() {
        return Stream.of(
                Arguments.of("opens when it closes", OPENS, OPENS),
                Arguments.of("opens after it closes", CLOSES, OPENS),
                Arguments.of("opens a nanosecond after it closes", OPENS.plusNanos(1), OPENS),
                Arguments.of("no opening", null, CLOSES),
                Arguments.of("no closing", OPENS, null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badWindows")
    void a_window_that_does_not_open_before_it_closes_is_refused(String why, Instant opens, Instant closes) {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, opens, closes, PARAMETERS))
                .expectNoEvents()
                .expectException(violation("INVALID_WINDOW"));
    }

    @Test
    void a_window_of_one_second_is_accepted() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, OPENS.plusSeconds(1), PARAMETERS))
                .expectEvents(new RetentionBatchCreated(BATCH, NAME, OPENS, OPENS.plusSeconds(1), PARAMETERS, "admin",
                        CREATED_AT));
    }

    @ParameterizedTest(name = "[{index}] ratio {0}, passing {1}, scale {2} → {3}")
    @CsvSource(nullValues = "none", value = {
            "-0.01, 60,    LINEAR, retentionRatio",
            "1.01,  60,    LINEAR, retentionRatio",
            "none,  60,    LINEAR, retentionRatio",
            "0.5,   -0.1,  LINEAR, passingScore",
            "0.5,   100.1, LINEAR, passingScore",
            "0.5,   60.05, LINEAR, passingScore",   // more than one decimal
            "0.5,   none,  LINEAR, passingScore",
            "0.5,   60,    none,   scoreScale"})
    void parameters_out_of_range_are_refused_naming_the_parameter(String ratio, String passing, ScoreScale scale,
                                                                 String named) {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, parameters(ratio, passing, scale)))
                .expectNoEvents()
                .expectException(violation("INVALID_PARAMETERS"))
                .expectExceptionMessage(allOf(containsString("INVALID_PARAMETERS"), containsString(named)));
    }

    @Test
    void a_batch_without_parameters_is_refused() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, null))
                .expectNoEvents()
                .expectException(violation("INVALID_PARAMETERS"));
    }

    @ParameterizedTest(name = "[{index}] ratio {0}, passing {1}, scale {2}")
    @CsvSource({
            "0,    0,     LINEAR",
            "1,    100,   FULL_IF_PASSED",
            "0.50, 60.0,  LINEAR",
            "0.3,  85.5,  FULL_IF_PASSED",
            "0.5,  99.90, LINEAR"}) // trailing zeros do not count as decimals
    void parameters_on_the_bounds_are_accepted(String ratio, String passing, ScoreScale scale) {
        RetentionParameters p = parameters(ratio, passing, scale);
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, OPENS, CLOSES, p))
                .expectEvents(new RetentionBatchCreated(BATCH, NAME, OPENS, CLOSES, p, "admin", CREATED_AT));
    }

    @Test
    void both_score_scales_are_recorded_as_given() {
        for (ScoreScale scale : new ScoreScale[]{LINEAR, FULL_IF_PASSED}) {
            RetentionParameters p = parameters("0.5", "60", scale);
            fixture.givenNoPriorActivity()
                    .when(create(BATCH, NAME, OPENS, CLOSES, p))
                    .expectEvents(new RetentionBatchCreated(BATCH, NAME, OPENS, CLOSES, p, "admin", CREATED_AT));
        }
    }

    @Test
    void an_invalid_window_names_both_instants_in_its_figures() {
        fixture.givenNoPriorActivity()
                .when(create(BATCH, NAME, CLOSES, OPENS, PARAMETERS))
                .expectException(RetentionMatchers.refused("INVALID_WINDOW",
                        Map.of("reportingOpensAt", CLOSES.toString(), "reportingClosesAt", OPENS.toString())));
    }
}
