package com.vbp.command.retention;

import com.vbp.command.retention.RetentionFormula.InstitutionRetention;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.events.retention.RetentionValues.VarietyFigures;
import com.vbp.events.retention.RetentionValues.VarietyRetention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import static com.vbp.events.retention.RetentionValues.ScoreScale.FULL_IF_PASSED;
import static com.vbp.events.retention.RetentionValues.ScoreScale.LINEAR;
import static org.assertj.core.api.Assertions.assertThat;

/** The formula of RETENTION.md, case by case; the first case is its worked example. */
class RetentionFormulaTest {

    /** 阿托伐他汀钙片 and 氨氯地平片 of the worked example: surpluses 16,000.00 and −1,000.00. */
    private static final List<VarietyFigures> WORKED = List.of(
            variety("阿托伐他汀钙片", 10_000, "2.00", "3000.00", "1000.00"),
            variety("氨氯地平片", 5_000, "1.20", "5500.00", "1500.00"));
    /** One variety overspent by 500.00 more than the other saved. */
    private static final List<VarietyFigures> OVERSPENT = List.of(
            variety("阿托伐他汀钙片", 1_000, "2.00", "1000.00", "500.00"),
            variety("氨氯地平片", 1_000, "1.00", "1500.00", "500.00"));
    /** Surplus 0.10: at ratio 0.5 and k 1, R = 0.05. */
    private static final List<VarietyFigures> TEN_FEN = List.of(variety("阿托伐他汀钙片", 1, "0.10", "0", "0"));
    /** Surplus 0.01: at ratio 0.5 and k 1, R = 0.005 → 0.01. */
    private static final List<VarietyFigures> ONE_FEN = List.of(variety("阿托伐他汀钙片", 1, "0.01", "0", "0"));

    static Stream<Arguments> cases() {
        return Stream.of(
                // why, varieties, ratio, passing, scale, employeeShare, score, assessed, S, k, R, employee, resident
                Arguments.of("the worked example of RETENTION.md", WORKED, "0.5", "60", LINEAR, "0.7", "92",
                        true, "15000.00", "0.92", "6900.00", "4830.00", "2070.00"),
                Arguments.of("a negative total surplus retains nothing", OVERSPENT, "0.5", "60", LINEAR, "0.7", "92",
                        true, "-500.00", "0.92", "0.00", "0.00", "0.00"),
                Arguments.of("a score below the passing score retains nothing", WORKED, "0.5", "60", LINEAR, "0.7",
                        "59.9", true, "15000.00", "0", "0.00", "0.00", "0.00"),
                Arguments.of("exactly the passing score, LINEAR: k = score / 100", WORKED, "0.5", "60", LINEAR,
                        "0.7", "60", true, "15000.00", "0.6", "4500.00", "3150.00", "1350.00"),
                Arguments.of("exactly the passing score, FULL_IF_PASSED: k = 1", WORKED, "0.5", "60",
                        FULL_IF_PASSED, "0.7", "60", true, "15000.00", "1", "7500.00", "5250.00", "2250.00"),
                Arguments.of("FULL_IF_PASSED below the passing score", WORKED, "0.5", "60", FULL_IF_PASSED, "0.7",
                        "59.9", true, "15000.00", "0", "0.00", "0.00", "0.00"),
                Arguments.of("LINEAR with a one-decimal score", WORKED, "0.5", "60", LINEAR, "0.7", "92.5", true,
                        "15000.00", "0.925", "6937.50", "4856.25", "2081.25"),
                Arguments.of("another passing score and ratio", WORKED, "0.3", "85.5", LINEAR, "0.7", "85.5", true,
                        "15000.00", "0.855", "3847.50", "2693.25", "1154.25"),
                Arguments.of("未考核: no score retains nothing", WORKED, "0.5", "60", LINEAR, "0.7", null, false,
                        "15000.00", "0", "0.00", "0.00", "0.00"),
                Arguments.of("未考核 under FULL_IF_PASSED too", WORKED, "0.5", "0", FULL_IF_PASSED, "0.7", null,
                        false, "15000.00", "0", "0.00", "0.00", "0.00"),
                Arguments.of("employee part lands on half a fen: 0.025 → 0.03, resident 0.02", TEN_FEN, "0.5", "60",
                        FULL_IF_PASSED, "0.5", "100", true, "0.10", "1", "0.05", "0.03", "0.02"),
                Arguments.of("R lands on half a fen: 0.005 → 0.01", ONE_FEN, "0.5", "60", FULL_IF_PASSED, "0.5",
                        "100", true, "0.01", "1", "0.01", "0.01", "0.00"),
                Arguments.of("ratio 0 retains nothing", WORKED, "0", "60", LINEAR, "0.7", "92", true, "15000.00",
                        "0.92", "0.00", "0.00", "0.00"),
                Arguments.of("all employee insurance", WORKED, "0.5", "60", LINEAR, "1", "92", true, "15000.00",
                        "0.92", "6900.00", "6900.00", "0.00"),
                Arguments.of("all resident insurance", WORKED, "0.5", "60", LINEAR, "0", "92", true, "15000.00",
                        "0.92", "6900.00", "0.00", "6900.00"),
                Arguments.of("score 0 with passing score 0", WORKED, "0.5", "0", LINEAR, "0.7", "0", true,
                        "15000.00", "0", "0.00", "0.00", "0.00"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void retained_amount(String why, List<VarietyFigures> varieties, String ratio, String passing, ScoreScale scale,
                         String employeeShare, String score, boolean assessed, String s, String k, String r,
                         String employee, String resident) {
        InstitutionRetention result = RetentionFormula.institution(
                new InstitutionCalculation("H001", "武汉市第一医院", "420102", new BigDecimal(employeeShare), varieties),
                score == null ? null : new Score(new BigDecimal(score)), parameters(ratio, passing, scale));

        assertThat(result.assessed()).isEqualTo(assessed);
        assertThat(result.surplus()).isEqualTo(Money.of(s));
        assertThat(result.factor()).isEqualByComparingTo(k);
        assertThat(result.retained()).isEqualTo(Money.of(r));
        assertThat(result.employeePart()).isEqualTo(Money.of(employee));
        assertThat(result.residentPart()).isEqualTo(Money.of(resident));
        assertThat(result.employeePart().plus(result.residentPart())).isEqualTo(result.retained());
    }

    @Test
    void the_worked_example_per_variety() {
        InstitutionRetention result = RetentionFormula.institution(
                new InstitutionCalculation("H001", "武汉市第一医院", "420102", new BigDecimal("0.7"), WORKED),
                new Score(new BigDecimal("92")), parameters("0.5", "60", LINEAR));

        assertThat(result.budget()).isEqualTo(Money.of("26000.00"));
        assertThat(result.actual()).isEqualTo(Money.of("11000.00"));
        VarietyRetention atorvastatin = result.varieties().get(0);
        assertThat(atorvastatin.figures()).isEqualTo(WORKED.get(0));
        assertThat(atorvastatin.budget().yuan()).isEqualByComparingTo("20000");
        assertThat(atorvastatin.actual().yuan()).isEqualByComparingTo("4000");
        assertThat(atorvastatin.surplus().yuan()).isEqualByComparingTo("16000");
        assertThat(atorvastatin.retainedShare()).isEqualByComparingTo("7360"); // 16,000 × 0.5 × 0.92
        VarietyRetention amlodipine = result.varieties().get(1);
        assertThat(amlodipine.budget().yuan()).isEqualByComparingTo("6000");
        assertThat(amlodipine.actual().yuan()).isEqualByComparingTo("7000");
        assertThat(amlodipine.surplus().yuan()).isEqualByComparingTo("-1000");
        assertThat(amlodipine.retainedShare()).isEqualByComparingTo("-460");
    }

    @Test
    void per_variety_figures_stay_exact_and_the_totals_are_rounded_once() {
        // 7 × 0.0007 = 0.0049 per variety: rounded each they would add up to 0.00; exact, 0.0098 → 0.01
        List<VarietyFigures> tiny = List.of(
                variety("甲", 7, "0.0007", "0", "0"),   // 0.0049
                variety("乙", 7, "0.0007", "0", "0"));  // 0.0049
        InstitutionRetention result = RetentionFormula.institution(
                new InstitutionCalculation("H001", "武汉市第一医院", "420102", new BigDecimal("0.5"), tiny),
                new Score(new BigDecimal("100")), parameters("1", "60", FULL_IF_PASSED));

        assertThat(result.varieties().get(0).budget().yuan()).isEqualByComparingTo("0.0049");
        assertThat(result.varieties().get(0).retainedShare()).isEqualByComparingTo("0.0049");
        assertThat(result.budget()).isEqualTo(Money.of("0.01"));
        assertThat(result.surplus()).isEqualTo(Money.of("0.01"));
        assertThat(result.retained()).isEqualTo(Money.of("0.01")); // from exact S 0.0098
    }

    @Test
    void the_completion_rate_is_shown_to_four_decimals_and_is_null_without_an_agreed_volume() {
        VarietyFigures twoThirds = new VarietyFigures("甲", Volume.of(3), Money.of("1"), Volume.of(2), Money.of("0"),
                Volume.of(0), Money.of("0"));
        VarietyFigures noAgreement = new VarietyFigures("乙", Volume.of(0), Money.of("1"), Volume.of(5),
                Money.of("5"), Volume.of(0), Money.of("0"));
        VarietyFigures overDone = new VarietyFigures("丙", Volume.of(8), Money.of("1"), Volume.of(9), Money.of("0"),
                Volume.of(0), Money.of("0"));

        assertThat(RetentionFormula.variety(twoThirds, BigDecimal.ONE, BigDecimal.ONE).completionRate())
                .isEqualTo(new BigDecimal("0.6667"));
        assertThat(RetentionFormula.variety(noAgreement, BigDecimal.ONE, BigDecimal.ONE).completionRate()).isNull();
        assertThat(RetentionFormula.variety(overDone, BigDecimal.ONE, BigDecimal.ONE).completionRate())
                .isEqualTo(new BigDecimal("1.1250"));
    }

    @Test
    void employee_and_resident_parts_always_add_up_to_the_retained_amount() {
        for (int fen = 0; fen <= 200; fen++) {
            for (String share : List.of("0", "0.1", "0.333", "0.5", "0.6667", "0.75", "0.999", "1")) {
                List<VarietyFigures> v = List.of(variety("甲", fen, "0.02", "0", "0")); // surplus 2 × fen fen
                InstitutionRetention result = RetentionFormula.institution(
                        new InstitutionCalculation("H001", "名", "420102", new BigDecimal(share), v),
                        new Score(new BigDecimal("100")), parameters("0.5", "60", FULL_IF_PASSED));
                assertThat(result.retained().yuan()).isEqualByComparingTo(BigDecimal.valueOf(fen, 2));
                assertThat(result.employeePart().plus(result.residentPart())).isEqualTo(result.retained());
                assertThat(result.residentPart().yuan().signum()).isNotNegative();
            }
        }
    }

    static RetentionParameters parameters(String ratio, String passing, ScoreScale scale) {
        return new RetentionParameters(new BigDecimal(ratio), new Score(new BigDecimal(passing)), scale);
    }

    static VarietyFigures variety(String name, long agreed, String prePrice, String selectedAmount,
                                  String nonSelectedAmount) {
        return new VarietyFigures(name, Volume.of(agreed), Money.of(prePrice), Volume.of(agreed / 2),
                Money.of(selectedAmount), Volume.of(agreed / 10), Money.of(nonSelectedAmount));
    }
}
