package com.vbp.gateway.console;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.vbp.gateway.console.ConsoleApp.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 带量采购结余留用 (seed 003 §4.1–§4.2) in a real browser at 1024×768: the bureau of 江汉区 (420103, an account no
 * other flow uses) exports its 考核评分模版 for the open batch RET-2025-4P7, uploads it filled with one bad score and
 * sees that row named, uploads it fixed, then reads the finalised RET-2024-4P7's 医疗机构结余金额, an institution's
 * 详情 and a 品种详情. An institution of that district ({@value #INSTITUTION}) files its 自评分.
 */
class ConsoleRetentionTest extends BrowserFlow {

    private static final String BUREAU = "bureau-420103";
    private static final String INSTITUTION = "inst-H42010300007";
    private static final String GROUP = "带量采购结余留用";

    @Test
    void a_district_bureau_uploads_scores_sees_the_bad_row_named_fixes_it_and_reads_the_amounts() throws IOException {
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.firstLogin(BUREAU, DEMO_PASSWORD, "Jianghan2026ret");

        // 结余测算数据上报: the open batch, its window and the district's institutions only.
        browser.menu(GROUP, "结余测算数据上报");
        browser.waitFor(By.cssSelector("[data-test=batch-window]"));
        browser.waitForText("填报中");
        browser.waitForText("H42010300001");
        assertThat(browser.showsText("H42010200001")).as("another district's institution").isFalse();
        browser.assertNoSidewaysScroll();

        // 导出模版
        browser.clickButton("导出模版");
        Path template = browser.download("考核评分模版-RET-2025-4P7");
        browser.waitForText("已导出");
        browser.screenshot("ret-01-template");

        // 考核数据上传 with one score out of range: refused, that row named, nothing imported.
        List<String> codes = new ArrayList<>();
        Path bad = filled(template, "考核评分-有误.xlsx", codes, 1);
        assertThat(codes).hasSizeGreaterThan(1).allMatch(c -> c.startsWith("H420103"));
        browser.expectRefusal("/assessment-scores", 400);
        upload(bad);
        WebElement rows = browser.waitFor(By.cssSelector("[data-test=problem-rows]"));
        browser.waitForText("文件中有错误的行");
        assertThat(rows.getText()).contains("3").contains("医保考核评分").contains("超出允许范围");
        browser.assertNoSidewaysScroll();
        browser.screenshot("ret-02-bad-row");

        // Fixed: accepted, every row counted, the scores in the list.
        Path fixed = filled(template, "考核评分.xlsx", new ArrayList<>(), -1);
        upload(fixed);
        browser.waitForText("考核数据上传成功：已导入 " + codes.size() + " 家医疗机构的医保考核评分");
        browser.waitUntil("the problem is gone", b -> !b.showsText("文件中有错误的行"));
        browser.waitForText("88.5");
        // The list reloads after the upload's answer; the last of its rows may be drawn a moment after the first.
        browser.waitUntil("every institution of the district is assessed now", b -> !b.showsText("未考核"));

        // 医疗机构结余金额 of the finalised batch, then 详情 and 品种详情.
        browser.menu(GROUP, "医疗机构结余金额");
        browser.waitFor(By.cssSelector("[data-test=totals]"));
        browser.waitForText("H42010300001");
        browser.waitForText("已结算");
        assertThat(browser.showsText("H42010200001")).isFalse();
        browser.assertNoSidewaysScroll();
        browser.screenshot("ret-03-amounts");
        browser.clickButton("导出");
        browser.download("医疗机构结余金额-RET-2024-4P7");

        browser.driver().findElement(By.xpath("//tr[.//td[contains(normalize-space(.), 'H42010300001')]]"
                + "//button[normalize-space(.)='详情']")).click();
        browser.waitFor(By.cssSelector("[data-test=varieties]"));
        browser.waitForText("职保结余留用金额（元）");
        browser.assertNoSidewaysScroll();
        browser.screenshot("ret-03b-amount-detail");
        browser.clickButton("导出");
        browser.download("品种详情-RET-2024-4P7-H42010300001");
        browser.clickButton("品种详情");
        browser.waitFor(By.cssSelector("[data-test=variety-detail]"));
        browser.waitForText("集采前单价（元）");
        browser.assertNoSidewaysScroll();
        browser.screenshot("ret-04-variety-detail");
    }

    @Test
    void an_institution_files_its_self_assessment_and_sees_a_refusal_beside_the_field() {
        browser = new ConsoleBrowser(ConsoleApp.port(), 1024, 768);
        browser.firstLogin(INSTITUTION, DEMO_PASSWORD, "Jianghan2026inst");
        browser.menu(GROUP, "结余测算数据上报");
        browser.waitForText(INSTITUTION.substring("inst-".length()));
        assertThat(browser.showsText("导出模版")).as("a bureau's button").isFalse();
        browser.assertNoSidewaysScroll();

        browser.clickButton("自评");
        browser.type("自评分", "100.55");
        browser.expectRefusal("/self-assessment", 400);
        browser.clickButton("保存");
        browser.waitForText("评分须在 0 到 100 之间，最多一位小数");
        browser.screenshot("ret-05-self-assessment-refused");
        browser.type("自评分", "92.5");
        browser.clickButton("保存");
        browser.waitForText("自评分已保存");
        browser.waitForText("92.5");
        browser.assertNoSidewaysScroll();
    }

    private void upload(Path file) {
        browser.driver().findElement(By.cssSelector("[data-test=upload-scores] input[type=file]"))
                .sendKeys(file.toAbsolutePath().toString());
    }

    /**
     * The downloaded template with 医保考核评分 filled for every institution (88.5); the data row at
     * {@code badIndex} (0 = first institution) gets 120, outside 0–100. Collects the institution codes.
     */
    private static Path filled(Path template, String name, List<String> codes, int badIndex) throws IOException {
        Path out = Files.createTempDirectory("scores").resolve(name);
        try (InputStream in = Files.newInputStream(template); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            Row header = sheet.getRow(0);
            int codeColumn = -1;
            int scoreColumn = -1;
            DataFormatter text = new DataFormatter();
            for (Cell c : header) {
                if ("机构编码".equals(text.formatCellValue(c))) {
                    codeColumn = c.getColumnIndex();
                }
                if ("医保考核评分".equals(text.formatCellValue(c))) {
                    scoreColumn = c.getColumnIndex();
                }
            }
            assertThat(codeColumn).as("机构编码 column").isNotNegative();
            assertThat(scoreColumn).as("医保考核评分 column").isNotNegative();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null || text.formatCellValue(row.getCell(codeColumn)).isBlank()) {
                    continue;
                }
                codes.add(text.formatCellValue(row.getCell(codeColumn)));
                Cell score = row.getCell(scoreColumn) == null ? row.createCell(scoreColumn) : row.getCell(scoreColumn);
                score.setCellValue(r - 1 == badIndex ? 120 : 88.5);
            }
            try (OutputStream o = Files.newOutputStream(out)) {
                book.write(o);
            }
        }
        return out;
    }
}
