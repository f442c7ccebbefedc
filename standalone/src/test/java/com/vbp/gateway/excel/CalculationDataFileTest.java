package com.vbp.gateway.excel;

import com.vbp.events.common.Money;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static com.vbp.gateway.excel.CalculationDataFile.TITLES;
import static com.vbp.gateway.excel.Workbooks.xlsx;
import static org.assertj.core.api.Assertions.assertThat;

class CalculationDataFileTest {

    private final CalculationDataFile file = new CalculationDataFile();
    private final UploadLimits limits = UploadLimits.defaults();

    /** The worked example of RETENTION.md, its first variety; prices and amounts as text cells. */
    private static List<Object> atorvastatin() {
        return Workbooks.row("H0001", "第一人民医院", "420102", "0.7", "阿托伐他汀钙片", 10000, "2.00", 8000, "3000.00", 500,
                "1,000.00");
    }

    private static List<Object> amlodipine() {
        return Workbooks.row("H0001", "第一人民医院", "420102", 0.7, "氨氯地平片", 5000, 1.2, 4000, 5500, 1000, 1500);
    }

    private static List<Object> with(List<Object> row, String title, Object value) {
        List<Object> changed = new ArrayList<>(row);
        changed.set(TITLES.indexOf(title), value);
        return changed;
    }

    private List<RowProblem> problemsOf(List<List<Object>> rows) {
        List<RowProblem> problems = file.parse(xlsx(TITLES, rows), limits).problems();
        assertThat(problems).as("the file should have bad cells").isNotEmpty();
        return problems;
    }

    @Test
    void readsTheWorkedExample() {
        List<CalculationRow> rows = file.parse(xlsx(TITLES, List.of(atorvastatin(), amlodipine())), limits).rows();

        assertThat(rows).containsExactly(
                new CalculationRow(2, "H0001", "第一人民医院", "420102", new BigDecimal("0.7"), "阿托伐他汀钙片",
                        Volume.of(10000), Money.of("2"), Volume.of(8000), Money.of("3000"), Volume.of(500),
                        Money.of("1000")),
                new CalculationRow(3, "H0001", "第一人民医院", "420102", new BigDecimal("0.7"), "氨氯地平片",
                        Volume.of(5000), Money.of("1.2"), Volume.of(4000), Money.of("5500"), Volume.of(1000),
                        Money.of("1500")));
    }

    @Test
    void aDistrictGivenByItsNameIsReadAsItsCode() {
        List<CalculationRow> rows = file.parse(xlsx(TITLES, List.of(with(amlodipine(), CalculationDataFile.DISTRICT,
                "江岸区"), with(atorvastatin(), CalculationDataFile.DISTRICT, "北京市朝阳区"))), limits).rows();

        assertThat(rows).extracting(CalculationRow::district).containsExactly("420102", "北京市朝阳区");
    }

    @Test
    void zeroesAreAllowed() {
        List<Object> row = with(with(with(atorvastatin(), "职保占比", 0), "约定采购量", 0), "非中选产品采购金额", 0);

        assertThat(file.parse(xlsx(TITLES, List.of(row)), limits).rows()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "机构编码|''|missing|MISSING",
            "品种名称|''|missing|MISSING",
            "职保占比|''|missing|MISSING",
            "职保占比|1.5|must be between 0 and 1|OUT_OF_RANGE",
            "职保占比|-0.1|must be between 0 and 1|OUT_OF_RANGE",
            "约定采购量|十|not a number|NOT_A_NUMBER",
            "约定采购量|10.5|must be a whole number|NOT_WHOLE",
            "约定采购量|-1|must be at least 0|OUT_OF_RANGE",
            "集采前单价|-2|must be at least 0|OUT_OF_RANGE",
            "集采前单价|1.23456|at most 4 decimal places|TOO_MANY_DECIMALS",
            "中选产品采购量|-3|must be at least 0|OUT_OF_RANGE",
            "中选产品采购金额|abc|not a number|NOT_A_NUMBER",
            "非中选产品采购量|1.5|must be a whole number|NOT_WHOLE",
            "非中选产品采购金额|-0.01|must be at least 0|OUT_OF_RANGE"})
    void refusesBadCells(String title, String value, String message, RowCode code) {
        assertThat(problemsOf(List.of(with(atorvastatin(), title, value))))
                .containsExactly(new RowProblem(2, title, code, message));
    }

    @Test
    void leavesDuplicatesAndDisagreeingRowsToTheDomainsRules() {
        List<Object> other = with(with(amlodipine(), "所属区县", "420103"), "职保占比", "0.6");

        ParsedRows<CalculationRow> parsed = file.parse(xlsx(TITLES, List.of(atorvastatin(), other, atorvastatin())),
                limits);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(3);
    }

    @Test
    void writtenRowsReadBackTheSame() {
        List<CalculationRow> rows = file.parse(xlsx(TITLES, List.of(atorvastatin(), amlodipine())), limits).rows();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        file.write(rows, out);

        assertThat(file.parse(out.toByteArray(), limits).rows()).isEqualTo(rows);
    }
}
