package com.vbp.gateway.retention;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.excel.AssessmentTemplateFile;
import com.vbp.gateway.excel.CalculationDataFile;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.gateway.support.XlsxCells;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * The retention endpoints on the real standalone application: role checks, request validation, files refused
 * whole with their rows, unknown batches, scoping by role, and what can be read before the batch is finalised.
 * The batch's reporting window is open for the whole test; the flow through finalising is
 * {@link RetentionEndToEndTest}'s.
 */
class RetentionEndpointsTest {

    private static final String CODE = "RET-EP-2026";
    private static final String BATCH = batchPath(CODE);
    private static final String BATCHES = "/api/v1/retention/batches";

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;
    private static Http http;
    private static RetentionFixture fx;
    private static String admin;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + RetentionFixture.ADMIN_PASSWORD);
        http = app.http();
        fx = new RetentionFixture(http).login();
        admin = fx.admin;
        Instant now = Instant.now();
        fx.createBatch(CODE, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        fx.uploadCalculationData(CODE);
        fx.accounts();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String t(String username) {
        return fx.token(username);
    }

    private static Answer assertProblem(Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.code()).as(a.text()).isEqualTo(code);
        return a;
    }

    private static Map<String, Object> batch(String code, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("code", code, "name", "批次", "reportingOpensAt",
                "2026-03-01T00:00:00Z", "reportingClosesAt", "2099-03-31T00:00:00Z"));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    @Test
    void a_batch_is_created_with_the_defaults_of_retention_md_and_listed_with_its_status() {
        JsonNode list = http.get(BATCHES, t("inst-h1")).json();
        JsonNode ep = null;
        for (JsonNode b : list) {
            if (b.path("code").asText().equals(CODE)) {
                ep = b;
            }
        }
        assertThat(ep).as(list.toString()).isNotNull();
        assertThat(ep.path("status").asText()).isEqualTo("OPEN");
        assertThat(ep.path("retentionRatio").decimalValue()).isEqualByComparingTo("0.50");
        assertThat(ep.path("passingScore").decimalValue()).isEqualByComparingTo("60");
        assertThat(ep.path("scoreScale").asText()).isEqualTo("LINEAR");
        assertThat(ep.path("institutionCount").asInt()).isEqualTo(3);
        assertThat(ep.path("finalised").asBoolean()).isFalse();
        assertThat(ep.path("round").asInt()).isZero();

        Answer later = http.postJson(BATCHES, admin, Map.of("code", "RET-LATER", "name", "下一年度",
                "reportingOpensAt", "2099-01-01T00:00:00Z", "reportingClosesAt", "2099-02-01T00:00:00Z",
                "retentionRatio", 0.4, "passingScore", 70.5, "scoreScale", "FULL_IF_PASSED"));
        assertThat(later.status()).as(later.text()).isEqualTo(201);
        assertThat(later.json().path("status").asText()).isEqualTo("NOT_OPEN");
        assertThat(later.json().path("retentionRatio").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(later.json().path("passingScore").decimalValue()).isEqualByComparingTo("70.5");
        assertThat(later.json().path("scoreScale").asText()).isEqualTo("FULL_IF_PASSED");
        assertThat(http.get(BATCHES + "/RET-LATER", t("analyst1")).json().path("name").asText())
                .isEqualTo("下一年度");

        assertProblem(http.postJson(BATCHES, admin, batch("RET-LATER")), 409, "BATCH_EXISTS");
        Answer procurement = http.postJson("/api/v1/procurement/batches", admin, Map.of("code", "SHARED-CODE",
                "name", "集采", "allocationOpensAt", "2026-01-01T00:00:00Z", "allocationClosesAt",
                "2099-12-31T00:00:00Z"));
        assertThat(procurement.status()).as(procurement.text()).isEqualTo(201);
        assertProblem(http.postJson(BATCHES, admin, batch("SHARED-CODE")), 409, "BATCH_EXISTS");
    }

    @Test
    void bodies_are_checked_before_any_command() {
        Map<String, Object> noName = batch("RET-X");
        noName.remove("name");
        for (Map<String, Object> bad : List.of(noName, batch("RET-X", "retentionRatio", 1.5),
                batch("RET-X", "retentionRatio", -0.1), batch("RET-X", "passingScore", 60.25),
                batch("RET-X", "passingScore", 101), batch("RET-X", "scoreScale", "CUBIC"),
                batch("RET-X", "reportingOpensAt", "soon"))) {
            assertProblem(http.postJson(BATCHES, admin, bad), 400, "INVALID_REQUEST");
        }
        assertThat(http.postJson(BATCHES, admin, batch("RET-X", "scoreScale", "CUBIC")).json().path("fields").get(0)
                .path("field").asText()).isEqualTo("scoreScale");
        assertProblem(http.postJson(BATCHES, admin, batch("RET-X", "reportingOpensAt", "2099-04-01T00:00:00Z")),
                422, "INVALID_WINDOW");
        assertProblem(http.postJson(BATCHES, admin, batch("bad code!")), 422, "INVALID_BATCH_CODE");
        assertProblem(http.get(BATCHES + "/RET-X", admin), 404, "UNKNOWN_BATCH");

        for (Object score : Arrays.asList(100.5, 92.25, -1, "很好")) {
            assertProblem(http.putJson(BATCH + "/self-assessment", t("inst-h1"), Map.of("score", score)), 400,
                    "INVALID_REQUEST");
        }
        assertProblem(http.putJson(BATCH + "/self-assessment", t("inst-h1"), Map.of()), 400, "INVALID_REQUEST");
        assertProblem(http.postJson(BATCH + "/recalculate", admin, Map.of("reason", " ")), 400, "INVALID_REQUEST");
        assertProblem(http.get(BATCH + "/institutions?size=501", admin), 400, "INVALID_PAGE");
        assertProblem(http.get(BATCH + "/amounts?page=-1", admin), 400, "INVALID_PAGE");
    }

    @Test
    void each_role_is_held_to_what_it_may_do() {
        byte[] calculation = RetentionFixture.calculationXlsx(RetentionFixture.CALCULATION);
        byte[] scores = Sheets.xlsx(AssessmentTemplateFile.UPLOAD_TITLES,
                List.of(List.of(H1, "武汉市江岸区人民医院", D1, 90)));
        Map<String, Answer> forbidden = new java.util.LinkedHashMap<>();
        forbidden.put("institution creates a batch", http.postJson(BATCHES, t("inst-h1"), batch("RET-Y")));
        forbidden.put("bureau uploads calculation data",
                http.upload(BATCH + "/calculation-data", t("bureau-" + D1), "c.xlsx", calculation));
        forbidden.put("analyst finalises", http.postJson(BATCH + "/finalise", t("analyst1"), Map.of()));
        forbidden.put("bureau recalculates",
                http.postJson(BATCH + "/recalculate", t("bureau-" + D1), Map.of("reason", "x")));
        forbidden.put("analyst reads 测算数据基本信息", http.get(BATCH + "/institutions", t("analyst1")));
        forbidden.put("auditor exports 测算数据基本信息", http.get(BATCH + "/institutions.xlsx", t("auditor1")));
        forbidden.put("admin files a self-assessment",
                http.putJson(BATCH + "/self-assessment", admin, Map.of("score", 90)));
        forbidden.put("bureau files a self-assessment",
                http.putJson(BATCH + "/self-assessment", t("bureau-" + D1), Map.of("score", 90)));
        forbidden.put("institution exports the template", http.get(BATCH + "/assessment-template.xlsx",
                t("inst-h1")));
        forbidden.put("analyst exports the template", http.get(BATCH + "/assessment-template.xlsx",
                t("analyst1")));
        forbidden.put("institution uploads scores",
                http.upload(BATCH + "/assessment-scores", t("inst-h1"), "s.xlsx", scores));
        forbidden.put("admin uploads scores", http.upload(BATCH + "/assessment-scores", admin, "s.xlsx", scores));
        forbidden.put("auditor reads amounts", http.get(BATCH + "/amounts", t("auditor1")));
        forbidden.put("auditor reads an amount", http.get(BATCH + "/amounts/" + H1, t("auditor1")));
        forbidden.put("institution reads the summary",
                http.get("/api/v1/analytics/retention-summary", t("inst-h1")));
        forbidden.put("bureau reads the summary",
                http.get("/api/v1/analytics/retention-summary", t("bureau-" + D1)));
        forbidden.forEach((what, a) -> {
            assertThat(a.status()).as(what + ": " + a.text()).isEqualTo(403);
            assertThat(a.code()).as(what).isEqualTo("FORBIDDEN");
        });
        assertProblem(http.get(BATCH + "/institutions", null), 401, "UNAUTHENTICATED");
        assertThat(http.get("/api/v1/analytics/retention-summary", t("analyst1")).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/analytics/retention-summary", admin).status()).isEqualTo(200);
        assertThat(http.get(BATCH + "/amounts", t("analyst1")).status()).isEqualTo(200);
        assertThat(http.get(BATCH + "/assessment-template.xlsx", admin).status()).as("the admin reads everything")
                .isEqualTo(200);
    }

    @Test
    void a_bad_calculation_file_is_refused_whole_with_every_problem_in_one_answer() {
        String path = BATCH + "/calculation-data";
        assertProblem(http.upload(path, admin, "c.xlsx", "机构编码,机构名称\n".getBytes(StandardCharsets.UTF_8)), 400,
                "NOT_XLSX");
        byte[] good = Sheets.xlsx(CalculationDataFile.TITLES, List.of(Arrays.asList(H1, "武汉市江岸区人民医院", D1, 0.7,
                "阿托伐他汀钙片", 10000, 2, 6000, 3000, 500, 1000)));
        assertProblem(http.upload(path, admin, "c.xlsx", Sheets.zipBomb(good)), 400, "SUSPICIOUS_FILE");
        Answer headers = assertProblem(http.upload(path, admin, "c.xlsx", Sheets.xlsx(List.of("机构编码", "机构名称",
                "所属区县"), List.of(List.of(H1, "医院", D1)))), 400, "MISSING_COLUMNS");
        assertThat(headers.json().path("figures").path("missingColumns").toString()).contains("职保占比", "集采前单价");
        assertProblem(http.upload(path, admin, "c.xlsx", Sheets.xlsx(CalculationDataFile.TITLES, List.of())), 400,
                "EMPTY_FILE");

        List<List<Object>> rows = new ArrayList<>();
        rows.add(Arrays.asList(H1, "武汉市江岸区人民医院", D1, "七成", "阿托伐他汀钙片", 10000, 2, 6000, 3000, 500, 1000));
        rows.add(Arrays.asList(H2, "江岸区妇幼保健院", D1, 0.5, "阿托伐他汀钙片", 12.5, 3, 800, 1000, 0, 0));
        rows.add(Arrays.asList(H3, "武汉市第一医院", D2, 0.6, "氨氯地平片", 2000, 1.5, 900, 1000, 0, 0));
        rows.add(Arrays.asList(H3, "武汉市第一医院", D2, 0.6, "氨氯地平片", 2000, 1.5, 900, 1000, 0, 0));
        Answer bad = assertProblem(http.upload(path, admin, "c.xlsx", Sheets.xlsx(CalculationDataFile.TITLES, rows)),
                400, "INVALID_ROWS");
        JsonNode problems = bad.json().path("rows");
        assertThat(problems.size()).as(problems.toString()).isEqualTo(3);
        assertThat(problems.get(0).path("row").asInt()).isEqualTo(2);
        assertThat(problems.get(0).path("column").asText()).isEqualTo("职保占比");
        assertThat(problems.get(0).path("code").asText()).isEqualTo("NOT_A_NUMBER");
        assertThat(problems.get(0).path("message").asText()).isEqualTo("not a number");
        assertThat(problems.get(1).path("row").asInt()).isEqualTo(3);
        assertThat(problems.get(1).path("column").asText()).isEqualTo("约定采购量");
        assertThat(problems.get(1).path("code").asText()).isEqualTo("NOT_WHOLE");
        assertThat(problems.get(2).path("row").asInt()).as("a cell error hides no other row's problem").isEqualTo(5);
        assertThat(problems.get(2).path("column").asText()).isEqualTo("品种名称");
        assertThat(problems.get(2).path("code").asText()).isEqualTo("DUPLICATE");
        assertThat(http.get(BATCH + "/institutions", admin).json().path("total").asLong())
                .as("nothing was imported").isEqualTo(3);
    }

    @Test
    void a_bad_score_file_is_refused_whole_with_every_bad_row() {
        String path = BATCH + "/assessment-scores";
        Answer cells = assertProblem(http.upload(path, t("bureau-" + D1), "s.xlsx",
                Sheets.xlsx(AssessmentTemplateFile.UPLOAD_TITLES, List.of(List.of(H1, "医院", D1, "九十"),
                        List.of(H2, "医院", D1, 100.5)))), 400, "INVALID_ROWS");
        assertThat(cells.json().path("rows").size()).isEqualTo(2);
        assertThat(cells.json().path("rows").get(0).path("column").asText()).isEqualTo("医保考核评分");
        assertProblem(http.upload(path, t("bureau-" + D1), "s.xlsx", Sheets.xlsx(List.of("机构编码", "自评分"),
                List.of(List.of(H1, 90)))), 400, "MISSING_COLUMNS");

        Answer outside = assertProblem(http.upload(path, t("bureau-" + D2), "s.xlsx",
                Sheets.xlsx(AssessmentTemplateFile.UPLOAD_TITLES, List.of(List.of(H3, "武汉市第一医院", D2, 80),
                        List.of(H1, "武汉市江岸区人民医院", D1, 90), List.of("H99999999999", "无名医院", D2, 70),
                        List.of(H3, "武汉市第一医院", D2, "九十")))),
                400, "INVALID_ROWS");
        JsonNode rows = outside.json().path("rows");
        assertThat(rows.size()).as(rows.toString()).isEqualTo(3);
        assertThat(rows.get(0).path("row").asInt()).isEqualTo(3);
        assertThat(rows.get(0).path("code").asText()).isEqualTo("OUTSIDE_DISTRICT");
        assertThat(rows.get(0).path("message").asText()).contains("outside your district");
        assertThat(rows.get(1).path("row").asInt()).isEqualTo(4);
        assertThat(rows.get(1).path("column").asText()).isEqualTo("机构编码");
        assertThat(rows.get(1).path("code").asText()).isEqualTo("UNKNOWN_INSTITUTION");
        assertThat(rows.get(2).path("row").asInt()).as("the cell error comes in the same answer").isEqualTo(5);
        assertThat(rows.get(2).path("column").asText()).isEqualTo("医保考核评分");
        assertThat(rows.get(2).path("code").asText()).isEqualTo("NOT_A_NUMBER");
        JsonNode h3 = http.get(BATCH + "/institutions?institution=" + H3, admin).json().path("items").get(0);
        assertThat(h3.path("assessed").asBoolean()).as("all or nothing: H3's good row was not taken").isFalse();
    }

    @Test
    void an_unknown_batch_is_404_everywhere() {
        String nope = batchPath("NOPE");
        byte[] xlsx = RetentionFixture.calculationXlsx(RetentionFixture.CALCULATION);
        List<Answer> answers = List.of(
                http.get(nope, t("inst-h1")),
                http.upload(nope + "/calculation-data", admin, "c.xlsx", xlsx),
                http.get(nope + "/institutions", t("bureau-" + D1)),
                http.get(nope + "/institutions.xlsx", admin),
                http.putJson(nope + "/self-assessment", t("inst-h1"), Map.of("score", 90)),
                http.get(nope + "/assessment-template.xlsx", t("bureau-" + D1)),
                http.upload(nope + "/assessment-scores", t("bureau-" + D1), "s.xlsx", xlsx),
                http.postJson(nope + "/finalise", admin, Map.of()),
                http.postJson(nope + "/recalculate", admin, Map.of("reason", "更正")),
                http.get(nope + "/amounts", t("analyst1")),
                http.get(nope + "/amounts.xlsx", t("inst-h1")),
                http.get(nope + "/amounts/" + H1, t("inst-h1")));
        answers.forEach(a -> assertProblem(a, 404, "UNKNOWN_BATCH"));
    }

    @Test
    void the_institution_list_is_scoped_by_role() throws Exception {
        assertThat(codes(http.get(BATCH + "/institutions", t("inst-h1")))).containsExactly(H1);
        assertProblem(http.get(BATCH + "/institutions?institution=" + H3 + "&district=" + D2, t("inst-h1")), 403,
                "OUT_OF_SCOPE");
        assertThat(codes(http.get(BATCH + "/institutions", t("bureau-" + D1)))).containsExactly(H1, H2);
        assertThat(codes(http.get(BATCH + "/institutions?district=" + D1, t("bureau-" + D1))))
                .containsExactly(H1, H2);
        Answer elsewhere = assertProblem(http.get(BATCH + "/institutions?district=" + D2, t("bureau-" + D1)), 403,
                "OUT_OF_SCOPE");
        assertThat(elsewhere.json().path("figures").path("requested").path("district").asText()).isEqualTo(D2);
        assertThat(elsewhere.json().path("figures").path("scope").path("district").asText()).isEqualTo(D1);
        assertProblem(http.get(BATCH + "/institutions?institution=" + H3, t("bureau-" + D1)), 403, "OUT_OF_SCOPE");
        assertThat(codes(http.get(BATCH + "/institutions", admin))).containsExactly(H1, H2, H3);
        assertThat(codes(http.get(BATCH + "/institutions?district=" + D2, admin))).containsExactly(H3);
        assertThat(codes(http.get(BATCH + "/institutions?size=1&page=1", admin))).containsExactly(H2);

        JsonNode h1 = http.get(BATCH + "/institutions", t("inst-h1")).json().path("items").get(0);
        assertThat(h1.path("institutionName").asText()).isEqualTo("武汉市江岸区人民医院");
        assertThat(h1.path("district").asText()).isEqualTo(D1);
        assertThat(h1.path("districtName").asText()).isEqualTo("江岸区");
        assertThat(h1.path("employeeShare").decimalValue()).isEqualByComparingTo("0.7");
        assertThat(h1.path("varieties").asInt()).isEqualTo(2);

        Answer xlsx = http.get(BATCH + "/institutions.xlsx", t("bureau-" + D1));
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).startsWith(XlsxDownload.CONTENT_TYPE);
        List<List<String>> sheet = XlsxCells.of(xlsx.body());
        assertThat(sheet).hasSize(3);
        assertThat(sheet.get(0)).isEqualTo(InstitutionsSheet.TITLES);
        assertThat(sheet.get(2)).containsExactly(H2, "江岸区妇幼保健院", D1, "江岸区", "0.5", "1", "", "未考核");
    }

    @Test
    void districts_carry_their_names_and_bureaus_are_named_after_them() {
        JsonNode me = http.get("/api/v1/me", t("bureau-" + D1)).json();
        assertThat(me.path("organisation").asText()).isEqualTo(D1);
        assertThat(me.path("organisationName").asText()).isEqualTo("江岸区医疗保障局");
        assertThat(me.path("district").asText()).isEqualTo(D1);
        assertThat(me.path("districtName").asText()).isEqualTo("江岸区");
        assertThat(http.get("/api/v1/me", t("inst-h3")).json().path("districtName").asText()).isEqualTo("江汉区");

        JsonNode accounts = http.get("/api/v1/admin/accounts?organisation=" + D2, admin).json();
        assertThat(accounts.path("items").size()).isEqualTo(1);
        assertThat(accounts.path("items").get(0).path("organisationName").asText()).isEqualTo("江汉区医疗保障局");
        assertThat(accounts.path("items").get(0).path("districtName").asText()).isEqualTo("江汉区");
    }

    @Test
    void an_institution_files_its_own_self_assessment_and_a_repeat_changes_nothing() throws Exception {
        Http keyed = http.withHeader("Idempotency-Key", "self-h3-1");
        Answer filed = keyed.putJson(BATCH + "/self-assessment", t("inst-h3"), Map.of("score", 88.5));
        assertThat(filed.status()).as(filed.text()).isEqualTo(200);
        assertThat(filed.json().path("institutionCode").asText()).isEqualTo(H3);
        assertThat(filed.json().path("selfAssessment").decimalValue()).isEqualByComparingTo("88.5");
        assertThat(filed.json().path("assessed").asBoolean()).isFalse();
        Answer repeat = keyed.putJson(BATCH + "/self-assessment", t("inst-h3"), Map.of("score", 88.5));
        assertThat(repeat.text()).isEqualTo(filed.text());
        assertThat(repeat.replayed()).isEqualTo("true");

        List<List<String>> template = XlsxCells.of(http.get(BATCH + "/assessment-template.xlsx",
                t("bureau-" + D2)).body());
        assertThat(template.get(0)).isEqualTo(AssessmentTemplateFile.TITLES);
        assertThat(template).hasSize(2);
        assertThat(template.get(1).subList(0, 6)).containsExactly(H3, "武汉市第一医院", D2, "江汉区", "1", "88.5");
    }

    @Test
    void before_finalising_there_are_no_amounts_and_nothing_leaks_about_others() {
        JsonNode amounts = http.get(BATCH + "/amounts", t("inst-h1")).json();
        assertThat(amounts.path("items").size()).isZero();
        assertThat(amounts.path("finalised").asBoolean()).isFalse();
        assertThat(amounts.path("round").asInt()).isZero();
        assertThat(amounts.path("retained").decimalValue()).isEqualByComparingTo("0");
        assertProblem(http.get(BATCH + "/amounts/" + H1, t("inst-h1")), 409, "NOT_FINALISED");
        assertProblem(http.get(BATCH + "/amounts/" + H3, t("inst-h1")), 404, "UNKNOWN_INSTITUTION");
        assertProblem(http.get(BATCH + "/amounts/" + H1 + ".xlsx", t("inst-h1")), 409, "NOT_FINALISED");
        assertProblem(http.get(BATCH + "/amounts/" + H1 + ".xlsx", t("bureau-" + D1)), 409, "NOT_FINALISED");
        assertProblem(http.get(BATCH + "/amounts/" + H3 + ".xlsx", t("inst-h1")), 404, "UNKNOWN_INSTITUTION");
        assertThat(http.get("/api/v1/analytics/retention-summary?batch=" + CODE, t("analyst1")).json()
                .path("items").size()).isZero();

        fx.createBatch("RET-BARE", Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)));
        assertProblem(http.postJson(batchPath("RET-BARE") + "/finalise", admin, Map.of()), 409,
                "NO_CALCULATION_DATA");
        assertProblem(http.postJson(batchPath("RET-BARE") + "/recalculate", admin, Map.of("reason", "更正")), 409,
                "NOT_FINALISED");
        assertProblem(http.putJson(batchPath("RET-BARE") + "/self-assessment", t("inst-h1"), Map.of("score", 90)),
                404, "UNKNOWN_INSTITUTION");
    }

    @Test
    void the_openapi_document_describes_every_retention_path() {
        Answer docs = http.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        for (String path : List.of("", "/{batch}", "/{batch}/calculation-data", "/{batch}/institutions",
                "/{batch}/institutions.xlsx", "/{batch}/self-assessment", "/{batch}/assessment-template.xlsx",
                "/{batch}/assessment-scores", "/{batch}/finalise", "/{batch}/recalculate", "/{batch}/amounts",
                "/{batch}/amounts.xlsx", "/{batch}/amounts/{institution}", "/{batch}/amounts/{institution}.xlsx")) {
            assertThat(paths.has(BATCHES + path)).as(BATCHES + path).isTrue();
        }
        assertThat(paths.has("/api/v1/analytics/retention-summary")).isTrue();
        assertThat(paths.path(BATCHES + "/{batch}/amounts").path("get").path("parameters").toString())
                .contains("institution", "district", "page", "size");
    }

    private static List<String> codes(Answer a) {
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        a.json().path("items").forEach(i -> codes.add(i.path("institutionCode").asText()));
        return codes;
    }
}
