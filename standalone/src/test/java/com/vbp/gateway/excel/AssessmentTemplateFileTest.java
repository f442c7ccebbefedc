package com.vbp.gateway.excel;

import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionView;
import com.vbp.events.retention.RetentionValues.Score;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;

import static com.vbp.gateway.excel.AssessmentTemplateFile.UPLOAD_TITLES;
import static com.vbp.gateway.excel.Workbooks.xlsx;
import static org.assertj.core.api.Assertions.assertThat;

class AssessmentTemplateFileTest {

    private final AssessmentTemplateFile file = new AssessmentTemplateFile();
    private final UploadLimits limits = UploadLimits.defaults();

    private static List<Object> scored(String code, Object score) {
        return Workbooks.row(code, code + "医院", "420102", score);
    }

    private List<RowProblem> problemsOf(List<List<Object>> rows) {
        List<RowProblem> problems = file.parse(xlsx(UPLOAD_TITLES, rows), limits).problems();
        assertThat(problems).as("the file should have bad cells").isNotEmpty();
        return problems;
    }

    @Test
    void readsScoresAsNumbersOrText() {
        List<AssessmentRow> rows = file.parse(xlsx(UPLOAD_TITLES,
                List.of(scored("H1", 92), scored("H2", "59.5"), scored("H3", 0), scored("H4", "100.0"))), limits).rows();

        assertThat(rows).extracting(AssessmentRow::row, AssessmentRow::institutionCode, r -> r.score().points())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "H1", new BigDecimal("92")),
                        org.assertj.core.groups.Tuple.tuple(3, "H2", new BigDecimal("59.5")),
                        org.assertj.core.groups.Tuple.tuple(4, "H3", new BigDecimal("0")),
                        org.assertj.core.groups.Tuple.tuple(5, "H4", new BigDecimal("100")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|missing|MISSING",
            "九十|not a number|NOT_A_NUMBER",
            "100.5|must be between 0 and 100|OUT_OF_RANGE",
            "-1|must be between 0 and 100|OUT_OF_RANGE",
            "92.25|at most 1 decimal places|TOO_MANY_DECIMALS"})
    void refusesABadScore(String score, String message, RowCode code) {
        assertThat(problemsOf(List.of(scored("H1", score))))
                .containsExactly(new RowProblem(2, "医保考核评分", code, message));
    }

    @Test
    void leavesAnInstitutionTwiceToTheDomainsRules() {
        ParsedRows<AssessmentRow> parsed = file.parse(xlsx(UPLOAD_TITLES, List.of(scored("H1", 80), scored("H1", 90))),
                limits);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(2);
    }

    @Test
    void theExportHasTheTemplatesColumnsAndAnEmptyScoreAndCanBeFilledAndUploaded() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        file.write(List.of(new RetentionInstitutionView("H1", "一院", "420102", new BigDecimal("0.7"), 2,
                new Score(new BigDecimal("95.5")), null)), out);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row header = sheet.getRow(0);
            assertThat(List.of(0, 1, 2, 3, 4, 5, 6).stream().map(i -> header.getCell(i).getStringCellValue()))
                    .containsExactly("机构编码", "机构名称", "所属区县", "区县名称", "考核品种数", "自评分", "医保考核评分");
            Row row = sheet.getRow(1);
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("江岸区");
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(2);
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(95.5);
            assertThat(row.getCell(6)).isNull();

            row.createCell(6).setCellValue(88.5);
            ByteArrayOutputStream filled = new ByteArrayOutputStream();
            workbook.write(filled);
            assertThat(file.parse(filled.toByteArray(), limits).rows()).containsExactly(
                    new AssessmentRow(2, "H1", "一院", "420102", new Score(new BigDecimal("88.5"))));
        }
    }

    @Test
    void aReExportIsPrefilledWithTheCurrentScoresAndPagesAreWrittenInOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<List<RetentionInstitutionView>> pages = List.of(
                List.of(new RetentionInstitutionView("H1", "一院", "420102", new BigDecimal("0.7"), 2, null,
                        new Score(new BigDecimal("92")))),
                List.of(new RetentionInstitutionView("H2", "二院", "420102", new BigDecimal("0.6"), 1,
                        new Score(new BigDecimal("80")), null)));
        file.write(page -> page < pages.size() ? pages.get(page) : List.of(), out);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("H1");
            assertThat(sheet.getRow(1).getCell(5)).as("no 自评分").isNull();
            assertThat(sheet.getRow(1).getCell(6).getNumericCellValue()).isEqualTo(92);
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("H2");
            assertThat(sheet.getRow(2).getCell(6)).as("not scored yet").isNull();
        }
    }
}
