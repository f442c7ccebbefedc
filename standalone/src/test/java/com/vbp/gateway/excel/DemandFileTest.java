package com.vbp.gateway.excel;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static com.vbp.gateway.excel.DemandFile.TITLES;
import static com.vbp.gateway.excel.Workbooks.xlsx;
import static org.assertj.core.api.Assertions.assertThat;

class DemandFileTest {

    private final DemandFile demands = new DemandFile();
    private final UploadLimits limits = UploadLimits.defaults();

    private static List<Object> selected() {
        return Workbooks.row("H0001", "第一人民医院", "420102", "G01", "中选", "ZA01", "感冒清热颗粒", "甲药业", 3000, null);
    }

    private static List<Object> pending() {
        return Workbooks.row("H0002", "第二人民医院", "江岸区", "G01", "待分配", "ZX09", "感冒清热颗粒", "乙药业", 1200, 1.5);
    }

    private static List<Object> with(List<Object> row, String title, Object value) {
        List<Object> changed = new ArrayList<>(row);
        changed.set(TITLES.indexOf(title), value);
        return changed;
    }

    private List<RowProblem> problemsOf(List<Object> row) {
        List<RowProblem> problems = demands.parse(xlsx(TITLES, List.of(row)), limits).problems();
        assertThat(problems).as("the file should have bad cells").isNotEmpty();
        return problems;
    }

    @Test
    void readsSelectedAndPendingLinesWithADistrictNameAsItsCode() {
        List<DemandRow> rows = demands.parse(xlsx(TITLES, List.of(selected(), pending())), limits).rows();

        assertThat(rows).containsExactly(
                new DemandRow(2, "H0001", "第一人民医院", "420102", "G01", DemandKind.SELECTED, "ZA01", "感冒清热颗粒",
                        "甲药业", Volume.of(3000), null),
                new DemandRow(3, "H0002", "第二人民医院", "420102", "G01", DemandKind.PENDING, "ZX09", "感冒清热颗粒",
                        "乙药业", Volume.of(1200), DailyUsage.of("1.5")));
    }

    @Test
    void codesInNumericCellsAreReadAsText() {
        List<Object> row = with(with(with(with(selected(), DemandFile.INSTITUTION_CODE, 1001),
                DemandFile.DISTRICT, 420102), DemandFile.GROUP_CODE, 7), DemandFile.DRUG_CODE, 86900123);

        DemandRow line = demands.parse(xlsx(TITLES, List.of(row)), limits).rows().get(0);

        assertThat(List.of(line.institutionCode(), line.district(), line.groupCode(), line.drugCode()))
                .containsExactly("1001", "420102", "7", "86900123");
    }

    @Test
    void aSelectedLineMayGiveItsDailyUsage() {
        DemandRow line = demands.parse(xlsx(TITLES, List.of(with(selected(), DemandFile.DAILY_USAGE, "2"))), limits).rows().get(0);

        assertThat(line.dailyUsage()).isEqualTo(DailyUsage.of("2"));
    }

    @Test
    void refusesAnUnknownDemandKind() {
        assertThat(problemsOf(with(selected(), DemandFile.KIND, "非中选")))
                .containsExactly(new RowProblem(2, "需求类型", RowCode.NOT_ALLOWED, "must be 中选 or 待分配"));
    }

    @Test
    void refusesAMissingDemandKind() {
        assertThat(problemsOf(with(selected(), DemandFile.KIND, null)))
                .containsExactly(new RowProblem(2, "需求类型", RowCode.MISSING, "missing"));
    }

    @Test
    void leavesAPendingLineWithoutDailyUsageToTheDomainsRules() {
        ParsedRows<DemandRow> parsed = demands.parse(xlsx(TITLES, List.of(with(pending(), DemandFile.DAILY_USAGE,
                null))), limits);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).singleElement().extracting(DemandRow::dailyUsage).isNull();
    }

    @Test
    void refusesAMissingCode() {
        assertThat(problemsOf(with(pending(), DemandFile.INSTITUTION_CODE, " ")))
                .containsExactly(new RowProblem(2, "机构编码", RowCode.MISSING, "missing"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "需求量|''|missing|MISSING",
            "需求量|一千|not a number|NOT_A_NUMBER",
            "需求量|12.5|must be a whole number|NOT_WHOLE",
            "需求量|0|must be greater than 0|OUT_OF_RANGE",
            "日均使用量|abc|not a number|NOT_A_NUMBER",
            "日均使用量|0|must be greater than 0|OUT_OF_RANGE",
            "日均使用量|-2|must be greater than 0|OUT_OF_RANGE",
            "日均使用量|1.1234567|at most 6 decimal places|TOO_MANY_DECIMALS"})
    void refusesBadNumbers(String title, String value, String message, RowCode code) {
        assertThat(problemsOf(with(pending(), title, value))).containsExactly(new RowProblem(2, title, code, message));
    }

    @Test
    void aBadDailyUsageOnASelectedLineIsStillBad() {
        assertThat(problemsOf(with(selected(), DemandFile.DAILY_USAGE, 0)))
                .containsExactly(new RowProblem(2, "日均使用量", RowCode.OUT_OF_RANGE, "must be greater than 0"));
    }

    @Test
    void listsEveryBadRow() {
        byte[] file = xlsx(TITLES, List.of(
                with(selected(), DemandFile.VOLUME, -1),
                pending(),
                with(with(pending(), DemandFile.KIND, "x"), DemandFile.ENTERPRISE, null)));

        ParsedRows<DemandRow> parsed = demands.parse(file, limits);

        assertThat(parsed.rows()).extracting(DemandRow::row).containsExactly(3);
        assertThat(parsed.problems()).containsExactly(
                new RowProblem(2, "需求量", RowCode.OUT_OF_RANGE, "must be greater than 0"),
                new RowProblem(4, "需求类型", RowCode.NOT_ALLOWED, "must be 中选 or 待分配"),
                new RowProblem(4, "企业名称", RowCode.MISSING, "missing"));
    }

    @Test
    void refusesTooManyRows() {
        byte[] file = xlsx(TITLES, List.of(selected(), pending(), selected()));

        SheetReaderTest.assertRefused(() -> demands.parse(file, limits.withMaxRows(2)), RefusalCode.TOO_MANY_ROWS);
    }

    @Test
    void writtenLinesReadBackTheSame() {
        List<DemandRow> lines = List.of(
                new DemandRow(2, "001", "第一人民医院", "420102", "G01", DemandKind.SELECTED, "ZA01", "品种", "甲", Volume.of(3000), null),
                new DemandRow(3, "H0002", "第二人民医院", "420102", "G01", DemandKind.PENDING, "ZX09", "品种", "乙",
                        Volume.of(1), DailyUsage.of("0.125")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        demands.write(lines, out);

        assertThat(demands.parse(out.toByteArray(), limits).rows()).isEqualTo(lines);
    }
}
