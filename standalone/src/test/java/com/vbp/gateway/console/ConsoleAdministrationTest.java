package com.vbp.gateway.console;

import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.vbp.gateway.console.ConsoleApp.DEMO_PASSWORD;
import static com.vbp.gateway.console.ConsoleBrowser.literal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's 采购批次管理 with a file written by another tool (openpyxl: a date, a boolean, #DIV/0! and a
 * duplicate), every bad row named and nothing imported, then a good file; and 重置密码 in 账号管理.
 */
class ConsoleAdministrationTest extends BrowserFlow {

    private static final String ADMIN = "console-batches";
    private static final String PASSWORD = "Batches2026console";
    private static final String BATCH = "CONSOLE-2027";
    /** An institution of 硚口区 that no other flow logs in as. */
    private static final String CLERK = "inst-H42010400002";

    @Test
    void an_administrator_uploads_an_openpyxl_catalogue_sees_every_bad_row_then_a_good_file_and_resets_a_password()
            throws IOException {
        ConsoleApp.get().bean(Commands.class).sendAndAwait(new CreateAccount(ADMIN, Role.ADMIN, "CITY", null,
                DEMO_PASSWORD, "console-test"));
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.firstLogin(ADMIN, DEMO_PASSWORD, PASSWORD);
        // A fresh batch through the API the console calls (新增批次's date-range picker is Element Plus's own widget).
        Http http = ConsoleApp.get().http();
        String token = http.postJson("/api/v1/auth/login", null, Map.of("username", ADMIN, "password", PASSWORD))
                .json().path("token").asText();
        Answer created = http.postJson("/api/v1/procurement/batches", token, Map.of("code", BATCH,
                "name", "控制台测试批次", "allocationOpensAt", Instant.now().plus(Duration.ofDays(1)).toString(),
                "allocationClosesAt", Instant.now().plus(Duration.ofDays(200)).toString()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        browser.menu("系统管理", "采购批次管理");
        browser.waitForText(BATCH);
        browser.assertNoSidewaysScroll();
        rowButton(BATCH, "上传中选目录");
        browser.expectRefusal("/catalogue", 400);
        upload(fixture("catalogue-with-bad-cells.xlsx"));
        browser.waitForText("文件中有错误的行");
        for (String named : new String[]{"是日期，应为数字", "是真/假值，应为数字", "单元格是错误值", "与前面的行重复"}) {
            browser.waitForText(named);
        }
        browser.screenshot("admin-03-catalogue-bad-rows");

        upload(fixture("catalogue-as-computed.xlsx"));
        browser.waitForText("上传成功");
        browser.waitUntil("the batch shows its products", b -> productCount(http, token) > 0);
        browser.screenshot("admin-04-catalogue-imported");

        browser.menu("系统管理", "账号管理");
        browser.type("所属机构", CLERK.substring("inst-".length()));
        browser.clickButton("查询");
        browser.waitForText(CLERK);
        rowButton(CLERK, "重置密码");
        browser.type("新密码", "Reset2026console");
        browser.type("确认新密码", "Reset2026console");
        browser.clickButton("重置");
        browser.waitForText("的密码已重置");
        browser.screenshot("admin-05-password-reset");

        Answer login = http.postJson("/api/v1/auth/login", null, Map.of("username", CLERK, "password",
                "Reset2026console"));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(login.json().path("mustChangePassword").asBoolean()).as("must change it at the next login").isTrue();
    }

    private int productCount(Http http, String token) {
        return http.get("/api/v1/procurement/batches/" + BATCH, token).json().path("productCount").asInt();
    }

    /** Clicks a button in the table row that shows {@code key}. */
    private void rowButton(String key, String button) {
        browser.waitFor(By.xpath("//tr[contains(@class,'el-table__row')][.//td[normalize-space(.)=" + literal(key)
                + "]]//button[normalize-space(.)=" + literal(button) + "]")).click();
    }

    private void upload(Path file) {
        browser.waitFor(By.cssSelector("[data-test=upload-file]"));
        browser.driver().findElement(By.cssSelector("[data-test=upload-file] input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.clickButton("上传");
    }

    private static Path fixture(String name) throws IOException {
        Path file = Files.createTempDirectory("openpyxl").resolve(name);
        try (InputStream in = ConsoleAdministrationTest.class.getResourceAsStream("/excel/openpyxl/" + name)) {
            Files.copy(in, file);
        }
        return file;
    }
}
