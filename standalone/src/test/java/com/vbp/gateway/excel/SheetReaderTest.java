package com.vbp.gateway.excel;

import com.vbp.events.common.RefusalCode;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.vbp.gateway.excel.Workbooks.row;
import static com.vbp.gateway.excel.Workbooks.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SheetReaderTest {

    private static final List<String> TITLES = List.of("编码", "名称", "数量");
    private final SheetReader reader = new SheetReader("test", TITLES);
    private final UploadLimits limits = UploadLimits.defaults();

    @Test
    void readsColumnsInAnyOrderIgnoringExtraColumnsAndTrimmingTitles() {
        byte[] file = xlsx(List.of("备注", " 数量 ", "名称", "编码\u3000"), List.of(
                row("ignored", 12, "阿莫西林", "A001")));

        List<SheetRow> rows = reader.readAll(file, limits);

        assertThat(rows).containsExactly(new SheetRow(2, Map.of("编码", "A001", "名称", "阿莫西林", "数量", "12")));
    }

    @Test
    void matchesTitlesTypedWithFullWidthCharacters() {
        SheetReader prices = new SheetReader("test", List.of("价格(元)", "降幅(%)"));
        byte[] file = xlsx(List.of("价格（元）", "降幅（％）"), List.of(row(1.5, 20)));

        assertThat(prices.readAll(file, limits)).containsExactly(new SheetRow(2, Map.of("价格(元)", "1.5", "降幅(%)", "20")));
    }

    @Test
    void numericCellsComeBackAsTheirStoredValueWithoutDoubleArtefacts() {
        byte[] file = xlsx(TITLES, List.of(
                row(420102, 0.1, 1.0E-7),
                row(123456789012L, 12.3456, 1.0E20),
                row(-3, 0, 2.5)));

        List<SheetRow> rows = reader.readAll(file, limits);

        assertThat(rows).extracting(SheetRow::cellsByTitle).containsExactly(
                Map.of("编码", "420102", "名称", "0.1", "数量", "0.0000001"),
                Map.of("编码", "123456789012", "名称", "12.3456", "数量", "100000000000000000000"),
                Map.of("编码", "-3", "名称", "0", "数量", "2.5"));
    }

    @Test
    void aNumberFormatDoesNotChangeTheValueRead() throws IOException {
        byte[] file;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            for (int i = 0; i < TITLES.size(); i++) {
                header.createCell(i).setCellValue(TITLES.get(i));
            }
            CellStyle twoPlaces = workbook.createCellStyle();
            twoPlaces.setDataFormat(workbook.createDataFormat().getFormat("0.00"));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("X");
            row.createCell(1).setCellValue("Y");
            row.createCell(2).setCellValue(3.14159);
            row.getCell(2).setCellStyle(twoPlaces);
            workbook.write(out);
            file = out.toByteArray();
        }

        assertThat(reader.readAll(file, limits).get(0).text("数量")).isEqualTo("3.14159");
    }

    @Test
    void textCellsAreTrimmedAndKeptExactly() {
        byte[] file = xlsx(TITLES, List.of(row(" 001 ", "\u00a0名称\u3000", " 12.50 ")));

        assertThat(reader.readAll(file, limits).get(0).cellsByTitle())
                .isEqualTo(Map.of("编码", "001", "名称", "名称", "数量", "12.50"));
    }

    @Test
    void formulasGiveTheirCachedResult() {
        byte[] file = xlsx(TITLES, List.of(row(new Workbooks.Formula("\"A\"&\"01\""),
                new Workbooks.Formula("1/0"), new Workbooks.Formula("2*21"))));

        assertThat(reader.readAll(file, limits).get(0).cellsByTitle())
                .isEqualTo(Map.of("编码", "A01", "名称", "#DIV/0!", "数量", "42"));
    }

    @Test
    void skipsBlankRowsAndKeepsTheSpreadsheetRowNumbers() {
        byte[] file = xlsx(TITLES, List.of(
                row("A", "a", 1),
                row(null, "", null),      // present but blank
                row("B", "b", 2),
                row(),                    // an empty row element
                row(null, null, null, "only an ignored column")));

        assertThat(reader.readAll(file, limits)).extracting(SheetRow::rowNumber).containsExactly(2, 4);
    }

    @Test
    void missingCellsOfARowAreEmptyText() {
        byte[] file = xlsx(TITLES, List.of(row("A", null, 1)));

        assertThat(reader.readAll(file, limits).get(0).text("名称")).isEmpty();
    }

    @Test
    void readsFromAnInputStream() {
        byte[] file = xlsx(TITLES, List.of(row("A", "a", 1)));
        List<SheetRow> rows = new ArrayList<>();

        reader.read(new ByteArrayInputStream(file), limits, rows::add);

        assertThat(rows).hasSize(1);
    }

    @Test
    void refusesMissingColumnsNamingEveryOne() {
        byte[] file = xlsx(List.of("名称", "其他"), List.of(row("a", "b")));

        UploadRefused refused = catchThrowableOfType(() -> reader.readAll(file, limits), UploadRefused.class);

        assertThat(refused.code()).isEqualTo(RefusalCode.MISSING_COLUMNS.code());
        assertThat(refused.refusal().message()).contains("编码", "数量").doesNotContain("名称");
        assertThat(refused.refusal().figures()).containsEntry("missingColumns", List.of("编码", "数量"));
    }

    @Test
    void theHeaderMustBeRowOne() {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(TITLES.toArray()));
        rows.add(row("A", "a", 1));
        byte[] file = xlsx(null, rows);

        assertRefused(() -> reader.readAll(file, limits), RefusalCode.MISSING_COLUMNS);
    }

    @Test
    void refusesAFileWithOnlyAHeader() {
        assertRefused(() -> reader.readAll(xlsx(TITLES, List.of()), limits), RefusalCode.EMPTY_FILE);
    }

    @Test
    void refusesAFileWithOnlyBlankRowsBelowTheHeader() {
        assertRefused(() -> reader.readAll(xlsx(TITLES, List.of(row("", " "))), limits), RefusalCode.EMPTY_FILE);
    }

    @Test
    void refusesAnEmptySheet() {
        assertRefused(() -> reader.readAll(xlsx(null, List.of()), limits), RefusalCode.EMPTY_FILE);
    }

    @Test
    void refusesZeroBytes() {
        assertRefused(() -> reader.readAll(new byte[0], limits), RefusalCode.EMPTY_FILE);
    }

    @Test
    void refusesPlainTextNamedXlsx() {
        byte[] text = "编码,名称,数量\nA,a,1\n".getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> reader.readAll(text, limits), RefusalCode.NOT_XLSX);
    }

    @Test
    void refusesRandomBinary() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);

        assertRefused(() -> reader.readAll(noise, limits), RefusalCode.NOT_XLSX);
    }

    @Test
    void refusesRandomBinaryThatStartsLikeAZip() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 'P';
        noise[1] = 'K';
        noise[2] = 3;
        noise[3] = 4;

        assertRefused(() -> reader.readAll(noise, limits), RefusalCode.NOT_XLSX);
    }

    @Test
    void refusesAnOldXlsWorkbook() throws IOException {
        byte[] xls;
        try (Workbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet().createRow(0).createCell(0).setCellValue("编码");
            workbook.write(out);
            xls = out.toByteArray();
        }

        UploadRefused refused = catchThrowableOfType(() -> reader.readAll(xls, limits), UploadRefused.class);

        assertThat(refused.code()).isEqualTo(RefusalCode.NOT_XLSX.code());
        assertThat(refused.refusal().message()).contains(".xls");
    }

    @Test
    void refusesAZipThatIsNoWorkbook() {
        byte[] xlsx = xlsx(TITLES, List.of(row("A", "a", 1)));
        byte[] notAWorkbook = Workbooks.rewriteEntry(xlsx, "[Content_Types].xml", xml -> "<nonsense/>");

        assertRefused(() -> reader.readAll(notAWorkbook, limits), RefusalCode.NOT_XLSX);
    }

    @Test
    void refusesAFileOverTheByteLimitWithLimitAndActualSize() {
        byte[] file = xlsx(TITLES, List.of(row("A", "a", 1)));
        UploadLimits small = limits.withMaxBytes(1000);

        UploadRefused refused = catchThrowableOfType(() -> reader.readAll(file, small), UploadRefused.class);

        assertThat(refused.code()).isEqualTo(RefusalCode.FILE_TOO_LARGE.code());
        assertThat(refused.refusal().figures())
                .containsEntry("limitBytes", 1000L)
                .containsEntry("actualBytes", (long) file.length);
    }

    @Test
    void refusesAStreamOverTheByteLimitWithLimitAndActualSize() {
        byte[] file = xlsx(TITLES, List.of(row("A", "a", 1)));
        UploadLimits small = limits.withMaxBytes(1000);

        UploadRefused refused = catchThrowableOfType(
                () -> reader.read(new ByteArrayInputStream(file), small, row -> { }), UploadRefused.class);

        assertThat(refused.code()).isEqualTo(RefusalCode.FILE_TOO_LARGE.code());
        assertThat(refused.refusal().figures()).containsEntry("actualBytes", (long) file.length);
    }

    @Test
    void refusesTooManyRowsAsSoonAsTheLimitIsPassed() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(row("A" + i, "a", i + 1));
        }
        byte[] file = xlsx(TITLES, rows);
        List<SheetRow> seen = new ArrayList<>();

        UploadRefused refused = catchThrowableOfType(
                () -> reader.read(file, limits.withMaxRows(10), seen::add), UploadRefused.class);

        assertThat(refused.code()).isEqualTo(RefusalCode.TOO_MANY_ROWS.code());
        assertThat(refused.refusal().figures()).containsEntry("limitRows", 10);
        assertThat(seen).hasSize(10);
    }

    @Test
    void acceptsExactlyTheRowLimit() {
        byte[] file = xlsx(TITLES, List.of(row("A", "a", 1), row("B", "b", 2)));

        assertThat(reader.readAll(file, limits.withMaxRows(2))).hasSize(2);
    }

    @Test
    void refusesAZipBomb() {
        byte[] bomb = Workbooks.zipBomb(xlsx(TITLES, List.of(row("A", "a", 1))));
        assertThat(bomb.length).isLessThan(100_000);

        assertRefused(() -> reader.readAll(bomb, limits), RefusalCode.SUSPICIOUS_FILE);
    }

    @Test
    void theStreamingReaderKeepsPoisZipBombGuard() {
        // The pre-check above would hide it if the streaming reader opened packages unguarded.
        byte[] bomb = Workbooks.zipBomb(xlsx(TITLES, List.of(row("A", "a", 1))));

        assertThatThrownBy(() -> SheetReader.stream(bomb, row -> { }))
                .satisfies(failure -> assertThat(ZipInflation.isZipBomb(failure)).isTrue());
    }

    @Test
    void refusesAFileThatExpandsBeyondTheUncompressedLimit() {
        byte[] file = xlsx(TITLES, List.of(row("A", "a", 1)));

        UploadRefused refused = catchThrowableOfType(
                () -> reader.readAll(file, limits.withMaxUncompressedBytes(2_000)), UploadRefused.class);

        assertThat(refused.code()).isEqualTo(RefusalCode.SUSPICIOUS_FILE.code());
        assertThat(refused.refusal().figures()).containsEntry("limitUncompressedBytes", 2_000L);
    }

    static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, RefusalCode code) {
        assertThatThrownBy(call).isInstanceOf(UploadRefused.class)
                .satisfies(e -> assertThat(((UploadRefused) e).code()).isEqualTo(code.code()));
    }
}
