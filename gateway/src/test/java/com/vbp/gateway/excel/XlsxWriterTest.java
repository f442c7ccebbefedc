package com.vbp.gateway.excel;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
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
        List<SheetRow> read = new SheetReader(TITLES).readAll(out.toByteArray(), UploadLimits.defaults());
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

        List<SheetRow> read = new SheetReader(TITLES).readAll(out.toByteArray(), UploadLimits.defaults());
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

        assertThat(new SheetReader(TITLES).readAll(out.toByteArray(), UploadLimits.defaults())).hasSize(300);
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
