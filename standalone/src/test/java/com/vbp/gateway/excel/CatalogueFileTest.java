package com.vbp.gateway.excel;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.WinningProduct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.vbp.gateway.excel.CatalogueFile.TITLES;
import static com.vbp.gateway.excel.Workbooks.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CatalogueFileTest {

    private final CatalogueFile catalogue = new CatalogueFile();
    private final UploadLimits limits = UploadLimits.defaults();

    /** A good row in TITLES order: text cells for texts, numeric cells for numbers. */
    private static List<Object> good(String drugCode) {
        return Workbooks.row("G01", "感冒清热颗粒组", drugCode, "感冒清热颗粒", "颗粒剂", "每袋装12g",
                "某某药业有限公司", 12.3456, 10, "袋", 3, 45.5, 100000);
    }

    private static List<Object> with(List<Object> row, String title, Object value) {
        List<Object> changed = new ArrayList<>(row);
        changed.set(TITLES.indexOf(title), value);
        return changed;
    }

    private static List<RowProblem> problemsOf(byte[] file) {
        List<RowProblem> problems = new CatalogueFile().parse(file, UploadLimits.defaults()).problems();
        assertThat(problems).as("the file should have bad cells").isNotEmpty();
        return problems;
    }

    @Test
    void readsEveryColumnIntoAWinningProduct() {
        byte[] file = xlsx(TITLES, List.of(good("ZA01"), good("ZA02")));

        List<CatalogueRow> rows = catalogue.parse(file, limits).rows();

        assertThat(rows).containsExactly(
                new CatalogueRow(2, product("ZA01")),
                new CatalogueRow(3, product("ZA02")));
    }

    private static WinningProduct product(String drugCode) {
        return new WinningProduct("G01", "感冒清热颗粒组", drugCode, "感冒清热颗粒", "颗粒剂", "每袋装12g",
                "某某药业有限公司", Money.of("12.3456"), 10, "袋", DailyUsage.of("3"), Percentage.of("45.5"),
                Volume.of(100000));
    }

    @Test
    void numbersInTextCellsAndCodesInNumericCellsAreReadExactly() {
        List<Object> row = good("placeholder");
        row = with(row, CatalogueFile.DRUG_CODE, 86900123);
        row = with(row, CatalogueFile.GROUP_CODE, 420102);
        row = with(row, CatalogueFile.PACKAGE_PRICE, " 0.1 ");
        row = with(row, CatalogueFile.PACKAGE_QUANTITY, "12");
        row = with(row, CatalogueFile.MAX_CAPACITY, "1,000,000");

        WinningProduct p = catalogue.parse(xlsx(TITLES, List.of(row)), limits).rows().get(0).product();

        assertThat(p.drugCode()).isEqualTo("86900123");
        assertThat(p.groupCode()).isEqualTo("420102");
        assertThat(p.packagePrice().yuan()).hasToString("0.1");
        assertThat(p.packageQuantity()).isEqualTo(12);
        assertThat(p.maxCapacity()).isEqualTo(Volume.of(1_000_000));
    }

    @Test
    void acceptsColumnsInAnotherOrderWithAnExtraColumn() {
        List<String> header = new ArrayList<>(TITLES);
        Collections.reverse(header);
        header.add(3, "备注");
        List<Object> row = new ArrayList<>(good("ZA01"));
        Collections.reverse(row);
        row.add(3, "随便写");

        assertThat(catalogue.parse(xlsx(header, List.of(row)), limits).rows())
                .containsExactly(new CatalogueRow(2, product("ZA01")));
    }

    @Test
    void acceptsTitlesTypedWithFullWidthCharacters() {
        List<String> header = new ArrayList<>(TITLES);
        header.set(TITLES.indexOf(CatalogueFile.PACKAGE_PRICE), "包装中选价（元）");
        header.set(TITLES.indexOf(CatalogueFile.REDUCTION), "降幅（％）");

        assertThat(catalogue.parse(xlsx(header, List.of(good("ZA01"))), limits).rows())
                .containsExactly(new CatalogueRow(2, product("ZA01")));
    }

    @Test
    void refusesAMissingValue() {
        assertThat(problemsOf(xlsx(TITLES, List.of(with(good("ZA01"), CatalogueFile.ENTERPRISE, null)))))
                .containsExactly(new RowProblem(2, "企业名称", RowCode.MISSING, "missing"));
    }

    @Test
    void refusesAMissingNumber() {
        assertThat(problemsOf(xlsx(TITLES, List.of(with(good("ZA01"), CatalogueFile.PACKAGE_PRICE, "")))))
                .containsExactly(new RowProblem(2, "包装中选价(元)", RowCode.MISSING, "missing"));
    }

    @Test
    void refusesSomethingThatIsNotANumber() {
        assertThat(problemsOf(xlsx(TITLES, List.of(with(good("ZA01"), CatalogueFile.DAILY_USAGE, "三袋")))))
                .containsExactly(new RowProblem(2, "日均使用量", RowCode.NOT_A_NUMBER, "not a number"));
    }

    @Test
    void refusesANumberThatIsNotWhole() {
        assertThat(problemsOf(xlsx(TITLES, List.of(with(good("ZA01"), CatalogueFile.PACKAGE_QUANTITY, 12.5)))))
                .containsExactly(new RowProblem(2, "最小包装数量", RowCode.NOT_WHOLE, "must be a whole number"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "包装中选价(元)|0|must be greater than 0|OUT_OF_RANGE",
            "包装中选价(元)|-1.5|must be greater than 0|OUT_OF_RANGE",
            "最小包装数量|0|must be greater than 0|OUT_OF_RANGE",
            "日均使用量|0|must be greater than 0|OUT_OF_RANGE",
            "降幅(%)|100.5|must be between 0 and 100|OUT_OF_RANGE",
            "降幅(%)|-1|must be between 0 and 100|OUT_OF_RANGE",
            "最大产能|-1|must be at least 0|OUT_OF_RANGE"})
    void refusesANumberOutOfRange(String title, double value, String message, RowCode code) {
        assertThat(problemsOf(xlsx(TITLES, List.of(with(good("ZA01"), title, value)))))
                .containsExactly(new RowProblem(2, title, code, message));
    }

    @Test
    void acceptsZeroCapacityAndZeroReduction() {
        List<Object> row = with(with(good("ZA01"), CatalogueFile.MAX_CAPACITY, 0), CatalogueFile.REDUCTION, 0);

        WinningProduct p = catalogue.parse(xlsx(TITLES, List.of(row)), limits).rows().get(0).product();

        assertThat(p.maxCapacity()).isEqualTo(Volume.ZERO);
        assertThat(p.reduction().percent()).isZero();
    }

    @Test
    void refusesAPriceWithMoreThanFourDecimals() {
        assertThat(problemsOf(xlsx(TITLES, List.of(with(good("ZA01"), CatalogueFile.PACKAGE_PRICE, "12.34567")))))
                .containsExactly(new RowProblem(2, "包装中选价(元)", RowCode.TOO_MANY_DECIMALS, "at most 4 decimal places"));
    }

    @Test
    void leavesADuplicateDrugCodeToTheDomainsRules() {
        byte[] file = xlsx(TITLES, List.of(good("ZA01"), good("ZA02"), good("ZA01")));

        ParsedRows<CatalogueRow> parsed = catalogue.parse(file, limits);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(3);
    }

    @Test
    void listsEveryProblemOfEveryBadRow() {
        List<Object> twoProblems = with(with(good("ZA02"), CatalogueFile.VARIETY, ""), CatalogueFile.REDUCTION, 101);
        byte[] file = xlsx(TITLES, List.of(
                good("ZA01"),
                twoProblems,
                good("ZA03"),
                with(good("ZA04"), CatalogueFile.MAX_CAPACITY, "many")));

        ParsedRows<CatalogueRow> parsed = catalogue.parse(file, limits);

        assertThat(parsed.rows()).extracting(CatalogueRow::row).containsExactly(2, 4);
        assertThat(parsed.problems()).containsExactly(
                new RowProblem(3, "品种名称", RowCode.MISSING, "missing"),
                new RowProblem(3, "降幅(%)", RowCode.OUT_OF_RANGE, "must be between 0 and 100"),
                new RowProblem(5, "最大产能", RowCode.NOT_A_NUMBER, "not a number"));
    }

    @Test
    void refusesAFileMissingColumns() {
        List<String> header = TITLES.stream().filter(t -> !t.equals("剂型") && !t.equals("降幅(%)")).toList();

        UploadRefused refused = catchThrowableOfType(
                () -> catalogue.parse(xlsx(header, List.of(Workbooks.row("x"))), limits), UploadRefused.class);

        assertThat(refused.code()).isEqualTo(RefusalCode.MISSING_COLUMNS.code());
        assertThat(refused.refusal().figures()).containsEntry("missingColumns", List.of("剂型", "降幅(%)"));
    }

    @Test
    void refusesAFileWithOnlyTheHeader() {
        SheetReaderTest.assertRefused(() -> catalogue.parse(xlsx(TITLES, List.of()), limits), RefusalCode.EMPTY_FILE);
    }

    @Test
    void writtenCatalogueReadsBackTheSame() {
        List<WinningProduct> products = List.of(product("ZA01"),
                new WinningProduct("420102", "组二", "001234", "品种", "片剂", "0.25g", "企业", Money.of("0.1"), 1, "片",
                        DailyUsage.of("0.333333"), Percentage.of("0"), Volume.ZERO),
                new WinningProduct("G03", "组三", "ZC03", "品种", "胶囊", "0.5g*24粒", "企业", Money.of("1234567.8901"),
                        24, "粒", DailyUsage.of("1.5"), Percentage.of("99.9999"), Volume.of(999_999_999_999_999L)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        catalogue.write(products, out);
        List<CatalogueRow> rows = catalogue.parse(new ByteArrayInputStream(out.toByteArray()), limits).rows();

        assertThat(rows).extracting(CatalogueRow::row).containsExactly(2, 3, 4);
        assertThat(rows).extracting(CatalogueRow::product).containsExactlyElementsOf(products);
    }

    /** A fixture written by openpyxl (src/test/resources/excel/openpyxl/make_fixtures.py). */
    static byte[] openpyxl(String name) {
        try (InputStream in = CatalogueFileTest.class.getResourceAsStream("/excel/openpyxl/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsNumbersAsExcelShowsThemInAFileWrittenByOpenpyxl() {
        // 9.80 is stored as 9.800000000000001, typed in row 2 and a formula's cached result in row 3.
        ParsedRows<CatalogueRow> parsed = catalogue.parse(openpyxl("catalogue-as-computed.xlsx"), limits);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).extracting(r -> r.product().packagePrice().yuan().toPlainString())
                .containsExactly("9.8", "9.8", "12.5");
        assertThat(parsed.rows().get(2).product().groupCode()).as("a code stored as a number").isEqualTo("420102");
    }

    @Test
    void namesADateABooleanAndAnErrorValueInNumberColumns() {
        ParsedRows<CatalogueRow> parsed = catalogue.parse(openpyxl("catalogue-with-bad-cells.xlsx"), limits);

        assertThat(parsed.problems()).containsExactly(
                new RowProblem(3, "包装中选价(元)", RowCode.DATE_NOT_NUMBER,
                        "a date (2024-03-01), not a number: format the cell as a number"),
                new RowProblem(4, "最大产能", RowCode.BOOLEAN_NOT_NUMBER, "a boolean (TRUE), not a number"),
                new RowProblem(5, "包装中选价(元)", RowCode.CELL_ERROR,
                        "the cell shows the error #DIV/0!: correct the formula or enter the value"));
        assertThat(parsed.rows()).extracting(CatalogueRow::row).as("the duplicate on row 6 is the domain's")
                .containsExactly(2, 6);
    }
}
