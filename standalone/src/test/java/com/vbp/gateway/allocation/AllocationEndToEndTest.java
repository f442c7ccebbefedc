package com.vbp.gateway.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.gateway.support.XlsxCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.vbp.gateway.allocation.AllocationFixture.BATCH;
import static com.vbp.gateway.allocation.AllocationFixture.entries;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's allocation flow over HTTP on the real standalone application (seed 000 §3.2.2–§3.2.4).
 * <p>
 * Hand-checked figures. G1 winners: ZC00000011 甲 (12.3456 / 24 片, U 3: daily cost 1.5432, reduction 35.5%)
 * and ZC00000012 乙 (20 / 36 粒, U 4: 2.2222, 50%) — both required. Pending ZX00000098: P 900, U_d 3; entries
 * ZC00000011 C 450 (allocated 450) and ZC00000012, the largest package, absorbing R = 450: bounds
 * (450/3×4 − 36, 450/3×4 + 36) = (564, 636); C 600 (allocated 450). Amounts 12.3456/24×450 = 231.48 and
 * 20/36×600 = 333.33. Pending ZX00000099: P 9000, U_d 9, one winner ZC00000021 (8.5 / 180 丸, U 30): bounds
 * (29820, 30180); C 30000, allocated 9000, amount 1416.67. Selected ZC00000011 4800: 2469.12.
 * Total 2469.12 + 231.48 + 333.33 + 1416.67 = 4450.60.
 */
class AllocationEndToEndTest {

    @TempDir
    Path dataDir;

    @Test
    void an_institution_confirms_allocates_withdraws_reports_and_exports() throws IOException {
        try (StandaloneApp app = StandaloneApp.start(dataDir,
                "app.bootstrap.admin-password=" + AllocationFixture.ADMIN_PASSWORD)) {
            Http http = app.http();
            AllocationFixture fx = new AllocationFixture(http,
                    Integer.parseInt(app.bean(Environment.class).getProperty("local.server.port"))).load();
            String inst = fx.institution;

            // 中选产品采购量: 确认
            Answer confirmed = fx.post(BATCH + "/selected-lines/ZC00000011/confirm", inst, null);
            assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
            assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
            assertThat(confirmed.json().path("contractAmount").decimalValue()).isEqualByComparingTo("2469.12");
            Answer twice = fx.post(BATCH + "/selected-lines/ZC00000011/confirm", inst, null);
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.code()).isEqualTo("LINE_ALREADY_CONFIRMED");
            assertThat(fx.post(BATCH + "/selected-lines/NOPE/confirm", inst, null).code()).isEqualTo("UNKNOWN_LINE");

            // 待分配量 with one winner: a refused save, then a save and a confirm
            Answer outOfRange = fx.put(BATCH + "/pending-lines/ZX00000099/allocation", inst,
                    entries("ZC00000021", 40000), null);
            assertThat(outOfRange.status()).isEqualTo(422);
            assertThat(outOfRange.code()).isEqualTo("CONTRACT_VOLUME_OUT_OF_RANGE");
            Answer saved = fx.put(BATCH + "/pending-lines/ZX00000099/allocation", inst,
                    entries("ZC00000021", 30000), null);
            assertThat(saved.status()).as(saved.text()).isEqualTo(200);
            assertThat(saved.json().path("bounds").path("lower").decimalValue()).isEqualByComparingTo("29820");
            assertThat(saved.json().path("bounds").path("upper").decimalValue()).isEqualByComparingTo("30180");
            assertThat(saved.json().path("allocatedTotal").decimalValue()).isEqualByComparingTo("9000");
            assertThat(fx.post(BATCH + "/pending-lines/ZX00000099/confirm", inst, null).status()).isEqualTo(200);

            // 待分配量 with two winners, saved twice with one Idempotency-Key
            Map<String, Object> both = entries("ZC00000011", 450, "ZC00000012", 600);
            Answer first = fx.put(BATCH + "/pending-lines/ZX00000098/allocation", inst, both, "save-98");
            assertThat(first.status()).as(first.text()).isEqualTo(200);
            assertThat(first.json().path("bounds").path("drugCode").asText()).isEqualTo("ZC00000012");
            assertThat(first.json().path("bounds").path("lower").decimalValue()).isEqualByComparingTo("564");
            assertThat(first.json().path("bounds").path("upper").decimalValue()).isEqualByComparingTo("636");
            assertThat(first.json().path("allocatedTotal").decimalValue()).isEqualByComparingTo("900");
            // 检查 answers exactly the figures 保存 answered, with no problem
            Answer checked = fx.post(BATCH + "/pending-lines/ZX00000098/allocation/check", inst, both, null);
            assertThat(checked.status()).as(checked.text()).isEqualTo(200);
            assertThat(checked.json().path("problem").isNull()).isTrue();
            for (String field : List.of("lineId", "bounds", "entries", "allocatedTotal", "pendingVolume")) {
                assertThat(checked.json().path(field)).as(field).isEqualTo(first.json().path(field));
            }
            Answer repeat = fx.put(BATCH + "/pending-lines/ZX00000098/allocation", inst, both, "save-98");
            assertThat(repeat.text()).isEqualTo(first.text());
            assertThat(fx.lastReplayed).isEqualTo("true");
            Answer confirm98 = fx.post(BATCH + "/pending-lines/ZX00000098/confirm", inst, "confirm-98");
            assertThat(confirm98.status()).as(confirm98.text()).isEqualTo(200);
            assertThat(fx.post(BATCH + "/pending-lines/ZX00000098/confirm", inst, "confirm-98").text())
                    .as("a repeat is answered, not refused as already confirmed: no second command")
                    .isEqualTo(confirm98.text());

            JsonNode report = http.get(BATCH + "/report", inst).json();
            assertThat(report.path("total").asLong()).isEqualTo(4);
            assertThat(report.path("allConfirmed").asBoolean()).isTrue();
            assertThat(report.path("totalAmount").decimalValue()).isEqualByComparingTo("4450.60");
            // the totals follow the filters, over every filtered line and not just the page
            JsonNode byDrug = http.get(BATCH + "/report?drugCode=ZC00000011&size=1", inst).json();
            assertThat(byDrug.path("total").asLong()).isEqualTo(2);
            assertThat(byDrug.path("items").size()).isEqualTo(1);
            assertThat(byDrug.path("totalAmount").decimalValue()).as("2469.12 + 231.48")
                    .isEqualByComparingTo("2700.60");
            assertThat(byDrug.path("totalVolume").asLong()).as("4800 + 450").isEqualTo(5250);
            JsonNode byEnterprise = http.get(BATCH + "/report?enterprise=乙药业", inst).json();
            BigDecimal shown = BigDecimal.ZERO;
            long volume = 0;
            for (JsonNode line : byEnterprise.path("items")) {
                shown = shown.add(line.path("contractAmount").decimalValue());
                volume += line.path("contractVolume").asLong();
            }
            assertThat(byEnterprise.path("total").asLong()).isEqualTo(1);
            assertThat(byEnterprise.path("totalAmount").decimalValue()).isEqualByComparingTo(shown)
                    .isEqualByComparingTo("333.33");
            assertThat(byEnterprise.path("totalVolume").asLong()).isEqualTo(volume).isEqualTo(600);

            // 撤回 and 确认 again; 上报 is refused in between
            Answer withdrawn = fx.post(BATCH + "/pending-lines/ZX00000098/withdraw", inst, null);
            assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
            assertThat(withdrawn.json().path("status").asText()).isEqualTo("SAVED");
            assertThat(http.get(BATCH + "/report", inst).json().path("total").asLong()).isEqualTo(2);
            Answer early = fx.post(BATCH + "/report", inst, null);
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.code()).isEqualTo("NOT_ALL_CONFIRMED");
            assertThat(fx.post(BATCH + "/pending-lines/ZX00000098/confirm", inst, null).status()).isEqualTo(200);

            // 上报, after which nothing can be withdrawn
            Answer reported = fx.post(BATCH + "/report", inst, "report-1");
            assertThat(reported.status()).as(reported.text()).isEqualTo(200);
            assertThat(reported.json().path("reported").asBoolean()).isTrue();
            Answer late = fx.post(BATCH + "/pending-lines/ZX00000098/withdraw", inst, null);
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.code()).isEqualTo("ALREADY_REPORTED");

            // 导出
            List<List<String>> sheet = XlsxCells.of(http.get(BATCH + "/report.xlsx", inst).body());
            assertThat(sheet).hasSize(1 + 4 + 1);
            List<String> titles = sheet.get(0);
            List<String> total = sheet.get(sheet.size() - 1);
            assertThat(total.get(0)).isEqualTo("合计");
            assertThat(new BigDecimal(total.get(titles.indexOf("合同金额(元)")))).isEqualByComparingTo(
                    new BigDecimal("2469.12").add(new BigDecimal("231.48")).add(new BigDecimal("333.33"))
                            .add(new BigDecimal("1416.67")));
            assertThat(total.get(titles.indexOf("合同量"))).isNotEmpty();
            Map<String, String> amountByDrugAndLine = new HashMap<>();
            for (List<String> row : sheet.subList(1, sheet.size())) {
                amountByDrugAndLine.put(row.get(titles.indexOf("需求药品编码")) + "/"
                        + row.get(titles.indexOf("药品统一编码")), row.get(titles.indexOf("合同金额(元)")));
            }
            assertThat(amountByDrugAndLine).containsEntry("ZC00000011/ZC00000011", "2469.12")
                    .containsEntry("ZX00000098/ZC00000011", "231.48").containsEntry("ZX00000098/ZC00000012", "333.33")
                    .containsEntry("ZX00000099/ZC00000021", "1416.67");
            List<String> first98 = sheet.stream().filter(r -> r.contains("ZX00000098") && r.contains("ZC00000012"))
                    .findFirst().orElseThrow();
            assertThat(first98.get(titles.indexOf("合同量"))).isEqualTo("600");
            assertThat(first98.get(titles.indexOf("最小包装数量"))).isEqualTo("36");
            assertThat(first98.get(titles.indexOf("企业名称"))).isEqualTo("乙药业股份有限公司");

            // the supply list and the summaries see the allocation
            JsonNode supply = http.get(BATCH + "/supply-list", inst).json();
            Map<String, Long> agreed = new HashMap<>();
            supply.path("items").forEach(r -> agreed.put(r.path("drugCode").asText(), r.path("agreedVolume").asLong()));
            assertThat(agreed).containsEntry("ZC00000011", 5250L).containsEntry("ZC00000012", 600L)
                    .containsEntry("ZC00000021", 30000L);
            JsonNode amounts = http.get("/api/v1/analytics/contract-amounts?groupBy=institution", fx.analyst).json();
            assertThat(amounts.path("totalAmount").decimalValue()).isEqualByComparingTo("4450.60");
            JsonNode progress = http.get("/api/v1/analytics/allocation-progress", fx.analyst).json()
                    .path("items").get(0);
            assertThat(progress.path("institutionsReported").asLong()).isEqualTo(1);
            assertThat(progress.path("volumeAllocated").decimalValue()).isEqualByComparingTo("9900");
        }
    }
}
