package com.vbp.gateway.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.vbp.gateway.console.ConsoleApp.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 申诉管理 (seed 003 §4.3) in a real browser at 1024×768: an institution of 汉阳区 (420105; accounts no other flow
 * uses) files an appeal on RET-2025-4P7 with a PDF (a text file named .pdf is refused first, naming the file), the
 * bureau of 汉阳区 reads it, downloads the PDF and replies with 办结, and the institution sees the reply.
 */
class ConsoleAppealTest extends BrowserFlow {

    private static final String INSTITUTION = "inst-H42010500003";
    private static final String BUREAU = "bureau-420105";
    private static final String GROUP = "带量采购结余留用";
    private static final String TITLE = "阿托伐他汀钙片实际发生额与入账数据不符";
    private static final String REPLY = "经核实，已按医院入账凭证更正测算数据，请在结算后查看结余金额。";

    @Test
    void an_institution_files_an_appeal_with_a_pdf_the_bureau_replies_and_the_institution_sees_the_reply()
            throws IOException {
        Path folder = Files.createTempDirectory("evidence");
        Path pdf = Files.write(folder.resolve("入账凭证.pdf"), pdf());
        Path fake = Files.writeString(folder.resolve("说明.pdf"), "这不是 PDF，只是文字。", StandardCharsets.UTF_8);

        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.firstLogin(INSTITUTION, DEMO_PASSWORD, "Hanyang2026inst");
        browser.menu(GROUP, "申诉管理");
        browser.waitFor(By.cssSelector("[data-test=query]"));
        browser.assertNoSidewaysScroll();

        // 提交申诉: a text file named .pdf is refused by its content, the file named beside the field.
        browser.clickButton("提交申诉");
        fill();
        attach(fake);
        browser.expectRefusal("/api/v1/appeals", 400);
        browser.clickButton("确认");
        browser.waitForText("“说明.pdf”：");
        browser.assertNoSidewaysScroll();
        browser.screenshot("appeal-01a-refused-file");
        browser.clickButton("取消");

        // Again, with the PDF.
        browser.clickButton("提交申诉");
        fill();
        attach(pdf);
        assertThat(browser.showsText("说明.pdf")).as("取消 dropped the refused file").isFalse();
        browser.clickButton("确认");
        browser.waitForText("申诉已提交");
        browser.waitForText(TITLE);
        browser.waitForText("待处理");
        browser.assertNoSidewaysScroll();
        browser.screenshot("appeal-01-filed");
        logout();

        // The bureau of the district: 查看, the PDF, 回复 with 办结.
        browser.firstLogin(BUREAU, DEMO_PASSWORD, "Hanyang2026bur");
        browser.menu(GROUP, "申诉管理");
        open(TITLE);
        browser.waitFor(By.cssSelector("[data-test=evidence]"));
        browser.waitForText("入账凭证.pdf");
        browser.assertNoSidewaysScroll();
        browser.clickButton("下载");
        assertThat(Files.readAllBytes(browser.download("入账凭证"))).isEqualTo(pdf());
        browser.type("回复内容", REPLY);
        browser.driver().findElement(By.cssSelector("[data-test=resolve]")).click();
        browser.clickButton("提交回复");
        browser.waitForText("回复已提交");
        browser.waitFor(By.cssSelector("[data-test=replies]"));
        browser.waitUntil("the appeal is resolved", b -> b.driver().findElement(By.cssSelector("[data-test=appeal-status]"))
                .getText().equals("已处理"));
        assertThat(browser.showsText("提交回复")).as("a resolved appeal takes no more replies").isFalse();
        browser.assertNoSidewaysScroll();
        browser.screenshot("appeal-02-reply");
        logout();

        // The institution sees the reply, and may reopen its resolved appeal.
        browser.login(INSTITUTION, "Hanyang2026inst");
        browser.waitForText("常用功能");
        browser.menu(GROUP, "申诉管理");
        browser.waitForText(TITLE);
        browser.waitForText("已处理");
        browser.clickButton("导出");
        browser.download("申诉管理");
        open(TITLE);
        browser.waitForText(REPLY);
        browser.waitForText(BUREAU);
        assertThat(browser.showsText("重新打开")).isTrue();
        browser.assertNoSidewaysScroll();
        browser.scrollIntoView(browser.waitFor(By.cssSelector("[data-test=replies]")));
        browser.screenshot("appeal-03-seen");
    }

    private void fill() {
        browser.type("标题", TITLE);
        browser.type("申诉内容", "本院2025年度阿托伐他汀钙片中选产品采购金额与医院入账数据不符，附入账凭证，请核实。");
    }

    private void attach(Path file) {
        browser.driver().findElement(By.cssSelector("[data-test=evidence] input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.waitForText(file.getFileName().toString());
    }

    /** 查看 in the row of the appeal with this title. */
    private void open(String title) {
        browser.waitForText(title);
        browser.driver().findElement(By.xpath("//tr[.//td[contains(normalize-space(.), " + ConsoleBrowser.literal(title)
                + ")]]//button[normalize-space(.)='查看']")).click();
        browser.waitFor(By.cssSelector("[data-test=appeal]"));
    }

    private void logout() {
        browser.clickButton("退出");
        browser.clickButton("退出"); // the confirmation box
        browser.waitForText("您已退出系统");
    }

    /** A minimal valid PDF (one empty page), as the evidence check reads it: PDF by its content. */
    private static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }
}
