package com.vbp.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.allocation.AllocationQueries.FetchPendingLines;
import com.vbp.events.allocation.AllocationQueries.LineStatus;
import com.vbp.events.allocation.AllocationQueries.PendingLineView;
import com.vbp.events.allocation.AllocationQueries.PendingLinesPage;
import com.vbp.gateway.support.Http;
import com.vbp.standalone.demo.DemoDataGenerator;
import com.vbp.standalone.demo.DemoDataLoader;
import com.vbp.standalone.demo.Institution;
import com.vbp.gateway.support.Http.Answer;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.vbp.gateway.console.ConsoleApp.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 采购量分配 in a real browser at 1024×768 (seed 000 §3.2): an institution confirms its selected lines (批量确认),
 * allocates a pending line with two winners in the 分量 dialog while the API's check shows the bounds and the
 * allocated total, is told an out-of-range volume next to the input, saves, confirms, reports and exports.
 * The institution is one no other flow uses: the last demo institution with a pending line whose 降幅最高 winner is
 * another enterprise than the 日均费用最低 one (both must get an entry); its other pending lines are allocated
 * through the API beforehand (the same calls the dialog makes), so the flow shows one line, not six.
 */
class ConsoleAllocationTest extends BrowserFlow {

    private static final String BATCH = DemoDataLoader.DEMO_BATCH;
    private static final String API = "/api/v1/procurement/batches/" + BATCH;
    private static final String NEW_PASSWORD = "Alloc2026pass";
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    /** Used by the session flows; the other flows use other districts' institutions. */
    private static final Set<String> TAKEN = Set.of("H42010200001", "H42010200002", "H42010200003", "H42010200004",
            "H42010200005");

    private static String institution;
    private static PendingLineView line;
    private static List<PendingLineView> others;

    @BeforeAll
    static void pickAnInstitution() {
        QueryGateway queries = ConsoleApp.get().bean(QueryGateway.class);
        List<Institution> institutions = new ArrayList<>(DemoDataGenerator.standard().institutions());
        institutions.sort(Comparator.comparing(Institution::code).reversed());
        for (Institution i : institutions) {
            if (TAKEN.contains(i.code())) {
                continue;
            }
            List<PendingLineView> lines = queries.query(new FetchPendingLines(BATCH, i.code(), null, null, null, 0, 100),
                    PendingLinesPage.class).join().items();
            PendingLineView twoWinners = lines.stream().filter(l -> l.highestReduction() != null).findFirst()
                    .orElse(null);
            if (twoWinners != null && lines.stream().allMatch(l -> l.status() == LineStatus.OPEN)) {
                institution = i.code();
                line = twoWinners;
                others = lines.stream().filter(l -> l != twoWinners).toList();
                return;
            }
        }
        throw new IllegalStateException("no demo institution with a pending line of two winners");
    }

    @Test
    void an_institution_confirms_allocates_with_the_bounds_in_view_reports_and_exports() throws IOException {
        String username = "inst-" + institution;
        Http http = ConsoleApp.get().http();
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.firstLogin(username, DEMO_PASSWORD, NEW_PASSWORD);
        String token = http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", NEW_PASSWORD)).json().path("token").asText();

        // 供应清单列表: its own rows
        browser.menu("采购量分配", "供应清单");
        browser.waitFor(By.cssSelector(".el-table__body tr.el-table__row"));
        browser.assertNoSidewaysScroll();

        // 中选产品采购量确认: tick every line (the header box) and 批量确认
        browser.menu("采购量分配", "中选产品采购量确认");
        JsonNode selected = http.get(API + "/selected-lines?size=100", token).json();
        long selectedLines = selected.path("total").asLong();
        assertThat(selectedLines).isBetween(1L, 20L);
        browser.waitForText(selected.path("items").get(0).path("drugCode").asText());
        browser.assertNoSidewaysScroll();
        browser.waitFor(By.cssSelector(".el-table__header .el-checkbox")).click();
        browser.waitForText("已选 " + selectedLines + " 条");
        browser.clickButton("批量确认");
        browser.waitForText("已确认 " + selectedLines + " 条");
        browser.waitUntil("every line shows 已确认", b -> b.driver().findElements(By.xpath(
                "//span[contains(@class,'el-tag')][normalize-space(.)='待确认']")).isEmpty());
        browser.screenshot("alloc-01-selected");
        for (JsonNode l : http.get(API + "/selected-lines?size=100", token).json().path("items")) {
            assertThat(l.path("status").asText()).isEqualTo("CONFIRMED");
        }

        // The other pending lines, through the API; 上报 then waits for the one line left, and says so.
        for (PendingLineView other : others) {
            allocateThroughTheApi(http, token, other);
        }
        browser.menu("采购量分配", "分配采购量确认上报");
        browser.waitForText("还有 0 条中选产品、1 条待分配量记录未确认，全部确认后才能上报");
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=report]")).isEnabled()).isFalse();

        // 待分配量选择和确认: the 分量 dialog of the line with two winners
        browser.menu("采购量分配", "待分配量选择和确认");
        browser.waitForText(line.lineId());
        browser.assertNoSidewaysScroll();
        rowButton(line.lineId(), "分量").click();
        String lowest = line.lowestDailyCost().drugCode();
        browser.waitFor(By.cssSelector("input[aria-label='合同量 " + lowest + "']"));
        String highest = line.highestReduction().drugCode();
        long first = half(line, line.lowestDailyCost().dailyUsage().minUnitsPerDay());
        long guess = half(line, line.highestReduction().dailyUsage().minUnitsPerDay());
        browser.type("合同量 " + lowest, Long.toString(first));
        browser.type("合同量 " + highest, Long.toString(guess));
        JsonNode answer = check(http, token, Map.of(lowest, first, highest, guess));
        showsTheFiguresOf(answer);
        browser.screenshot("alloc-02-dialog-bounds");

        // Out of range: the refusal next to the input of the entry that absorbs the remainder; the check says 200.
        String absorbing = answer.path("bounds").path("drugCode").asText();
        long upper = answer.path("bounds").path("upper").decimalValue().setScale(0, RoundingMode.CEILING).longValue();
        Map<String, Long> volumes = new LinkedHashMap<>(Map.of(lowest, first, highest, guess));
        volumes.put(absorbing, upper + 50);
        browser.type("合同量 " + absorbing, Long.toString(upper + 50));
        JsonNode refused = check(http, token, volumes);
        assertThat(refused.path("problem").path("code").asText()).isEqualTo("CONTRACT_VOLUME_OUT_OF_RANGE");
        WebElement error = browser.waitFor(By.xpath("//input[@aria-label='合同量 " + absorbing + "']/ancestor::div"
                + "[contains(concat(' ', @class, ' '), ' el-form-item ')][1]//div[contains(@class,'el-form-item__error')]"));
        assertThat(error.getText()).contains(absorbing + " 的合同量须大于", "当前为 " + (upper + 50));
        showsTheFiguresOf(refused);
        browser.screenshot("alloc-03-out-of-range");

        // Fixed, 保存, then 确认 in the list
        BigDecimal middle = refused.path("bounds").path("lower").decimalValue()
                .add(refused.path("bounds").path("upper").decimalValue()).divide(TWO, 0, RoundingMode.DOWN);
        volumes.put(absorbing, middle.longValueExact());
        browser.type("合同量 " + absorbing, middle.toPlainString());
        JsonNode fixed = check(http, token, volumes);
        assertThat(fixed.path("problem").isNull()).as(fixed.toString()).isTrue();
        showsTheFiguresOf(fixed);
        browser.waitUntil("the refusal is gone", b -> b.driver().findElements(
                By.cssSelector(".allocation-dialog .el-form-item__error")).stream().noneMatch(WebElement::isDisplayed));
        browser.clickButton("保存");
        browser.waitForText("已保存");
        browser.waitUntil("the dialog closes", b -> !b.showsText("合同量范围"));
        rowButton(line.lineId(), "确认").click();
        browser.waitForText("已确认");
        browser.waitUntil("the line shows 已确认", b -> rowText(b, line.lineId()).contains("已确认"));

        // 分配采购量确认上报: 上报, then 导出
        browser.menu("采购量分配", "分配采购量确认上报");
        browser.waitForText("全部记录已确认，可以上报");
        browser.assertNoSidewaysScroll();
        browser.clickButton("上报");
        browser.clickButton("确定上报");
        browser.waitFor(By.cssSelector("[data-test=reported]"));
        JsonNode report = http.get(API + "/report", token).json();
        assertThat(report.path("reported").asBoolean()).isTrue();
        String totals = browser.driver().findElement(By.cssSelector("[data-test=total-amount]")).getText();
        assertThat(new BigDecimal(totals.replace(",", ""))).isEqualByComparingTo(report.path("totalAmount").decimalValue());
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=report]")).isEnabled()).isFalse();
        browser.screenshot("alloc-04-report");
        browser.clickButton("导出");
        Path file = browser.download("分配采购量确认上报");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 2, java.nio.charset.StandardCharsets.US_ASCII)).as("an xlsx is a zip")
                .isEqualTo("PK");
    }

    /** The dialog shows exactly the bounds and the allocated total of the API's answer (waiting for the debounce). */
    private void showsTheFiguresOf(JsonNode answer) {
        String lower = answer.path("bounds").path("lower").decimalValue().toPlainString();
        String upper = answer.path("bounds").path("upper").decimalValue().toPlainString();
        String total = answer.path("allocatedTotal").decimalValue().toPlainString();
        browser.waitUntil("the dialog shows the API's bounds " + lower + "–" + upper + " and total " + total, b ->
                same(b, "bounds-lower", lower) && same(b, "bounds-upper", upper) && same(b, "allocated-total", total));
    }

    private static boolean same(ConsoleBrowser b, String dataTest, String figure) {
        List<WebElement> shown = b.driver().findElements(By.cssSelector("[data-test=" + dataTest + "]"));
        if (shown.isEmpty()) {
            return false;
        }
        String text = shown.get(0).getText().replace(",", "").trim();
        return !text.isEmpty() && !"—".equals(text) && new BigDecimal(text).compareTo(new BigDecimal(figure)) == 0;
    }

    private WebElement rowButton(String lineId, String text) {
        // the last one: the 操作 column, fixed on the right, is always in view
        return browser.waitFor(By.xpath("(//tr[contains(@class,'el-table__row')][.//td[normalize-space(.)="
                + ConsoleBrowser.literal(lineId) + "]]//button[normalize-space(.)=" + ConsoleBrowser.literal(text)
                + "])[last()]"));
    }

    private static String rowText(ConsoleBrowser b, String lineId) {
        return b.driver().findElements(By.xpath("//tr[contains(@class,'el-table__row')][.//td[normalize-space(.)="
                + ConsoleBrowser.literal(lineId) + "]]")).stream().map(WebElement::getText).reduce("", String::concat);
    }

    /** Half the line's pending volume in the winner's units: P / 2 / U_d × U_e, at least 1. */
    private static long half(PendingLineView l, BigDecimal winnerDailyUsage) {
        return Math.max(1, BigDecimal.valueOf(l.pendingVolume().minUnits()).multiply(winnerDailyUsage)
                .divide(l.dailyUsage().minUnitsPerDay().multiply(TWO), 0, RoundingMode.HALF_UP).longValue());
    }

    private static JsonNode check(Http http, String token, Map<String, Long> volumes) {
        List<Map<String, Object>> entries = new ArrayList<>();
        volumes.forEach((drug, c) -> entries.add(Map.of("drugCode", drug, "contractVolume", c)));
        Answer a = http.postJson(API + "/pending-lines/" + line.lineId() + "/allocation/check", token,
                Map.of("entries", entries));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json();
    }

    /**
     * Saves and confirms a pending line as the dialog would: the required winners (日均费用最低 and, when shown,
     * 降幅最高) share it, the absorbing entry set inside the bounds the check answers.
     */
    private static void allocateThroughTheApi(Http http, String token, PendingLineView l) {
        String path = API + "/pending-lines/" + l.lineId() + "/allocation";
        Map<String, Long> volumes = new LinkedHashMap<>();
        int shares = l.highestReduction() == null ? 1 : 2;
        volumes.put(l.lowestDailyCost().drugCode(), Math.max(1, BigDecimal.valueOf(l.pendingVolume().minUnits())
                .multiply(l.lowestDailyCost().dailyUsage().minUnitsPerDay())
                .divide(l.dailyUsage().minUnitsPerDay().multiply(BigDecimal.valueOf(shares)), 0, RoundingMode.HALF_UP)
                .longValue()));
        if (l.highestReduction() != null) {
            volumes.put(l.highestReduction().drugCode(), half(l, l.highestReduction().dailyUsage().minUnitsPerDay()));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        volumes.forEach((drug, c) -> entries.add(Map.of("drugCode", drug, "contractVolume", c)));
        JsonNode bounds = http.postJson(path + "/check", token, Map.of("entries", entries)).json().path("bounds");
        long middle = bounds.path("lower").decimalValue().add(bounds.path("upper").decimalValue())
                .divide(TWO, 0, RoundingMode.DOWN).longValueExact();
        volumes.put(bounds.path("drugCode").asText(), middle);
        entries.clear();
        volumes.forEach((drug, c) -> entries.add(Map.of("drugCode", drug, "contractVolume", c)));
        Answer saved = http.putJson(path, token, Map.of("entries", entries));
        assertThat(saved.status()).as(saved.text()).isEqualTo(200);
        Answer confirmed = http.postJson(API + "/pending-lines/" + l.lineId() + "/confirm", token, Map.of());
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
    }
}
