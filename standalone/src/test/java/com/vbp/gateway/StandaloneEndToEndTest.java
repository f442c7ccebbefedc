package com.vbp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The foundation end to end on the real standalone application: log in, change the initial password,
 * create a batch, upload both files, read the supply list and its xlsx export, restart on the same
 * data directory and read the same data again.
 */
class StandaloneEndToEndTest {

    private static final String BATCH = "/api/v1/procurement/batches/E2E-2026";

    @TempDir
    Path dataDir;

    @Test
    void the_foundation_works_end_to_end_and_survives_a_restart() throws IOException {
        String adminToken;
        String institutionToken;
        JsonNode supplyBefore;
        try (StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass")) {
            Http http = app.http();

            Answer anonymous = http.get("/api/v1/me", null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
            assertThat(http.get("/v3/api-docs", null).status()).isEqualTo(200);

            Answer wrong = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", "nope"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
            assertThat(http.postJson("/api/v1/auth/login", null, Map.of("username", "nobody", "password", "x"))
                    .code()).isEqualTo("BAD_CREDENTIALS");

            Answer first = http.postJson("/api/v1/auth/login", null,
                    Map.of("username", "admin", "password", "Start2026pass"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().path("mustChangePassword").asBoolean()).isTrue();
            String initialToken = first.json().path("token").asText();

            Answer gated = http.get("/api/v1/procurement/batches", initialToken);
            assertThat(gated.status()).isEqualTo(403);
            assertThat(gated.code()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
            assertThat(gated.json().path("detail").asText()).contains("initial password");
            assertThat(http.get("/api/v1/me", initialToken).json().path("mustChangePassword").asBoolean()).isTrue();

            Answer weak = http.postJson("/api/v1/auth/password", initialToken,
                    Map.of("oldPassword", "Start2026pass", "newPassword", "short1"));
            assertThat(weak.status()).isEqualTo(422);
            assertThat(weak.code()).isEqualTo("PASSWORD_POLICY");
            Answer changed = http.postJson("/api/v1/auth/password", initialToken,
                    Map.of("oldPassword", "Start2026pass", "newPassword", "Admin2026new"));
            assertThat(changed.status()).isEqualTo(200);
            adminToken = changed.json().path("token").asText();
            assertThat(http.get("/api/v1/me", initialToken).status())
                    .as("a password change revokes earlier tokens").isEqualTo(401);
            assertThat(http.get("/api/v1/me", adminToken).json().path("role").asText()).isEqualTo("ADMIN");

            Answer created = http.postJson("/api/v1/procurement/batches", adminToken, Map.of("code", "E2E-2026",
                    "name", "端到端测试批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                    "allocationClosesAt", "2099-12-31T00:00:00Z"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().path("status").asText()).isEqualTo("OPEN");
            assertThat(http.postJson("/api/v1/procurement/batches", adminToken, Map.of("code", "E2E-2026",
                    "name", "again", "allocationOpensAt", "2026-01-01T00:00:00Z",
                    "allocationClosesAt", "2099-12-31T00:00:00Z")).code()).isEqualTo("BATCH_EXISTS");
            assertThat(http.postJson("/api/v1/procurement/batches", adminToken, Map.of("code", "X"))
                    .code()).isEqualTo("INVALID_REQUEST");

            // Idempotency-Key on any POST: a retried creation answers the first 201, not BATCH_EXISTS.
            Http once = http.withHeader("Idempotency-Key", "create-E2E-2");
            Map<String, String> second = Map.of("code", "E2E-2", "name", "第二批", "allocationOpensAt",
                    "2026-01-01T00:00:00Z", "allocationClosesAt", "2099-12-31T00:00:00Z");
            Answer firstCreate = once.postJson("/api/v1/procurement/batches", adminToken, second);
            Answer retried = once.postJson("/api/v1/procurement/batches", adminToken, second);
            assertThat(firstCreate.status()).isEqualTo(201);
            assertThat(retried.status()).isEqualTo(201);
            assertThat(retried.replayed()).isEqualTo("true");
            assertThat(retried.text()).isEqualTo(firstCreate.text());
            assertThat(once.postJson("/api/v1/procurement/batches", adminToken, Map.of("code", "E2E-3", "name", "x",
                    "allocationOpensAt", "2026-01-01T00:00:00Z", "allocationClosesAt", "2099-12-31T00:00:00Z"))
                    .code()).as("the same key for another body").isEqualTo("IDEMPOTENCY_KEY_REUSED");

            Answer tooEarly = http.upload(BATCH + "/demands", adminToken, "demands.xlsx",
                    SmallBatch.demandXlsx(SmallBatch.DEMANDS));
            assertThat(tooEarly.status()).isEqualTo(409);
            assertThat(tooEarly.code()).isEqualTo("CATALOGUE_MISSING");

            Answer notExcel = http.upload(BATCH + "/catalogue", adminToken, "catalogue.xlsx",
                    "药品统一编码,品种名称\n".getBytes(StandardCharsets.UTF_8));
            assertThat(notExcel.status()).isEqualTo(400);
            assertThat(notExcel.code()).isEqualTo("NOT_XLSX");

            // A file written by openpyxl: bad cells on rows 3-5 and a duplicate drug code on row 6, in one answer.
            byte[] badCells;
            try (var in = getClass().getResourceAsStream("/excel/openpyxl/catalogue-with-bad-cells.xlsx")) {
                badCells = in.readAllBytes();
            }
            Answer badCatalogue = http.upload(BATCH + "/catalogue", adminToken, "catalogue.xlsx", badCells);
            assertThat(badCatalogue.status()).as(badCatalogue.text()).isEqualTo(400);
            assertThat(badCatalogue.code()).isEqualTo("INVALID_ROWS");
            assertThat(badCatalogue.json().path("rows").valueStream()
                    .map(p -> p.path("row").asInt() + " " + p.path("column").asText() + " " + p.path("code").asText()))
                    .containsExactly("3 包装中选价(元) DATE_NOT_NUMBER", "4 最大产能 BOOLEAN_NOT_NUMBER",
                            "5 包装中选价(元) CELL_ERROR", "6 药品统一编码 DUPLICATE");

            Http uploadOnce = http.withHeader("Idempotency-Key", "catalogue-1");
            byte[] catalogueFile = SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE);
            Answer catalogue = uploadOnce.upload(BATCH + "/catalogue", adminToken, "catalogue.xlsx", catalogueFile);
            assertThat(catalogue.status()).as(catalogue.text()).isEqualTo(200);
            Answer catalogueAgain = uploadOnce.upload(BATCH + "/catalogue", adminToken, "catalogue.xlsx",
                    catalogueFile);
            assertThat(catalogueAgain.replayed()).as("the same file again, with a new multipart boundary")
                    .isEqualTo("true");
            assertThat(catalogueAgain.text()).isEqualTo(catalogue.text());

            var unknownGroup = new ArrayList<>(SmallBatch.DEMANDS);
            unknownGroup.set(1, new com.vbp.events.procurement.ProcurementCommands.DemandRow(3, "H42010200001",
                    "武汉市江岸区人民医院", "420102", "G9", com.vbp.events.procurement.ProcurementCommands.DemandKind.PENDING,
                    "ZX00000099", "丹参片", "某非中选药厂", com.vbp.events.common.Volume.of(9000),
                    com.vbp.events.common.DailyUsage.of("9")));
            var noKind = SmallBatch.DEMANDS.get(2);
            unknownGroup.set(2, new com.vbp.events.procurement.ProcurementCommands.DemandRow(4, noKind.institutionCode(),
                    noKind.institutionName(), noKind.district(), noKind.groupCode(), null, noKind.drugCode(),
                    noKind.variety(), noKind.enterprise(), noKind.volume(), noKind.dailyUsage()));
            Answer badRows = http.upload(BATCH + "/demands", adminToken, "demands.xlsx",
                    SmallBatch.demandXlsx(unknownGroup));
            assertThat(badRows.status()).isEqualTo(400);
            assertThat(badRows.code()).isEqualTo("INVALID_ROWS");
            assertThat(badRows.json().path("rows").get(0).path("row").asInt()).isEqualTo(3);
            assertThat(badRows.json().path("rows").get(0).path("column").asText()).isEqualTo("产品组编码");
            assertThat(badRows.json().path("rows").get(0).path("code").asText()).isEqualTo("UNKNOWN_GROUP");
            assertThat(badRows.json().path("rows").get(1).path("row").asInt())
                    .as("a bad cell on another row, in the same answer").isEqualTo(4);
            assertThat(badRows.json().path("rows").get(1).path("column").asText()).isEqualTo("需求类型");
            assertThat(badRows.json().path("rows").get(1).path("code").asText()).isEqualTo("MISSING");
            assertThat(badRows.json().path("rows").size()).isEqualTo(2);
            assertThat(http.get(BATCH + "/supply-list", adminToken).json().path("total").asLong())
                    .as("a refused file leaves nothing behind").isZero();

            Answer demands = http.upload(BATCH + "/demands", adminToken, "demands.xlsx",
                    SmallBatch.demandXlsx(SmallBatch.DEMANDS));
            assertThat(demands.status()).as(demands.text()).isEqualTo(200);

            JsonNode batch = http.get(BATCH, adminToken).json();
            assertThat(batch.path("productCount").asInt()).isEqualTo(3);
            assertThat(batch.path("institutionCount").asInt()).isEqualTo(2);
            assertThat(batch.path("demandLineCount").asInt()).isEqualTo(3);

            supplyBefore = http.get(BATCH + "/supply-list", adminToken).json();
            assertThat(supplyBefore.path("total").asLong()).isEqualTo(5);
            JsonNode firstRow = supplyBefore.path("items").get(0);
            assertThat(firstRow.path("institutionCode").asText()).isEqualTo("H42010200001");
            assertThat(firstRow.path("district").asText()).isEqualTo("420102");
            assertThat(firstRow.path("districtName").asText()).isEqualTo("江岸区");
            assertThat(firstRow.path("drugCode").asText()).isEqualTo("ZC00000011");
            assertThat(firstRow.path("packagePrice").decimalValue()).isEqualByComparingTo("12.3456");
            assertThat(firstRow.path("agreedVolume").asLong()).isEqualTo(4800);
            assertThat(http.get(BATCH + "/supply-list?enterprise=乙药业", adminToken).json().path("total").asLong())
                    .isEqualTo(2);
            assertThat(http.get(BATCH + "/supply-list?size=501", adminToken).code()).isEqualTo("INVALID_PAGE");
            assertThat(http.get("/api/v1/procurement/batches/NOPE/supply-list", adminToken).code())
                    .isEqualTo("UNKNOWN_BATCH");

            List<List<String>> sheet = cells(http.get(BATCH + "/supply-list.xlsx", adminToken).body());
            assertThat(sheet).hasSize(1 + 5);
            assertThat(sheet.get(0)).contains("机构编码", "药品统一编码", "包装中选价(元)", "约定采购量");
            int price = sheet.get(0).indexOf("包装中选价(元)");
            int agreed = sheet.get(0).indexOf("约定采购量");
            assertThat(sheet.get(1).get(price)).isEqualTo("12.3456");
            assertThat(sheet.get(1).get(agreed)).isEqualTo("4800");
            assertThat(sheet.get(1).get(sheet.get(0).indexOf("区县名称"))).isEqualTo("江岸区");

            Answer account = http.postJson("/api/v1/admin/accounts", adminToken, Map.of("username", "inst-h1",
                    "role", "INSTITUTION", "organisation", "H42010200001", "initialPassword", "Hosp2026init"));
            assertThat(account.status()).as(account.text()).isEqualTo(201);
            assertThat(account.json().path("district").asText()).isEqualTo("420102");
            assertThat(http.postJson("/api/v1/admin/accounts", adminToken, Map.of("username", "inst-x",
                    "role", "INSTITUTION", "organisation", "NOWHERE", "initialPassword", "Hosp2026init"))
                    .code()).isEqualTo("UNKNOWN_ORGANISATION");
            String initial = http.postJson("/api/v1/auth/login", null,
                    Map.of("username", "inst-h1", "password", "Hosp2026init")).json().path("token").asText();
            institutionToken = http.postJson("/api/v1/auth/password", initial,
                    Map.of("oldPassword", "Hosp2026init", "newPassword", "Hosp2026next")).json().path("token").asText();
            Answer other = http.get(BATCH + "/supply-list?institution=H42010300002", institutionToken);
            assertThat(other.status()).as("another institution's rows are refused, not narrowed").isEqualTo(403);
            assertThat(other.code()).isEqualTo("OUT_OF_SCOPE");
            JsonNode own = http.get(BATCH + "/supply-list", institutionToken).json();
            assertThat(own.path("total").asLong()).as("an institution sees only its own rows").isEqualTo(3);
            own.path("items").forEach(r -> assertThat(r.path("institutionCode").asText()).isEqualTo("H42010200001"));
            Answer forbidden = http.upload(BATCH + "/catalogue", institutionToken, "c.xlsx",
                    SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE));
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
        }

        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            Http http = app.http();
            assertThat(http.get("/api/v1/me", institutionToken).status())
                    .as("tokens survive a restart: the signing key is kept in the data directory").isEqualTo(200);
            Answer login = http.postJson("/api/v1/auth/login", null,
                    Map.of("username", "admin", "password", "Admin2026new"));
            assertThat(login.status()).isEqualTo(200);
            assertThat(login.json().path("mustChangePassword").asBoolean()).isFalse();
            String token = login.json().path("token").asText();
            assertThat(http.get(BATCH + "/supply-list", token).json()).isEqualTo(supplyBefore);
            assertThat(cells(http.get(BATCH + "/supply-list.xlsx", token).body())).hasSize(6);
            assertThat(adminToken).isNotBlank();
        }
    }

    /** Every cell of the first sheet as text (numbers without a trailing ".0"). */
    static List<List<String>> cells(byte[] xlsx) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            org.apache.poi.ss.usermodel.DataFormatter format = new org.apache.poi.ss.usermodel.DataFormatter();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    var cell = row.getCell(c);
                    values.add(cell == null ? "" : cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                            ? new java.math.BigDecimal(String.valueOf(cell.getNumericCellValue())).stripTrailingZeros()
                            .toPlainString() : format.formatCellValue(cell));
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
