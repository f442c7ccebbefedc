package com.vbp.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.vbp.gateway.console.ConsoleApp.DEMO_PASSWORD;
import static com.vbp.gateway.console.ConsoleBrowser.literal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The oversight roles' screens in a real browser: the auditor's 事件历史, 对象时间线 with the state as of a moment,
 * and 校验; the analyst's charts with 导出; the administrator's 账号管理 and 读模型重建.
 */
class ConsoleOversightTest extends BrowserFlow {

    private static final String BATCH = "HB-ZCY-2023";
    @Test
    void an_auditor_filters_the_history_opens_a_timeline_and_a_past_state_and_verifies_the_chain() {
        browser = new ConsoleBrowser(ConsoleApp.port(), 1920, 1080);
        browser.firstLogin("auditor", DEMO_PASSWORD, "Audit2026console");
        assertThat(browser.showsText("系统管理")).isFalse();

        browser.menu("审计", "事件历史");
        waitForRows();
        browser.type("对象编号", BATCH);
        browser.clickButton("查询");
        browser.waitUntil("only the batch's events are listed", b -> rows().size() > 0
                && rows().stream().allMatch(r -> r.getText().contains(BATCH)));
        browser.assertNoSidewaysScroll();
        browser.screenshot("audit-01-events");

        browser.clickButton("详情");
        browser.waitFor(By.cssSelector("[data-test=payload]"));
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=payload]")).getText()).contains(BATCH);
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
        browser.waitUntil("the detail closes", b -> !b.showsText("元数据"));

        // 时间线 of the first row: the batch's aggregate, its events, and its state just after the first one.
        rows().get(0).findElement(By.xpath(".//button[normalize-space(.)='时间线']")).click();
        browser.waitFor(By.cssSelector("[data-test=timeline] .el-timeline-item"));
        assertThat(browser.driver().getCurrentUrl()).contains("/audit/aggregate").contains(BATCH);
        browser.clickButton("此刻状态");
        browser.waitUntil("the state as of the first event", b -> b.showsText("版本（已发生事件数）")
                && b.driver().findElement(By.cssSelector("[data-test=state]")).getText().contains(BATCH));
        browser.assertNoSidewaysScroll();
        browser.screenshot("audit-02-timeline");

        browser.menu("审计", "校验");
        browser.clickButton("开始校验");
        WebElement hash = browser.waitFor(By.cssSelector("[data-test=head-hash]"));
        browser.waitUntil("a head hash", b -> !hash.getText().isBlank() && !hash.getText().equals("—"));
        assertThat(browser.driver().findElement(By.cssSelector("[data-test=intact]")).getText()).isEqualTo("通过");
        browser.assertNoSidewaysScroll();
        browser.screenshot("audit-03-integrity");
    }

    @Test
    void an_analyst_sees_contract_amounts_and_retention_by_district_as_charts_and_tables_and_exports_them() {
        confirmOneSelectedLine();
        browser = new ConsoleBrowser(ConsoleApp.port(), 1920, 1080);
        browser.firstLogin("analyst", DEMO_PASSWORD, "Analyst2026console");
        assertThat(browser.showsText("审计")).isFalse();

        browser.menu("统计分析", "合同金额统计");
        waitForRows();
        assertChartDrawn();
        clickVisible(By.xpath("//label[contains(@class,'el-radio-button')][normalize-space(.)='区县']"));
        waitForRows();
        browser.clickButton("导出");
        assertThat(browser.download("合同金额")).isNotEmptyFile();
        browser.assertNoSidewaysScroll();

        browser.menu("统计分析", "结余留用汇总");
        waitForRows();
        assertChartDrawn();
        browser.assertNoSidewaysScroll();
        browser.screenshot("analyst-01-chart");
        browser.clickButton("导出");
        Path export = browser.download("结余留用汇总");
        assertThat(export).isNotEmptyFile();

        browser.menu("统计分析", "分配进度");
        waitForRows();
        assertChartDrawn();
        browser.assertNoSidewaysScroll();
    }

    @Test
    void an_administrator_creates_an_account_is_told_a_username_is_taken_disables_it_and_replays_a_projection() {
        // An administrator of this flow's own: the demo `admin` may be used by other flows with its demo password.
        String admin = "console-admin";
        ConsoleApp.get().bean(Commands.class).sendAndAwait(new CreateAccount(admin, Role.ADMIN, "CITY", null,
                DEMO_PASSWORD, "console-test"));
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.firstLogin(admin, DEMO_PASSWORD, "Admin2026console");

        browser.menu("系统管理", "账号管理");
        waitForRows();
        browser.assertNoSidewaysScroll();
        String clerk = "console-clerk1";
        newAccount(clerk);
        browser.waitForText("已新增账号 " + clerk);

        // The same username again: refused next to 用户名.
        browser.expectRefusal("/api/v1/admin/accounts", 409);
        newAccount(clerk);
        WebElement error = browser.waitFor(By.xpath(dialog("新增账号")
                + "//div[contains(@class,'el-form-item')][.//input[@aria-label='用户名']]//div[contains(@class,'el-form-item__error')]"));
        assertThat(error.getText()).isEqualTo("用户名已存在");
        browser.clickButton("取消");

        browser.type("所属机构", "H42010200001");
        browser.clickButton("查询");
        browser.waitUntil("the institution's accounts", b -> rows().stream().anyMatch(r -> r.getText().contains(clerk)));
        WebElement row = rows().stream().filter(r -> r.getText().contains(clerk)).findFirst().orElseThrow();
        row.findElement(By.xpath(".//button[normalize-space(.)='停用']")).click();
        browser.clickButton("停用"); // the confirmation
        browser.waitForText("账号 " + clerk + " 已停用");
        browser.waitUntil("the account shows 停用", b -> rows().stream().filter(r -> r.getText().contains(clerk))
                .anyMatch(r -> !r.findElements(By.xpath(".//span[contains(@class,'el-tag')][normalize-space(.)='停用']")).isEmpty()));
        browser.assertNoSidewaysScroll();
        browser.screenshot("admin-01-accounts");

        browser.menu("系统管理", "读模型重建");
        browser.waitFor(By.cssSelector("[data-test='replay-allocation-summary']")).click();
        browser.clickButton("重建"); // the confirmation
        browser.waitUntil("the replay ends", b -> "已完成".equals(b.driver()
                .findElement(By.cssSelector("[data-test='state-allocation-summary']")).getText()));
        assertThat(browser.driver().findElement(By.cssSelector("[data-test='progress-allocation-summary']"))
                .getAttribute("aria-valuenow")).isEqualTo("100");
        browser.assertNoSidewaysScroll();
        browser.screenshot("admin-02-replay");
    }

    /** Fills 新增账号 for an institution account of the demo's first institution and saves it. */
    private void newAccount(String username) {
        browser.clickButton("新增账号");
        typeIn("新增账号", "用户名", username);
        browser.waitFor(By.xpath(dialog("新增账号") + "//div[contains(@class,'el-select')]")).click();
        clickVisible(By.xpath("//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='医疗机构']"));
        typeIn("新增账号", "所属机构", "H42010200001");
        typeIn("新增账号", "初始密码", "Clerk2026initial");
        browser.clickButton("保存");
    }

    /** Clicks the displayed one of the matches (the list's own select has the same options, hidden). */
    private void clickVisible(By by) {
        browser.waitUntil("a displayed " + by, b -> b.driver().findElements(by).stream().anyMatch(WebElement::isDisplayed));
        browser.driver().findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElseThrow().click();
    }

    private static String dialog(String title) {
        return "//div[contains(@class,'el-dialog')][.//span[contains(@class,'el-dialog__title')][normalize-space(.)="
                + literal(title) + "]]";
    }

    /** Types into a field of an open dialog (the list's filters behind it may have the same label). */
    private void typeIn(String dialogTitle, String label, String text) {
        WebElement input = browser.waitFor(By.xpath(dialog(dialogTitle) + "//input[@aria-label=" + literal(label) + "]"));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    private List<WebElement> rows() {
        return browser.driver().findElements(By.cssSelector(".list-page .el-table__body-wrapper tr.el-table__row"))
                .stream().filter(WebElement::isDisplayed).toList();
    }

    private void waitForRows() {
        browser.waitUntil("the table has rows", b -> !rows().isEmpty());
    }

    /** Every chart of the screen is drawn: an ECharts canvas of a real size. */
    private void assertChartDrawn() {
        browser.waitUntil("the chart is drawn", b -> {
            List<WebElement> canvases = b.driver().findElements(By.cssSelector("[data-test=chart] canvas"));
            return !canvases.isEmpty() && canvases.stream()
                    .allMatch(c -> c.getSize().getWidth() > 100 && c.getSize().getHeight() > 100);
        });
    }

    /**
     * The demo data has no confirmed allocation: an institution no other flow uses (outside 江岸区) confirms one
     * selected line through the API, so that the contract amounts have a row.
     */
    private static void confirmOneSelectedLine() {
        Http http = ConsoleApp.get().http();
        String setup = "console-setup";
        ConsoleApp.get().bean(Commands.class).sendAndAwait(new CreateAccount(setup, Role.ADMIN, "CITY", null,
                DEMO_PASSWORD, "console-test"));
        String admin = passwordChanged(http, setup, "Setup2026console");
        JsonNode accounts = http.get("/api/v1/admin/accounts?role=INSTITUTION&size=500", admin).json().path("items");
        // The lowest-coded institution outside the districts the other flows use (江岸区 sessions, 江汉区 and 汉阳区
        // retention and appeals); the allocation flow takes the highest-coded one.
        String institution = null;
        for (JsonNode a : accounts) {
            String candidate = a.path("username").asText();
            if (!Set.of("420102", "420103", "420105").contains(a.path("district").asText())
                    && (institution == null || candidate.compareTo(institution) < 0)) {
                institution = candidate;
            }
        }
        assertThat(institution).as("an institution no other flow uses").isNotNull();
        String token = passwordChanged(http, institution, "Inst2026console");
        String lines = "/api/v1/procurement/batches/" + BATCH + "/selected-lines";
        JsonNode line = http.get(lines + "?size=1", token).json().path("items").get(0);
        Answer confirmed = http.postJson(lines + "/" + line.path("lineId").asText() + "/confirm", token, Map.of());
        assertThat(confirmed.status()).as(confirmed.text()).isBetween(200, 204);
    }

    private static String passwordChanged(Http http, String username, String newPassword) {
        Answer login = http.postJson("/api/v1/auth/login", null, Map.of("username", username, "password", DEMO_PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        Answer changed = http.postJson("/api/v1/auth/password", login.json().path("token").asText(),
                Map.of("oldPassword", DEMO_PASSWORD, "newPassword", newPassword));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        return changed.json().path("token").asText();
    }
}
