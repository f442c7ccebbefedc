package com.vbp.gateway.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.vbp.gateway.allocation.AllocationFixture.BATCH;
import static com.vbp.gateway.allocation.AllocationFixture.BATCH_CODE;
import static com.vbp.gateway.allocation.AllocationFixture.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics endpoints and their xlsx exports on the real standalone application, after both institutions of
 * {@link AllocationFixture} have confirmed their lines (figures of {@link AllocationEndToEndTest}): H1 the selected
 * ZC00000011 (4800, 2469.12 甲), ZX00000099 on ZC00000021 (30000, 1416.67 天丙) and ZX00000098 on ZC00000011 (450,
 * 231.48 甲) and ZC00000012 (600, 333.33 乙); H2 the selected ZC00000012 (1200, 20 / 36 × 1200 = 666.67 乙).
 * By enterprise: 乙 1000.00, 天丙 1416.67, 甲 2700.60; total 5117.27. Analysts and the administrator read
 * analytics; institutions, district bureaus and auditors do not.
 */
class AllocationAnalyticsControllerTest {

    private static final String ANALYTICS = "/api/v1/analytics/";
    private static final List<String> ENDPOINTS = List.of("contract-amounts", "contract-amounts.xlsx",
            "allocation-progress", "allocation-progress.xlsx");

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;
    private static Http http;
    private static AllocationFixture fx;
    private static String bureau;
    private static String auditor;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + AllocationFixture.ADMIN_PASSWORD);
        http = app.http();
        fx = new AllocationFixture(http, Integer.parseInt(app.bean(Environment.class)
                .getProperty("local.server.port"))).load();
        bureau = account("bureau-420102", "DISTRICT_BUREAU", "420102");
        auditor = account("auditor1", "AUDITOR", "CITY");
        ok(fx.post(BATCH + "/selected-lines/ZC00000011/confirm", fx.institution, null));
        ok(fx.put(BATCH + "/pending-lines/ZX00000099/allocation", fx.institution, entries("ZC00000021", 30000), null));
        ok(fx.post(BATCH + "/pending-lines/ZX00000099/confirm", fx.institution, null));
        ok(fx.put(BATCH + "/pending-lines/ZX00000098/allocation", fx.institution,
                entries("ZC00000011", 450, "ZC00000012", 600), null));
        ok(fx.post(BATCH + "/pending-lines/ZX00000098/confirm", fx.institution, null));
        ok(fx.post(BATCH + "/selected-lines/ZC00000012/confirm", fx.otherInstitution, null));
        ok(fx.post(BATCH + "/report", fx.otherInstitution, null));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void contract_amounts_by_enterprise_as_json_and_as_xlsx_with_numeric_figures_and_a_total_row() throws IOException {
        JsonNode json = ok(http.get(ANALYTICS + "contract-amounts?groupBy=enterprise&batch=" + BATCH_CODE,
                fx.analyst)).json();
        assertThat(json.path("totalAmount").decimalValue()).isEqualByComparingTo("5117.27");
        assertThat(json.path("items").get(2).path("key").asText()).isEqualTo("湖北甲制药有限公司");
        assertThat(json.path("items").get(2).path("contractAmount").decimalValue()).isEqualByComparingTo("2700.60");

        List<List<Cell>> sheet = sheet(ok(http.get(ANALYTICS + "contract-amounts.xlsx?groupBy=enterprise&batch="
                + BATCH_CODE, fx.analyst)));
        assertThat(texts(sheet.get(0))).containsExactly("企业名称", "合同量", "合同金额(元)", "合同条数");
        assertThat(sheet).hasSize(1 + 3 + 1);
        assertRow(sheet.get(1), "乙药业股份有限公司", 1800, "1000.00", 2);
        assertRow(sheet.get(2), "天丙医药集团", 30000, "1416.67", 1);
        assertRow(sheet.get(3), "湖北甲制药有限公司", 5250, "2700.60", 2);
        assertRow(sheet.get(4), "合计", 37050, "5117.27", 5);
        for (int r = 1; r < sheet.size(); r++) {
            assertThat(sheet.get(r).subList(1, 4)).as("row " + r + ": numbers, not text")
                    .allMatch(c -> c.getCellType() == CellType.NUMERIC);
        }
    }

    @Test
    void every_grouping_exports_the_rows_of_its_json_answer() throws IOException {
        for (String groupBy : List.of("enterprise", "productGroup", "institution", "district")) {
            for (String batch : List.of("&batch=" + BATCH_CODE, "")) {
                String query = "?groupBy=" + groupBy + batch;
                JsonNode json = ok(http.get(ANALYTICS + "contract-amounts" + query, fx.analyst)).json();
                List<List<Cell>> sheet = sheet(ok(http.get(ANALYTICS + "contract-amounts.xlsx" + query, fx.admin)));
                boolean named = !groupBy.equals("enterprise");
                int figures = named ? 2 : 1;
                assertThat(sheet).as(query).hasSize(1 + json.path("items").size() + 1);
                for (int i = 0; i < json.path("items").size(); i++) {
                    JsonNode item = json.path("items").get(i);
                    List<Cell> row = sheet.get(1 + i);
                    assertThat(row.get(0).getStringCellValue()).as(query).isEqualTo(item.path("key").asText());
                    if (named) {
                        assertThat(row.get(1).getStringCellValue()).isEqualTo(item.path("name").asText());
                    }
                    assertThat((long) row.get(figures).getNumericCellValue())
                            .isEqualTo(item.path("contractVolume").asLong());
                    assertThat(money(row.get(figures + 1))).isEqualByComparingTo(item.path("contractAmount").decimalValue());
                    assertThat((long) row.get(figures + 2).getNumericCellValue()).isEqualTo(item.path("lines").asLong());
                }
                assertThat(money(sheet.get(sheet.size() - 1).get(figures + 1))).as(query)
                        .isEqualByComparingTo(json.path("totalAmount").decimalValue());
            }
        }
        List<List<Cell>> byInstitution = sheet(ok(http.get(ANALYTICS + "contract-amounts.xlsx?groupBy=institution",
                fx.analyst)));
        assertThat(texts(byInstitution.get(0))).containsExactly("机构编码", "机构名称", "合同量", "合同金额(元)", "合同条数");
        assertThat(texts(byInstitution.get(1)).subList(0, 2)).containsExactly("H42010200001", "武汉市江岸区人民医院");
        assertThat(money(byInstitution.get(1).get(3))).isEqualTo(new BigDecimal("4450.60"));
        assertThat(money(byInstitution.get(2).get(3))).isEqualTo(new BigDecimal("666.67"));
        assertThat(texts(sheet(ok(http.get(ANALYTICS + "contract-amounts.xlsx?groupBy=productGroup", fx.analyst)))
                .get(0))).containsExactly("产品组编码", "产品组名称", "合同量", "合同金额(元)", "合同条数");
        assertThat(texts(sheet(ok(http.get(ANALYTICS + "contract-amounts.xlsx?groupBy=district", fx.analyst)))
                .get(0))).containsExactly("所属区县", "区县名称", "合同量", "合同金额(元)", "合同条数");
        JsonNode byDistrict = ok(http.get(ANALYTICS + "contract-amounts?groupBy=district", fx.analyst)).json();
        assertThat(byDistrict.path("items").get(0).path("key").asText()).isEqualTo("420102");
        assertThat(byDistrict.path("items").get(0).path("name").asText()).isEqualTo("江岸区");
    }

    @Test
    void allocation_progress_as_json_and_as_xlsx() throws IOException {
        JsonNode batch = ok(http.get(ANALYTICS + "allocation-progress", fx.analyst)).json().path("items").get(0);
        assertThat(batch.path("lines").asLong()).isEqualTo(4);
        assertThat(batch.path("linesConfirmed").asLong()).isEqualTo(4);
        assertThat(batch.path("institutionsReported").asLong()).isEqualTo(1);
        assertThat(batch.path("volumeAllocated").decimalValue()).isEqualByComparingTo("9900");

        List<List<Cell>> sheet = sheet(ok(http.get(ANALYTICS + "allocation-progress.xlsx?batch=" + BATCH_CODE,
                fx.analyst)));
        assertThat(texts(sheet.get(0))).containsExactly("批次编码", "需求行数", "已确认行数", "医疗机构数", "已上报机构数",
                "待分配量", "已分配量");
        assertThat(sheet).hasSize(2);
        assertThat(texts(sheet.get(1))).containsExactly(BATCH_CODE, "4", "4", "2", "1", "9900", "9900");
        assertThat(sheet.get(1).subList(1, 7)).allMatch(c -> c.getCellType() == CellType.NUMERIC);
        assertThat(sheet(ok(http.get(ANALYTICS + "allocation-progress.xlsx?batch=NOPE", fx.admin)))).hasSize(1);
    }

    @Test
    void analysts_and_the_administrator_read_analytics_institutions_bureaus_and_auditors_do_not() {
        for (String endpoint : ENDPOINTS) {
            assertThat(http.get(ANALYTICS + endpoint, fx.analyst).status()).as(endpoint).isEqualTo(200);
            assertThat(http.get(ANALYTICS + endpoint, fx.admin).status()).as(endpoint).isEqualTo(200);
            for (String token : List.of(fx.institution, bureau, auditor)) {
                Answer refused = http.get(ANALYTICS + endpoint, token);
                assertThat(refused.status()).as(endpoint).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("FORBIDDEN");
            }
            assertThat(http.get(ANALYTICS + endpoint, null).status()).isEqualTo(401);
        }
    }

    @Test
    void an_unknown_grouping_is_refused_before_any_file_is_written() {
        Answer refused = http.get(ANALYTICS + "contract-amounts.xlsx?groupBy=colour", fx.analyst);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
    }

    // ---- helpers ----

    private static String account(String username, String role, String organisation) {
        ok(http.postJson("/api/v1/admin/accounts", fx.admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", "Init2026pass")));
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", "Init2026pass")).json().path("token").asText();
        return http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Init2026pass",
                "newPassword", "Next2026pass")).json().path("token").asText();
    }

    private static Answer ok(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isBetween(200, 299);
        return answer;
    }

    /** Every row of the first sheet, every cell up to the row's last (missing cells as blank ones). */
    private static List<List<Cell>> sheet(Answer xlsx) throws IOException {
        assertThat(xlsx.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        List<List<Cell>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            for (Row row : sheet) {
                List<Cell> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(row.getCell(c, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<String> texts(List<Cell> row) {
        return row.stream().map(c -> c.getCellType() == CellType.NUMERIC
                ? new BigDecimal(String.valueOf(c.getNumericCellValue())).stripTrailingZeros().toPlainString()
                : c.getStringCellValue()).toList();
    }

    /** A money cell read back as yuan with two decimals; it must hold no more than the fen. */
    private static BigDecimal money(Cell cell) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        BigDecimal exact = new BigDecimal(String.valueOf(cell.getNumericCellValue()));
        assertThat(exact.stripTrailingZeros().scale()).as("at most two decimals").isLessThanOrEqualTo(2);
        return exact.setScale(2);
    }

    private static void assertRow(List<Cell> row, String key, long volume, String amount, long lines) {
        assertThat(row.get(0).getStringCellValue()).isEqualTo(key);
        assertThat((long) row.get(1).getNumericCellValue()).isEqualTo(volume);
        assertThat(money(row.get(2))).isEqualTo(new BigDecimal(amount));
        assertThat((long) row.get(2 + 1).getNumericCellValue()).isEqualTo(lines);
    }
}
