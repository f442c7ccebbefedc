package com.vbp.gateway.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.excel.AssessmentTemplateFile;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.gateway.support.TestClock;
import com.vbp.gateway.support.XlsxCells;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.vbp.gateway.retention.RetentionFixture.D1;
import static com.vbp.gateway.retention.RetentionFixture.D2;
import static com.vbp.gateway.retention.RetentionFixture.H1;
import static com.vbp.gateway.retention.RetentionFixture.H2;
import static com.vbp.gateway.retention.RetentionFixture.H3;
import static com.vbp.gateway.retention.RetentionFixture.batchPath;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Surplus retention over HTTP on the real standalone application (seed 003 §4.1–§4.2, RETENTION.md): create a
 * batch, upload the 测算数据, self-assess, export the 考核评分模版 as a district bureau, fill it with POI, upload it,
 * finalise, and read the 医疗机构结余金额 and an institution's detail as the institution, its bureau, another
 * district's bureau and an analyst; then recalculate.
 * <p>
 * Hand-checked figures (parameters 0.50, 60, LINEAR; {@link RetentionFixture} for the data). H1 is RETENTION.md's
 * worked example: S = 16,000.00 − 1,000.00 = 15,000.00, score 92, k 0.92, R = 15,000.00 × 0.5 × 0.92 = 6,900.00,
 * 职保 6,900.00 × 0.7 = 4,830.00, 居保 2,070.00. H2 (same district) is left out of its bureau's upload: 未考核,
 * R = 0.00. H3 (the other district), score 80: R = 2,000.00 × 0.5 × 0.8 = 800.00, 职保 × 0.6 = 480.00, 居保 320.00.
 * District 420102: budget 26,000.00 + 3,000.00 = 29,000.00, surplus 17,000.00, retained 6,900.00; all: 7,700.00.
 */
class RetentionEndToEndTest {

    private static final String CODE = "WH-JYLY-2026";
    private static final String BATCH = batchPath(CODE);

    @TempDir
    Path dataDir;

    @Test
    void a_batch_is_assessed_finalised_and_read_by_every_role() throws IOException {
        TestClock clock = new TestClock();
        try (StandaloneApp app = StandaloneApp.start(dataDir, Map.of("clock", clock),
                "app.bootstrap.admin-password=" + RetentionFixture.ADMIN_PASSWORD)) {
            Http http = app.http();
            RetentionFixture fx = new RetentionFixture(http).login();
            String admin = fx.admin;

            // 创建批次 with the defaults, 测算数据上传, then the accounts of the organisations it names
            Instant now = clock.instant();
            fx.createBatch(CODE, now.minus(Duration.ofHours(1)), now.plus(Duration.ofMinutes(30)));
            fx.uploadCalculationData(CODE);
            fx.accounts();
            String inst = fx.token("inst-h1");
            String bureau = fx.token("bureau-" + D1);
            String otherBureau = fx.token("bureau-" + D2);
            String analyst = fx.token("analyst1");
            JsonNode batch = http.get(BATCH, inst).json();
            assertThat(batch.path("status").asText()).isEqualTo("OPEN");
            assertThat(batch.path("institutionCount").asInt()).isEqualTo(3);

            // 自评分
            Answer self = http.putJson(BATCH + "/self-assessment", inst, Map.of("score", 95.5));
            assertThat(self.status()).as(self.text()).isEqualTo(200);
            assertThat(self.json().path("selfAssessment").decimalValue()).isEqualByComparingTo("95.5");

            // 导出模版 as the bureau of 420102: its two institutions, H1 with its 自评分, no score yet
            byte[] template = http.get(BATCH + "/assessment-template.xlsx", bureau).body();
            List<List<String>> cells = XlsxCells.of(template);
            assertThat(cells.get(0)).isEqualTo(AssessmentTemplateFile.TITLES);
            assertThat(cells).hasSize(3);
            assertThat(cells.get(1)).containsExactly(H1, "武汉市江岸区人民医院", D1, "江岸区", "2", "95.5");
            assertThat(cells.get(2)).containsExactly(H2, "江岸区妇幼保健院", D1, "江岸区", "1");

            // 考核数据上传: all or nothing — H2 left empty refuses the file; without H2's row it is taken
            byte[] withEmptyH2 = fill(template, Map.of(H1, 92.0));
            Answer refused = http.upload(BATCH + "/assessment-scores", bureau, "考核评分模版.xlsx", withEmptyH2);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_ROWS");
            assertThat(refused.json().path("rows").get(0).path("row").asInt()).isEqualTo(3);
            assertThat(refused.json().path("rows").get(0).path("column").asText()).isEqualTo("医保考核评分");
            assertThat(http.get(BATCH + "/institutions?institution=" + H1, bureau).json().path("items").get(0)
                    .path("assessed").asBoolean()).isFalse();
            Answer uploaded = http.upload(BATCH + "/assessment-scores", bureau, "考核评分模版.xlsx",
                    withoutRow(withEmptyH2, H2));
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
            assertThat(uploaded.json().path("rows").asInt()).isEqualTo(1);

            // the other district's bureau scores H3; its template holds H3 only
            byte[] otherTemplate = http.get(BATCH + "/assessment-template.xlsx", otherBureau).body();
            assertThat(XlsxCells.of(otherTemplate)).hasSize(2);
            Answer other = http.upload(BATCH + "/assessment-scores", otherBureau, "t.xlsx",
                    fill(otherTemplate, Map.of(H3, 80.0)));
            assertThat(other.status()).as(other.text()).isEqualTo(200);

            // a re-export is prefilled with the current scores
            List<List<String>> again = XlsxCells.of(http.get(BATCH + "/assessment-template.xlsx", bureau).body());
            assertThat(again.get(1)).containsExactly(H1, "武汉市江岸区人民医院", D1, "江岸区", "2", "95.5", "92");
            JsonNode listed = http.get(BATCH + "/institutions", bureau).json();
            assertThat(listed.path("items").get(0).path("assessmentScore").decimalValue()).isEqualByComparingTo("92");
            assertThat(listed.path("items").get(1).path("assessed").asBoolean()).isFalse();

            // the window closes: the status says so and filing is refused; finalising is not tied to the window
            clock.advance(Duration.ofHours(1));
            assertThat(http.get(BATCH, inst).json().path("status").asText()).isEqualTo("CLOSED");
            Answer late = http.putJson(BATCH + "/self-assessment", inst, Map.of("score", 99));
            assertThat(late.status()).as(late.text()).isEqualTo(409);
            assertThat(late.code()).isEqualTo("WINDOW_CLOSED");
            Answer finalised = http.postJson(BATCH + "/finalise", admin, Map.of());
            assertThat(finalised.status()).as(finalised.text()).isEqualTo(200);
            assertThat(finalised.json().path("status").asText()).isEqualTo("FINALISED");
            assertThat(finalised.json().path("round").asInt()).isEqualTo(1);
            Answer twice = http.postJson(BATCH + "/finalise", admin, Map.of());
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.code()).isEqualTo("ALREADY_FINALISED");

            // the institution: its own amount, RETENTION.md's worked example
            JsonNode own = http.get(BATCH + "/amounts", inst).json();
            assertThat(own.path("total").asLong()).isEqualTo(1);
            assertThat(own.path("finalised").asBoolean()).isTrue();
            JsonNode h1 = own.path("items").get(0);
            assertThat(h1.path("institutionCode").asText()).isEqualTo(H1);
            assertThat(h1.path("budget").decimalValue()).isEqualByComparingTo("26000.00");
            assertThat(h1.path("actual").decimalValue()).isEqualByComparingTo("11000.00");
            assertThat(h1.path("surplus").decimalValue()).isEqualByComparingTo("15000.00");
            assertThat(h1.path("assessed").asBoolean()).isTrue();
            assertThat(h1.path("assessmentScore").decimalValue()).isEqualByComparingTo("92");
            assertThat(h1.path("factor").decimalValue()).isEqualByComparingTo("0.92");
            assertThat(h1.path("retained").decimalValue()).isEqualByComparingTo("6900.00");
            assertThat(h1.path("employeePart").decimalValue()).isEqualByComparingTo("4830.00");
            assertThat(h1.path("residentPart").decimalValue()).isEqualByComparingTo("2070.00");
            assertThat(h1.path("round").asInt()).isEqualTo(1);
            assertThat(h1.path("districtName").asText()).isEqualTo("江岸区");
            assertThat(own.path("retained").decimalValue()).isEqualByComparingTo("6900.00");
            assertThat(http.get(BATCH + "/amounts?institution=" + H3, inst).code()).as("another institution's row")
                    .isEqualTo("OUT_OF_SCOPE");

            Answer detail = http.get(BATCH + "/amounts/" + H1, inst);
            assertThat(detail.status()).as(detail.text()).isEqualTo(200);
            JsonNode d = detail.json();
            assertThat(d.path("amount").path("retained").decimalValue()).isEqualByComparingTo("6900.00");
            assertThat(d.path("parameters").path("retentionRatio").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(d.path("parameters").path("passingScore").decimalValue()).isEqualByComparingTo("60");
            assertThat(d.path("parameters").path("scoreScale").asText()).isEqualTo("LINEAR");
            assertThat(d.path("employeeShare").decimalValue()).isEqualByComparingTo("0.7");
            Map<String, JsonNode> varieties = new HashMap<>();
            d.path("varieties").forEach(v -> varieties.put(v.path("variety").asText(), v));
            assertThat(varieties).containsOnlyKeys("阿托伐他汀钙片", "氨氯地平片");
            JsonNode atorvastatin = varieties.get("阿托伐他汀钙片");
            assertThat(atorvastatin.path("budget").decimalValue()).isEqualByComparingTo("20000.00");
            assertThat(atorvastatin.path("actual").decimalValue()).isEqualByComparingTo("4000.00");
            assertThat(atorvastatin.path("surplus").decimalValue()).isEqualByComparingTo("16000.00");
            assertThat(atorvastatin.path("completionRate").decimalValue()).isEqualByComparingTo("0.6");
            assertThat(atorvastatin.path("retainedShare").decimalValue()).isEqualByComparingTo("7360");
            JsonNode amlodipine = varieties.get("氨氯地平片");
            assertThat(amlodipine.path("budget").decimalValue()).isEqualByComparingTo("6000.00");
            assertThat(amlodipine.path("actual").decimalValue()).isEqualByComparingTo("7000.00");
            assertThat(amlodipine.path("surplus").decimalValue()).isEqualByComparingTo("-1000.00");
            assertThat(amlodipine.path("retainedShare").decimalValue()).isEqualByComparingTo("-460");
            Answer another = http.get(BATCH + "/amounts/" + H2, inst);
            assertThat(another.status()).isEqualTo(404);
            assertThat(another.code()).isEqualTo("UNKNOWN_INSTITUTION");

            // 导出 品种详情: the JSON's per-variety rows, typed cells, and a 合计 row with the institution's amount
            Answer varietiesXlsx = http.get(BATCH + "/amounts/" + H1 + ".xlsx", inst);
            assertThat(varietiesXlsx.status()).as(varietiesXlsx.text()).isEqualTo(200);
            assertThat(varietiesXlsx.contentType()).isEqualTo(XlsxDownload.CONTENT_TYPE);
            List<List<String>> rows = XlsxCells.of(varietiesXlsx.body());
            List<String> columns = rows.get(0);
            assertThat(columns).isEqualTo(VarietiesSheet.TITLES);
            assertThat(columns).contains("品种名称", "约定采购量", "集采前单价", "预算金额(元)", "实际发生额(元)", "结余金额(元)",
                    "约定采购量完成率", "结余留用金额(元)");
            assertThat(rows).hasSize(1 + 2 + 1);
            List<String> atorvastatinRow = rows.stream()
                    .filter(r -> r.get(columns.indexOf("品种名称")).equals("阿托伐他汀钙片")).findFirst().orElseThrow();
            assertThat(atorvastatinRow.get(columns.indexOf("机构编码"))).isEqualTo(H1);
            assertThat(atorvastatinRow.get(columns.indexOf("区县名称"))).isEqualTo("江岸区");
            assertThat(atorvastatinRow.get(columns.indexOf("约定采购量"))).isEqualTo("10000");
            assertThat(atorvastatinRow.get(columns.indexOf("集采前单价"))).isEqualTo("2");
            assertThat(atorvastatinRow.get(columns.indexOf("预算金额(元)"))).isEqualTo("20000");
            assertThat(atorvastatinRow.get(columns.indexOf("实际发生额(元)"))).isEqualTo("4000");
            assertThat(atorvastatinRow.get(columns.indexOf("结余金额(元)"))).isEqualTo("16000");
            assertThat(atorvastatinRow.get(columns.indexOf("约定采购量完成率"))).isEqualTo("0.6");
            assertThat(atorvastatinRow.get(columns.indexOf("结余留用金额(元)"))).isEqualTo("7360");
            List<String> varietiesTotal = rows.get(3);
            assertThat(varietiesTotal.get(0)).isEqualTo("合计");
            assertThat(varietiesTotal.get(columns.indexOf("约定采购量"))).isEqualTo("15000");
            assertThat(varietiesTotal.get(columns.indexOf("预算金额(元)"))).isEqualTo("26000");
            assertThat(varietiesTotal.get(columns.indexOf("结余金额(元)"))).isEqualTo("15000");
            assertThat(varietiesTotal.get(columns.indexOf("结余留用金额(元)"))).isEqualTo("6900");
            XSSFSheet typed = XlsxCells.sheet(varietiesXlsx.body());
            assertThat(typed.getPaneInformation().isFreezePane()).isTrue();
            Row firstVariety = typed.getRow(1);
            assertThat(firstVariety.getCell(columns.indexOf("机构编码")).getCellType()).isEqualTo(CellType.STRING);
            assertThat(firstVariety.getCell(columns.indexOf("所属区县")).getCellType()).isEqualTo(CellType.STRING);
            Cell agreed = firstVariety.getCell(columns.indexOf("约定采购量"));
            assertThat(agreed.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(XlsxCells.stored(agreed)).doesNotContain(".");
            Cell budget = firstVariety.getCell(columns.indexOf("预算金额(元)"));
            assertThat(budget.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(new DataFormatter().formatCellValue(budget)).endsWith(".00");
            assertThat(http.get(BATCH + "/amounts/" + H2 + ".xlsx", inst).code()).isEqualTo("UNKNOWN_INSTITUTION");

            // its bureau: both institutions of the district, H2 未考核
            JsonNode district = http.get(BATCH + "/amounts", bureau).json();
            assertThat(district.path("total").asLong()).isEqualTo(2);
            JsonNode h2 = district.path("items").get(1);
            assertThat(h2.path("institutionCode").asText()).isEqualTo(H2);
            assertThat(h2.path("assessed").asBoolean()).isFalse();
            assertThat(h2.path("assessmentScore").isNull()).isTrue();
            assertThat(h2.path("surplus").decimalValue()).isEqualByComparingTo("2000.00");
            assertThat(h2.path("retained").decimalValue()).isEqualByComparingTo("0.00");
            assertThat(district.path("budget").decimalValue()).isEqualByComparingTo("29000.00");
            assertThat(district.path("surplus").decimalValue()).isEqualByComparingTo("17000.00");
            assertThat(district.path("retained").decimalValue()).isEqualByComparingTo("6900.00");
            assertThat(http.get(BATCH + "/amounts/" + H1, bureau).json().path("amount").path("employeePart")
                    .decimalValue()).isEqualByComparingTo("4830.00");
            Answer bureauVarieties = http.get(BATCH + "/amounts/" + H1 + ".xlsx", bureau);
            assertThat(bureauVarieties.status()).as(bureauVarieties.text()).isEqualTo(200);
            assertThat(XlsxCells.of(bureauVarieties.body())).isEqualTo(rows);

            // another district's bureau sees nothing of H1: asking for it is refused, and its detail is "unknown"
            Answer elsewhere = http.get(BATCH + "/amounts?institution=" + H1, otherBureau);
            assertThat(elsewhere.status()).isEqualTo(403);
            assertThat(elsewhere.code()).isEqualTo("OUT_OF_SCOPE");
            Answer hidden = http.get(BATCH + "/amounts/" + H1, otherBureau);
            assertThat(hidden.status()).isEqualTo(404);
            assertThat(hidden.code()).isEqualTo("UNKNOWN_INSTITUTION");
            Answer hiddenVarieties = http.get(BATCH + "/amounts/" + H1 + ".xlsx", otherBureau);
            assertThat(hiddenVarieties.status()).isEqualTo(404);
            assertThat(hiddenVarieties.contentType()).startsWith("application/problem+json");
            assertThat(hiddenVarieties.code()).isEqualTo("UNKNOWN_INSTITUTION");
            assertThat(hidden.json().path("detail").asText())
                    .isEqualTo(http.get(BATCH + "/amounts/H00000000000", otherBureau).json().path("detail")
                            .asText().replace("H00000000000", H1));
            JsonNode h3 = http.get(BATCH + "/amounts", otherBureau).json();
            assertThat(h3.path("total").asLong()).isEqualTo(1);
            assertThat(h3.path("items").get(0).path("retained").decimalValue()).isEqualByComparingTo("800.00");
            assertThat(h3.path("items").get(0).path("employeePart").decimalValue()).isEqualByComparingTo("480.00");
            assertThat(h3.path("items").get(0).path("residentPart").decimalValue()).isEqualByComparingTo("320.00");

            // the analyst: everything, and the summary per district
            JsonNode all = http.get(BATCH + "/amounts", analyst).json();
            assertThat(all.path("total").asLong()).isEqualTo(3);
            assertThat(all.path("retained").decimalValue()).isEqualByComparingTo("7700.00");
            assertThat(http.get(BATCH + "/amounts/" + H1, analyst).json().path("amount").path("retained")
                    .decimalValue()).isEqualByComparingTo("6900.00");
            assertThat(XlsxCells.of(http.get(BATCH + "/amounts/" + H1 + ".xlsx", analyst).body())).isEqualTo(rows);
            JsonNode summary = http.get("/api/v1/analytics/retention-summary?batch=" + CODE, analyst).json();
            assertThat(summary.path("items").size()).isEqualTo(2);
            JsonNode s1 = summary.path("items").get(0);
            assertThat(s1.path("district").asText()).isEqualTo(D1);
            assertThat(s1.path("districtName").asText()).isEqualTo("江岸区");
            assertThat(s1.path("institutions").asLong()).isEqualTo(2);
            assertThat(s1.path("budget").decimalValue()).isEqualByComparingTo("29000.00");
            assertThat(s1.path("surplus").decimalValue()).isEqualByComparingTo("17000.00");
            assertThat(s1.path("retained").decimalValue()).isEqualByComparingTo("6900.00");
            assertThat(summary.path("items").get(1).path("retained").decimalValue()).isEqualByComparingTo("800.00");
            Answer summaryXlsx = http.get("/api/v1/analytics/retention-summary.xlsx?batch=" + CODE, analyst);
            assertThat(summaryXlsx.status()).isEqualTo(200);
            List<List<String>> summarySheet = XlsxCells.of(summaryXlsx.body());
            assertThat(summarySheet.get(0)).isEqualTo(RetentionAnalyticsController.SUMMARY_TITLES);
            assertThat(summarySheet.get(1)).containsExactly(CODE, D1, "江岸区", "2", "29000", "17000", "6900");
            assertThat(summarySheet.get(3)).containsExactly("合计", "", "", "3", "32000", "19000", "7700");
            assertThat(http.get("/api/v1/analytics/retention-summary.xlsx", bureau).status()).isEqualTo(403);

            // 导出 医疗机构结余金额: the bureau's rows, 未考核, and the 合计 row
            Answer xlsx = http.get(BATCH + "/amounts.xlsx", bureau);
            assertThat(xlsx.status()).isEqualTo(200);
            List<List<String>> sheet = XlsxCells.of(xlsx.body());
            List<String> titles = sheet.get(0);
            assertThat(titles).isEqualTo(RetainedAmountsSheet.TITLES);
            assertThat(sheet).hasSize(1 + 2 + 1);
            List<String> r1 = sheet.get(1);
            assertThat(r1.get(titles.indexOf("机构编码"))).isEqualTo(H1);
            assertThat(r1.get(titles.indexOf("区县名称"))).isEqualTo("江岸区");
            assertThat(titles.indexOf("区县名称")).isEqualTo(titles.indexOf("所属区县") + 1);
            assertThat(r1.get(titles.indexOf("预算金额(元)"))).isEqualTo("26000");
            assertThat(r1.get(titles.indexOf("结余金额(元)"))).isEqualTo("15000");
            assertThat(r1.get(titles.indexOf("医保考核评分"))).isEqualTo("92");
            assertThat(r1.get(titles.indexOf("考核系数"))).isEqualTo("0.92");
            assertThat(r1.get(titles.indexOf("结余留用金额(元)"))).isEqualTo("6900");
            assertThat(r1.get(titles.indexOf("职保(元)"))).isEqualTo("4830");
            assertThat(r1.get(titles.indexOf("居保(元)"))).isEqualTo("2070");
            assertThat(sheet.get(2).get(titles.indexOf("医保考核评分"))).isEqualTo("未考核");
            assertThat(sheet.get(2).get(titles.indexOf("结余留用金额(元)"))).isEqualTo("0");
            List<String> total = sheet.get(3);
            assertThat(total.get(0)).isEqualTo("合计");
            assertThat(total.get(titles.indexOf("预算金额(元)"))).isEqualTo("29000");
            assertThat(total.get(titles.indexOf("结余留用金额(元)"))).isEqualTo("6900");
            assertThat(XlsxCells.of(http.get(BATCH + "/amounts.xlsx", inst).body())).as("the institution's own")
                    .hasSize(1 + 1 + 1);
            assertThat(XlsxCells.of(http.get(BATCH + "/amounts.xlsx", analyst).body()).get(4)
                    .get(titles.indexOf("结余留用金额(元)"))).isEqualTo("7700");

            // an explicit recalculation: round 2, the same inputs, the same figures
            Answer recalculated = http.postJson(BATCH + "/recalculate", admin, Map.of("reason", "复核后重新计算"));
            assertThat(recalculated.status()).as(recalculated.text()).isEqualTo(200);
            assertThat(recalculated.json().path("round").asInt()).isEqualTo(2);
            JsonNode round2 = http.get(BATCH + "/amounts/" + H1, inst).json().path("amount");
            assertThat(round2.path("round").asInt()).isEqualTo(2);
            assertThat(round2.path("retained").decimalValue()).isEqualByComparingTo("6900.00");
        }
    }

    /** The exported template with 医保考核评分 filled in for the given institutions, as a bureau would in Excel. */
    private static byte[] fill(byte[] template, Map<String, Double> scores) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet sheet = workbook.getSheetAt(0);
            int scoreColumn = AssessmentTemplateFile.TITLES.indexOf(AssessmentTemplateFile.ASSESSMENT_SCORE);
            for (Row row : sheet) {
                Double score = row.getRowNum() == 0 ? null : scores.get(row.getCell(0).getStringCellValue());
                if (score != null) {
                    row.createCell(scoreColumn).setCellValue(score);
                }
            }
            return write(workbook);
        }
    }

    /** The file without the row of {@code institution} (deleted in Excel: a blank row is left). */
    private static byte[] withoutRow(byte[] xlsx, String institution) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            Row found = null;
            for (Row row : sheet) {
                if (row.getRowNum() > 0 && institution.equals(row.getCell(0).getStringCellValue())) {
                    found = row;
                }
            }
            assertThat(found).isNotNull();
            sheet.removeRow(found);
            return write(workbook);
        }
    }

    private static byte[] write(XSSFWorkbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
