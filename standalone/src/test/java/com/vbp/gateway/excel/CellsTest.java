package com.vbp.gateway.excel;

import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.vbp.gateway.excel.Cells.Range.AT_LEAST_ZERO;
import static com.vbp.gateway.excel.Cells.Range.GREATER_THAN_ZERO;
import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {

    private final List<RowProblem> problems = new ArrayList<>();

    private Cells cells(String value) {
        return new Cells(new SheetRow(7, Map.of("v", value)), problems);
    }

    @Test
    void requiredTextIsReturned() {
        assertThat(cells("阿莫西林").text("v")).isEqualTo("阿莫西林");
        assertThat(problems).isEmpty();
    }

    @Test
    void blankRequiredTextIsMissing() {
        Cells cells = cells("");

        assertThat(cells.text("v")).isNull();
        assertThat(cells.hasProblems()).isTrue();
        assertThat(problems).containsExactly(new RowProblem(7, "v", RowCode.MISSING, "missing"));
    }

    @Test
    void blankOptionalTextIsNullWithoutProblem() {
        assertThat(cells("").optionalText("v")).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void overlongTextIsAProblem() {
        assertThat(cells("x".repeat(501)).text("v")).isNull();
        assertThat(problems).extracting(RowProblem::message).containsExactly("too long (at most 500 characters)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12|12", "12.0|12", "12.000|12", "+12|12", "1,200|1200", "1,234,567|1234567", "1E3|1000"})
    void wholeNumbersAreReadFromTextExactly(String text, long expected) {
        assertThat(cells(text).whole("v", GREATER_THAN_ZERO)).isEqualTo(expected);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|missing|MISSING",
            "abc|not a number|NOT_A_NUMBER",
            "12abc|not a number|NOT_A_NUMBER",
            "1,2|not a number|NOT_A_NUMBER",
            "12.5|must be a whole number|NOT_WHOLE",
            "0|must be greater than 0|OUT_OF_RANGE",
            "-3|must be greater than 0|OUT_OF_RANGE",
            "1234567890123456|too large|OUT_OF_RANGE",
            "1E+400|too large|OUT_OF_RANGE"})
    void badWholeNumbersGiveAShortMessage(String text, String message, RowCode code) {
        assertThat(cells(text).whole("v", GREATER_THAN_ZERO)).isNull();
        assertThat(problems).containsExactly(new RowProblem(7, "v", code, message));
    }

    @Test
    void zeroIsAllowedWhenTheRangeSaysAtLeastZero() {
        assertThat(cells("0").whole("v", AT_LEAST_ZERO)).isZero();
        assertThat(cells("-1").whole("v", AT_LEAST_ZERO)).isNull();
        assertThat(problems).extracting(RowProblem::message).containsExactly("must be at least 0");
    }

    @Test
    void wholeIntRefusesWhatDoesNotFitAnInt() {
        assertThat(cells("3000000000").wholeInt("v", GREATER_THAN_ZERO)).isNull();
        assertThat(problems).extracting(RowProblem::message).containsExactly("too large");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "12.3456|12.3456", "12.50|12.5", "0.1|0.1", "100|100", "1,234.5|1234.5", "5E-1|0.5"})
    void decimalsAreExact(String text, String expected) {
        BigDecimal value = cells(text).decimal("v", GREATER_THAN_ZERO, 4);

        assertThat(value).isEqualByComparingTo(expected);
        assertThat(value.toString()).isEqualTo(expected);
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|missing|MISSING",
            "十二|not a number|NOT_A_NUMBER",
            "12.34567|at most 4 decimal places|TOO_MANY_DECIMALS",
            "0|must be greater than 0|OUT_OF_RANGE",
            "0.0000|must be greater than 0|OUT_OF_RANGE"})
    void badDecimalsGiveAShortMessage(String text, String message, RowCode code) {
        assertThat(cells(text).decimal("v", GREATER_THAN_ZERO, 4)).isNull();
        assertThat(problems).containsExactly(new RowProblem(7, "v", code, message));
    }

    @ParameterizedTest
    @CsvSource({"0", "100", "55.5"})
    void percentagesWithinTheRangeAreAccepted(String text) {
        assertThat(cells(text).decimal("v", Cells.Range.between(0, 100), 4)).isEqualByComparingTo(text);
    }

    @ParameterizedTest
    @CsvSource({"-0.01", "100.01", "250"})
    void percentagesOutsideTheRangeAreRefused(String text) {
        assertThat(cells(text).decimal("v", Cells.Range.between(0, 100), 4)).isNull();
        assertThat(problems).extracting(RowProblem::message).containsExactly("must be between 0 and 100");
    }

    @Test
    void anOptionalDecimalMayBeBlankButNotBad() {
        assertThat(cells("").optionalDecimal("v", GREATER_THAN_ZERO, 4)).isNull();
        assertThat(problems).isEmpty();
        assertThat(cells("x").optionalDecimal("v", GREATER_THAN_ZERO, 4)).isNull();
        assertThat(problems).extracting(RowProblem::message).containsExactly("not a number");
    }

    @Test
    void hasProblemsOnlyCountsTheRowsOwnProblems() {
        problems.add(new RowProblem(3, "v", RowCode.MISSING, "from an earlier row"));

        Cells cells = cells("ok");
        cells.text("v");

        assertThat(cells.hasProblems()).isFalse();
    }

    @Test
    void anErrorValueIsACellErrorInATextColumnToo() {
        Cells cells = new Cells(new SheetRow(7, Map.of("v", "#N/A"), Map.of("v", SheetRow.Kind.ERROR)), problems);

        assertThat(cells.text("v")).isNull();
        assertThat(problems).extracting(RowProblem::code).containsExactly(RowCode.CELL_ERROR);
    }

    @Test
    void aTextCellHoldingANumberIsStillReadExactly() {
        assertThat(cells("9.800000000000001").decimal("v", GREATER_THAN_ZERO, 4)).isNull();
        assertThat(problems).extracting(RowProblem::code).containsExactly(RowCode.TOO_MANY_DECIMALS);
    }
}
