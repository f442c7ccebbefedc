package com.vbp.gateway.excel;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.vbp.gateway.excel.Workbooks.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XlsxWriterTest {

    private static final List<String> TITLES = List.of("药品统一编码", "包装中选价(元)", "需求量", "备注");

    private static XSSFWorkbook reopen(ByteArrayOutputStream out) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void writesBoldFrozenTitlesThenTypedCells() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        XlsxWriter.write(out, "供应清单", TITLES, List.of(
                row("001234", new BigDecimal("12.3456"), 3000L, null),
                row("ZA02", new BigDecimal("0.1"), 7, "备注")));

        try (XSSFWorkbook workbook = reopen(out)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("供应清单");
            Row header = sheet.getRow(0);
            assertThat(IntStream.range(0, 4).mapToObj(i -> header.getCell(i).getStringCellValue())).containsExactlyElementsOf(TITLES);
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);

            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("001234");
            assertThat(first.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("@");
            assertThat(first.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(1).getNumericCellValue()).isEqualTo(12.3456);
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(3000);
            assertThat(first.getCell(3)).isNull();
            assertThat(sheet.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(7);
        }
    }

    @Test
    void aDecimalIsShownWithItsOwnDecimalsWhileTheCellStaysANumber() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        XlsxWriter.write(out, "s", TITLES, List.of(row("A", new BigDecimal("2700.60"), 7L, null)));

        try (XSSFWorkbook workbook = reopen(out)) {
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(2700.6);
            assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(new DataFormatter().formatCellValue(row.getCell(1))).isEqualTo("2700.60");
            assertThat(new DataFormatter().formatCellValue(row.getCell(2))).isEqualTo("7");
        }
    }

    @Test
    void aWholeNumberIsAnIntegerCellInTheFileNotAFloat() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        XlsxWriter.write(out, "s", List.of("需求量", "合同条数", "备注"),
                List.of(row(3000L, 7, new BigDecimal("12.50"))));

        try (XSSFWorkbook workbook = reopen(out)) {
            Row row = workbook.getSheetAt(0).getRow(1);
            // The stored text is what pandas and openpyxl see: "3000", an int, not POI's default "3000.0".
            assertThat(((XSSFCell) row.getCell(0)).getCTCell().getV()).isEqualTo("3000");
            assertThat(((XSSFCell) row.getCell(1)).getCTCell().getV()).isEqualTo("7");
            assertThat(((XSSFCell) row.getCell(2)).getCTCell().getV()).isEqualTo("12.5");
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(new DataFormatter().formatCellValue(row.getCell(0))).isEqualTo("3000");
            assertThat(new DataFormatter().formatCellValue(row.getCell(2))).isEqualTo("12.50");
        }
    }

    @Test
    void theColumnDecidesTheTypeCodesStayTextMoneyHasTwoDecimalsWholeColumnsHaveNone() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> titles = List.of("机构编码", "合同金额(元)", "合同量", "包装中选价(元)", "合同金额(元)");

        XlsxWriter.write(out, "s", titles, List.of(
                row(420102L, new BigDecimal("1234567.5"), new BigDecimal("48900.000"), new BigDecimal("12.3456"),
                        3000L),
                row("合计", new BigDecimal("7360.0000"), 5L, new BigDecimal("9.8"), new BigDecimal("0.125"))));

        try (XSSFWorkbook workbook = reopen(out)) {
            DataFormatter shown = new DataFormatter();
            Row first = workbook.getSheetAt(0).getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(first.getCell(0).getStringCellValue()).isEqualTo("420102");
            assertThat(first.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(shown.formatCellValue(first.getCell(1))).isEqualTo("1,234,567.50");
            assertThat(shown.formatCellValue(first.getCell(2))).isEqualTo("48900");
            assertThat(((XSSFCell) first.getCell(2)).getCTCell().getV()).isEqualTo("48900");
            assertThat(shown.formatCellValue(first.getCell(3))).isEqualTo("12.3456");
            assertThat(shown.formatCellValue(first.getCell(4))).isEqualTo("3,000.00");
            Row second = workbook.getSheetAt(0).getRow(2);
            assertThat(second.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(shown.formatCellValue(second.getCell(1))).isEqualTo("7,360.00");
            assertThat(shown.formatCellValue(second.getCell(3))).isEqualTo("9.8");
            // Money is shown to the fen; the cell keeps the exact (unrounded) value.
            assertThat(shown.formatCellValue(second.getCell(4))).isEqualTo("0.13");
            assertThat(second.getCell(4).getNumericCellValue()).isEqualTo(0.125);
        }
    }

    @Test
    void columnsAreAsWideAsTheirTitleAndWidestValueWithCjkCountingDouble() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String longName = "武汉市东西湖区人民医院社区卫生服务中心";

        XlsxWriter.write(out, "s", List.of("机构名称", "结余留用金额(元)", "备注"),
                List.of(row(longName, new BigDecimal("12345678.9"), "a")));

        try (XSSFWorkbook workbook = reopen(out)) {
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getColumnWidth(0)).isGreaterThanOrEqualTo(2 * longName.length() * 256);
            assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo("结余留用金额(元)".length() * 256
                    + "结余留用金额".length() * 256);
            assertThat(sheet.getColumnWidth(1)).isGreaterThanOrEqualTo("12,345,678.90".length() * 256);
            assertThat(sheet.getColumnWidth(2)).isLessThan(12 * 256);
        }
    }

    @Test
    void aDecimalThatADoubleCannotHoldIsWrittenAsExactText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BigDecimal tooPrecise = new BigDecimal("1234567890.123456789");

        XlsxWriter.write(out, "s", TITLES, List.of(row("A", tooPrecise, 9_007_199_254_740_993L, null)));

        try (XSSFWorkbook workbook = reopen(out)) {
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("1234567890.123456789");
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("9007199254740993");
        }
        List<SheetRow> read = new SheetReader("test", TITLES).readAll(out.toByteArray(), UploadLimits.defaults());
        assertThat(read.get(0).text("包装中选价(元)")).isEqualTo("1234567890.123456789");
    }

    @Test
    void exactnessOfDecimalsAsDoubles() {
        assertThat(XlsxWriter.isExactAsDouble(new BigDecimal("0.1"))).isTrue();
        assertThat(XlsxWriter.isExactAsDouble(new BigDecimal("99999999999.9999"))).isTrue();
        assertThat(XlsxWriter.isExactAsDouble(new BigDecimal("12.3400"))).isTrue();
        assertThat(XlsxWriter.isExactAsDouble(new BigDecimal("0.12345678901234567891"))).isFalse();
    }

    @Test
    void acceptsRowsIncrementallyAndReadsThemBackInOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rows = 2_000; // more than the SXSSF window, so rows are flushed to the temp file

        try (XlsxWriter writer = XlsxWriter.open(out, "lines", TITLES)) {
            for (int i = 1; i <= rows; i++) {
                writer.append("D" + i, new BigDecimal(i).movePointLeft(2), (long) i, null);
            }
            assertThat(writer.rowCount()).isEqualTo(rows);
            writer.finish();
        }

        List<SheetRow> read = new SheetReader("test", TITLES).readAll(out.toByteArray(), UploadLimits.defaults());
        assertThat(read).hasSize(rows);
        assertThat(read.get(rows - 1)).isEqualTo(new SheetRow(rows + 1,
                Map.of("药品统一编码", "D2000", "包装中选价(元)", "20", "需求量", "2000", "备注", "")));
    }

    @Test
    void aLazyIterableIsWrittenWithoutBeingCollected() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Iterable<List<?>> lazy = () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < 300;
            }

            @Override
            public List<?> next() {
                i++;
                return List.of("C" + i);
            }
        };

        XlsxWriter.write(out, "s", TITLES, lazy);

        assertThat(new SheetReader("test", TITLES).readAll(out.toByteArray(), UploadLimits.defaults())).hasSize(300);
    }

    @Test
    void closingWithoutFinishingWritesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (XlsxWriter writer = XlsxWriter.open(out, "s", TITLES)) {
            writer.append("A");
        }

        assertThat(out.size()).isZero();
    }

    @Test
    void refusesValuesThatWouldLoseExactness() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWriter writer = XlsxWriter.open(out, "s", TITLES)) {
            assertThatThrownBy(() -> writer.append("A", 0.1d)).isInstanceOf(IllegalArgumentException.class);
            List<Object> tooMany = new ArrayList<>(List.of("a", "b", "c", "d", "e"));
            assertThatThrownBy(() -> writer.append(tooMany)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
