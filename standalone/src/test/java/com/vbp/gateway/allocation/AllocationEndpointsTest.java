package com.vbp.gateway.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.gateway.support.XlsxCells;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.vbp.gateway.allocation.AllocationFixture.BATCH;
import static com.vbp.gateway.allocation.AllocationFixture.H1;
import static com.vbp.gateway.allocation.AllocationFixture.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation endpoints on the real standalone application, as far as they go without the command side
 * of the workflow: the lists read from the projections after a demand import, role checks, request
 * validation, paging and the problem codes the gateway decides itself.
 */
class AllocationEndpointsTest {

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;
    private static Http http;
    private static AllocationFixture fx;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + AllocationFixture.ADMIN_PASSWORD);
        http = app.http();
        int port = Integer.parseInt(app.bean(Environment.class).getProperty("local.server.port"));
        fx = new AllocationFixture(http, port).load();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_institution_reads_its_selected_lines_with_the_product_terms() {
        Answer a = http.get(BATCH + "/selected-lines", fx.institution);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        JsonNode page = a.json();
        assertThat(page.path("total").asLong()).isEqualTo(1);
        JsonNode line = page.path("items").get(0);
        assertThat(line.path("lineId").asText()).isEqualTo("ZC00000011");
        assertThat(line.path("status").asText()).isEqualTo("OPEN");
        assertThat(line.path("packagePrice").decimalValue()).isEqualByComparingTo("12.3456");
        assertThat(line.path("volume").asLong()).isEqualTo(4800);
        assertThat(line.path("contractAmount").decimalValue()).as("12.3456 / 24 × 4800").isEqualByComparingTo("2469.12");
        assertThat(http.get(BATCH + "/selected-lines?enterprise=乙药业", fx.institution).json().path("total").asLong())
                .isZero();
        assertThat(http.get(BATCH + "/selected-lines?institution=H42010300002", fx.institution).code())
                .as("another institution's lines are refused").isEqualTo("OUT_OF_SCOPE");
        assertThat(http.get(BATCH + "/selected-lines?institution=" + H1, fx.institution).json().path("total")
                .asLong()).as("its own, named").isEqualTo(1);
    }

    @Test
    void an_institution_reads_its_pending_lines_with_the_winner_columns() {
        JsonNode page = http.get(BATCH + "/pending-lines", fx.institution).json();
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("items").get(0).path("lineId").asText()).as("in the order of the demand file")
                .isEqualTo("ZX00000099");
        JsonNode g1 = page.path("items").get(1);
        assertThat(g1.path("lineId").asText()).isEqualTo("ZX00000098");
        assertThat(g1.path("lowestDailyCost").path("drugCode").asText()).isEqualTo("ZC00000011");
        assertThat(g1.path("lowestDailyCost").path("dailyCost").decimalValue()).as("12.3456 / 24 × 3")
                .isEqualByComparingTo("1.5432");
        assertThat(g1.path("highestReduction").path("drugCode").asText()).isEqualTo("ZC00000012");
        assertThat(g1.path("highestReduction").path("remainingCapacity").asLong()).isEqualTo(2_000_000);
        assertThat(g1.path("others").size()).isZero();
        assertThat(g1.path("status").asText()).isEqualTo("OPEN");
        JsonNode g2 = page.path("items").get(0);
        assertThat(g2.path("lowestDailyCost").path("drugCode").asText()).isEqualTo("ZC00000021");
        assertThat(g2.path("highestReduction").isNull()).as("one winner: the same enterprise").isTrue();
        assertThat(http.get(BATCH + "/pending-lines?variety=丹参&size=1", fx.institution).json()
                .path("items").get(0).path("lineId").asText()).isEqualTo("ZX00000099");
        assertThat(http.get(BATCH + "/pending-lines?size=501", fx.institution).code()).isEqualTo("INVALID_PAGE");
    }

    @Test
    void the_report_list_is_empty_before_any_confirmation_and_exports_its_titles() throws IOException {
        JsonNode report = http.get(BATCH + "/report", fx.institution).json();
        assertThat(report.path("total").asLong()).isZero();
        assertThat(report.path("allConfirmed").asBoolean()).isFalse();
        assertThat(report.path("openSelectedLines").asLong()).as("what stands between it and 上报").isEqualTo(1);
        assertThat(report.path("openPendingLines").asLong()).isEqualTo(2);
        assertThat(http.get(BATCH + "/report?drugCode=NONE", fx.institution).json().path("openPendingLines").asLong())
                .as("the institution's, whatever the filters").isEqualTo(2);
        assertThat(report.path("reported").asBoolean()).isFalse();
        assertThat(report.path("totalAmount").decimalValue()).isEqualByComparingTo("0");
        Answer xlsx = http.get(BATCH + "/report.xlsx", fx.institution);
        assertThat(xlsx.status()).isEqualTo(200);
        List<List<String>> cells = XlsxCells.of(xlsx.body());
        assertThat(cells).hasSize(1);
        assertThat(cells.get(0)).contains("药品统一编码", "品种名称", "企业名称", "包装中选价(元)", "最小包装数量", "合同量",
                "合同金额(元)");
    }

    @Test
    void the_administrator_reads_an_institutions_lists_and_the_analyst_the_summaries() {
        assertThat(http.get(BATCH + "/pending-lines?institution=" + H1, fx.admin).json().path("total").asLong())
                .isEqualTo(2);
        Answer noInstitution = http.get(BATCH + "/selected-lines", fx.admin);
        assertThat(noInstitution.status()).isEqualTo(400);
        assertThat(noInstitution.code()).isEqualTo("INVALID_REQUEST");

        JsonNode progress = http.get("/api/v1/analytics/allocation-progress", fx.analyst).json();
        JsonNode batch = progress.path("items").get(0);
        assertThat(batch.path("batchCode").asText()).isEqualTo(AllocationFixture.BATCH_CODE);
        assertThat(batch.path("lines").asLong()).isEqualTo(4);
        assertThat(batch.path("institutions").asLong()).isEqualTo(2);
        assertThat(batch.path("pendingVolume").asLong()).isEqualTo(9900);
        assertThat(batch.path("linesConfirmed").asLong()).isZero();
        Answer amounts = http.get("/api/v1/analytics/contract-amounts?groupBy=productGroup&batch="
                + AllocationFixture.BATCH_CODE, fx.analyst);
        assertThat(amounts.status()).as(amounts.text()).isEqualTo(200);
        assertThat(amounts.json().path("items").size()).isZero();
        assertThat(http.get("/api/v1/analytics/contract-amounts", fx.admin).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/analytics/contract-amounts?groupBy=colour", fx.analyst).code())
                .isEqualTo("INVALID_REQUEST");
    }

    @Test
    void each_role_is_held_to_what_it_may_do() {
        Answer analystReads = http.get(BATCH + "/selected-lines", fx.analyst);
        assertThat(analystReads.status()).isEqualTo(403);
        assertThat(analystReads.code()).isEqualTo("FORBIDDEN");
        assertThat(http.get("/api/v1/analytics/allocation-progress", fx.institution).code()).isEqualTo("FORBIDDEN");
        assertThat(fx.post(BATCH + "/selected-lines/ZC00000011/confirm", fx.admin, null).code())
                .as("the administrator reads but does not allocate").isEqualTo("FORBIDDEN");
        assertThat(fx.put(BATCH + "/pending-lines/ZX00000099/allocation", fx.analyst,
                entries("ZC00000021", 30000), null).code()).isEqualTo("FORBIDDEN");
        assertThat(fx.post(BATCH + "/report", fx.analyst, "k-1").code()).isEqualTo("FORBIDDEN");
        assertThat(http.get(BATCH + "/report", null).code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void bodies_and_batches_are_checked_before_any_command() {
        for (Object bad : List.of(1.5, -3, 0, "many")) {
            Answer a = fx.put(BATCH + "/pending-lines/ZX00000099/allocation", fx.institution,
                    entries("ZC00000021", bad), null);
            assertThat(a.status()).as(bad + ": " + a.text()).isEqualTo(400);
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.code()).isEqualTo("INVALID_REQUEST");
        }
        assertThat(fx.put(BATCH + "/pending-lines/ZX00000099/allocation", fx.institution, Map.of(), null).code())
                .isEqualTo("INVALID_REQUEST");
        Answer unknown = http.get("/api/v1/procurement/batches/NOPE/pending-lines", fx.institution);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_BATCH");
        Answer unknownCommand = fx.post("/api/v1/procurement/batches/NOPE/report", fx.institution, "k-unknown");
        assertThat(unknownCommand.code()).isEqualTo("UNKNOWN_BATCH");
        assertThat(fx.post("/api/v1/procurement/batches/NOPE/report", fx.institution, "k-unknown").text())
                .as("a refusal is recorded and answered again").isEqualTo(unknownCommand.text());
        assertThat(fx.lastReplayed).isEqualTo("true");
        assertThat(fx.post("/api/v1/procurement/batches/NOPE/selected-lines/X/confirm", fx.institution, "k-unknown")
                .code()).as("a key is bound to its first request").isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void a_check_answers_the_figures_of_a_save_and_the_refusal_it_would_get_and_stores_nothing() {
        String check = BATCH + "/pending-lines/ZX00000098/allocation/check";
        // P = 900, U_d = 3; ZC00000012 absorbs: 564 < C < 636
        Answer inside = fx.post(check, fx.institution, entries("ZC00000011", 450, "ZC00000012", 600), null);
        assertThat(inside.status()).as(inside.text()).isEqualTo(200);
        assertThat(inside.contentType()).startsWith("application/json");
        JsonNode ok = inside.json();
        assertThat(ok.path("problem").isNull()).isTrue();
        assertThat(ok.path("lineId").asText()).isEqualTo("ZX00000098");
        assertThat(ok.path("bounds").path("rule").asInt()).isEqualTo(2);
        assertThat(ok.path("bounds").path("drugCode").asText()).isEqualTo("ZC00000012");
        assertThat(ok.path("bounds").path("lower").decimalValue()).isEqualByComparingTo("564");
        assertThat(ok.path("bounds").path("upper").decimalValue()).isEqualByComparingTo("636");
        assertThat(ok.path("allocatedTotal").decimalValue()).isEqualByComparingTo("900");
        assertThat(ok.path("pendingVolume").asLong()).isEqualTo(900);
        assertThat(ok.path("entries").get(1).path("remainingCapacity").asLong()).isEqualTo(2_000_000);
        assertThat(fx.lastReplayed).as("no Idempotency-Key needed").isNull();

        Answer outside = fx.post(check, fx.institution, entries("ZC00000011", 450, "ZC00000012", 700), null);
        assertThat(outside.status()).as("a refusal is reported, not answered as one").isEqualTo(200);
        JsonNode refused = outside.json();
        assertThat(refused.path("problem").path("code").asText()).isEqualTo("CONTRACT_VOLUME_OUT_OF_RANGE");
        assertThat(refused.path("problem").path("detail").asText()).contains("564", "636");
        assertThat(refused.path("problem").path("figures").path("lower").decimalValue()).isEqualByComparingTo("564");
        assertThat(refused.path("problem").path("figures").path("contractVolume").asLong()).isEqualTo(700);
        assertThat(refused.path("bounds").path("upper").decimalValue()).as("the bounds are shown while out of range")
                .isEqualByComparingTo("636");
        assertThat(refused.path("allocatedTotal").decimalValue()).as("450 + 700 / 4 × 3").isEqualByComparingTo("975");

        Answer empty = fx.post(check, fx.institution, Map.of("entries", List.of()), null);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().path("problem").path("code").asText()).isEqualTo("NO_ENTRIES");
        assertThat(empty.json().path("bounds").isNull()).isTrue();

        JsonNode line = http.get(BATCH + "/pending-lines?drugCode=ZX00000098", fx.institution).json()
                .path("items").get(0);
        assertThat(line.path("status").asText()).as("nothing was stored").isEqualTo("OPEN");
        assertThat(line.path("entries").size()).isZero();
        assertThat(line.path("bounds").isNull()).isTrue();

        assertThat(fx.post(check, fx.institution, entries("ZC00000011", 1.5), null).code())
                .isEqualTo("INVALID_REQUEST");
        assertThat(fx.post(check, fx.analyst, entries("ZC00000011", 450), null).code()).isEqualTo("FORBIDDEN");
        assertThat(fx.post("/api/v1/procurement/batches/NOPE/pending-lines/X/allocation/check", fx.institution,
                entries("ZC00000011", 450), null).code()).isEqualTo("UNKNOWN_BATCH");
        assertThat(http.get("/v3/api-docs", null).json().path("paths")
                .path("/api/v1/procurement/batches/{batch}/pending-lines/{line}/allocation/check").path("post")
                .path("summary").asText()).as("documented in OpenAPI").startsWith("检查");
    }
}
