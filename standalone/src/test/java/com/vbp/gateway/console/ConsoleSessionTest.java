package com.vbp.gateway.console;

import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.KnownCaptchaAnswers;
import org.junit.jupiter.api.Test;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import java.util.List;
import java.util.Map;

import static com.vbp.gateway.console.ConsoleApp.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 登录, the forced 修改密码, 个人信息, 退出, the captcha after failed logins, and a revoked session going back to
 * 登录 with the reason, in a real browser at the manual's minimum display (1024×768).
 */
class ConsoleSessionTest extends BrowserFlow {

    @Test
    void an_institution_logs_in_changes_its_password_edits_its_profile_and_logs_out() {
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.firstLogin("inst-H42010200002", DEMO_PASSWORD, "Console2026a");
        // Only the institution's menus are offered.
        assertThat(browser.showsText("采购量分配")).isTrue();
        assertThat(browser.showsText("系统管理")).isFalse();
        assertThat(browser.showsText("审计")).isFalse();
        browser.assertNoSidewaysScroll();
        browser.screenshot("session-01-home-1024");

        browser.clickButton("个人信息");
        browser.type("姓名", "王会计");
        browser.type("手机号", "12345");
        browser.expectRefusal("/api/v1/me", 400);
        browser.clickButton("保存");
        browser.waitForText("手机号须为 11 位大陆手机号");
        browser.type("手机号", "13812345678");
        browser.clickButton("保存");
        browser.waitForText("个人信息已保存");
        browser.waitUntil("the header shows the new name", b -> b.showsText("王会计"));
        browser.screenshot("session-02-profile");

        browser.clickButton("退出");
        browser.clickButton("退出"); // the confirmation box
        browser.waitForText("您已退出系统");
        browser.screenshot("session-03-logged-out");
    }

    @Test
    void a_revoked_session_returns_to_login_and_says_why() {
        Http http = ConsoleApp.get().http();
        browser = new ConsoleBrowser(ConsoleApp.port(), 1920, 1080);
        browser.firstLogin("inst-H42010200003", DEMO_PASSWORD, "Console2026b");
        // Elsewhere, the password changes: every token of the account is revoked.
        String token = http.postJson("/api/v1/auth/login", null,
                Map.of("username", "inst-H42010200003", "password", "Console2026b")).json().path("token").asText();
        assertThat(http.postJson("/api/v1/auth/password", token,
                Map.of("oldPassword", "Console2026b", "newPassword", "Console2026c")).status()).isEqualTo(200);

        browser.expectRefusal("/api/v1/", 401);
        // The home page reads the batches with the token; the revocation reaches the token check within moments.
        browser.waitUntil("the console returns to 登录", b -> {
            if (b.driver().getCurrentUrl().contains("#/login")) {
                return true;
            }
            b.open("/profile");
            b.open("/home");
            return false;
        });
        browser.waitForText("登录已失效");
        assertThat(browser.driver().getCurrentUrl()).contains("#/login");
        browser.screenshot("session-04-revoked");
    }

    @Test
    void when_the_token_lifetime_ends_the_page_returns_to_login_and_says_why(@TempDir Path data) {
        // An app of its own whose tokens live 20 seconds instead of 8 hours: the console must act on the token's end.
        try (StandaloneApp shortLived = StandaloneApp.start(data, "app.security.token-lifetime=PT20S",
                "app.bootstrap.admin-password=Bootstrap2026x")) {
            browser = new ConsoleBrowser(shortLived.port(), 1024, 768);
            browser.firstLogin("admin", "Bootstrap2026x", "Console2026e");
            browser.waitForText("常用功能");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(40)).withMessage("back to 登录 when the token ends")
                    .until(d -> d.getCurrentUrl().contains("#/login"));
            browser.waitForText("登录已超过有效时间");
            browser.screenshot("session-06-expired");
        }
    }

    @Test
    void a_clerk_can_log_in_and_reach_the_menu_with_the_keyboard_alone() {
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.open("/login");
        browser.waitFor(By.cssSelector("input[aria-label='用户名']")).click();
        Actions keys = new Actions(browser.driver());
        keys.sendKeys("inst-H42010200005").sendKeys(Keys.TAB).sendKeys(DEMO_PASSWORD).sendKeys(Keys.ENTER).perform();
        browser.waitForText("首次登录，请修改初始密码");
        browser.waitFor(By.cssSelector("input[aria-label='原密码']")).click();
        keys.sendKeys(DEMO_PASSWORD).sendKeys(Keys.TAB).perform();
        // Tab from 原密码 passes the show-password eye (a button) to 新密码.
        tabTo("新密码", 3);
        keys.sendKeys("Console2026k").perform();
        tabTo("确认新密码", 3);
        keys.sendKeys("Console2026k").sendKeys(Keys.ENTER).perform();
        browser.waitForText("常用功能");
        // The menu items are reachable with Tab and open with Enter.
        for (int i = 0; i < 40 && !"首页".equals(focusedText()); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(focusedText()).isEqualTo("首页");
        browser.screenshot("session-07-keyboard");
    }

    private void tabTo(String label, int atMost) {
        for (int i = 0; i < atMost; i++) {
            if (label.equals(browser.script("return document.activeElement.getAttribute('aria-label')"))) {
                return;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.script("return document.activeElement.getAttribute('aria-label')")).isEqualTo(label);
    }

    private String focusedText() {
        return String.valueOf(browser.script("return (document.activeElement.innerText || '').trim()"));
    }

    @Test
    void after_three_failed_logins_the_captcha_is_asked_for_and_answered() {
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.expectRefusal("/api/v1/auth/login", 401);
        for (int i = 0; i < 3; i++) {
            browser.login("inst-H42010200004", "wrong-password-" + i);
            browser.waitForText("用户名或密码错误");
        }
        browser.waitFor(By.cssSelector("[data-test=captcha-image]"));
        browser.type("密码", DEMO_PASSWORD);
        browser.type("验证码", KnownCaptchaAnswers.ANSWER);
        browser.clickButton("登 录");
        browser.waitForText("首次登录，请修改初始密码");
        browser.screenshot("session-05-after-captcha");
        List<String> left = browser.unexpectedLogEntries();
        assertThat(left).isEmpty();
    }
}
