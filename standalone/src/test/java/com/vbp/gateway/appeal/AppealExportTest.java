package com.vbp.gateway.appeal;

import com.vbp.gateway.appeal.AppealHttp.Part;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.XlsxCells;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static com.vbp.gateway.appeal.AppealFixture.BATCH;
import static com.vbp.gateway.appeal.AppealFixture.H1;
import static com.vbp.gateway.appeal.AppealFixture.H2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 申诉管理 导出 ({@code GET /api/v1/appeals.xlsx}): the list's rows with its filters and scope, unpaged; the same
 * refusals as the list, before any byte of a file.
 */
class AppealExportTest {

    private static final String EXPORT = "/api/v1/appeals.xlsx";

    @TempDir
    Path dataDir;

    @Test
    void the_export_has_the_rows_each_caller_may_list_with_the_same_filters_and_refusals() throws Exception {
        try (AppealFixture fx = AppealFixture.start(dataDir)) {
            // given an appeal of H1 (district 420102), answered and resolved, and one of H2 (420103), new
            List<Part> pdf = List.of(Part.file("说明.pdf", EvidenceFiles.pdf()));
            Answer first = fx.appeals.file(fx.institution, BATCH, "约定采购量有误", "应为 12000 片。", pdf);
            assertThat(first.status()).as(first.text()).isEqualTo(201);
            String appeal = first.json().path("appealId").asText();
            assertThat(fx.http.postJson("/api/v1/appeals/" + appeal + "/reply", fx.bureau,
                    java.util.Map.of("message", "已更正", "resolve", true)).status()).isEqualTo(200);
            assertThat(fx.appeals.file(fx.otherInstitution, BATCH, "实际发生额有误", "请核实。", pdf).status())
                    .isEqualTo(201);

            // when the administrator exports all of them
            Answer all = fx.http.get(EXPORT, fx.admin);

            // then both rows, newest first, with the list's columns and the status in words
            assertThat(all.status()).as(all.text()).isEqualTo(200);
            assertThat(all.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            List<List<String>> rows = XlsxCells.of(all.body());
            assertThat(rows.get(0)).containsExactlyElementsOf(AppealsSheet.TITLES);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(1).subList(0, 7)).containsExactly(BATCH, "2026年第一批结余留用", "实际发生额有误", H2,
                    "武汉市第一医院", "420103", "江汉区");
            assertThat(rows.get(1).get(8)).isEqualTo("待处理");
            assertThat(rows.get(2).get(3)).isEqualTo(H1);
            assertThat(rows.get(2).get(8)).isEqualTo("已处理");
            assertThat(rows.get(2).get(9)).isEqualTo("bureau-420102");
            assertThat(rows.get(2).get(7)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

            // and each caller gets what it may list, filters applied
            assertThat(XlsxCells.of(fx.http.get(EXPORT, fx.bureau).body())).hasSize(2)
                    .element(1).satisfies(r -> assertThat(r.get(3)).isEqualTo(H1));
            assertThat(XlsxCells.of(fx.http.get(EXPORT, fx.otherInstitution).body())).hasSize(2)
                    .element(1).satisfies(r -> assertThat(r.get(3)).isEqualTo(H2));
            assertThat(XlsxCells.of(fx.http.get(EXPORT + "?status=RESOLVED", fx.admin).body())).hasSize(2);
            assertThat(XlsxCells.of(fx.http.get(EXPORT + "?batch=" + BATCH + "&district=420103", fx.admin).body()))
                    .hasSize(2);

            // and the list's refusals: out of scope, a bad status, analysts
            Answer outside = fx.http.get(EXPORT + "?district=420103", fx.bureau);
            assertThat(outside.status()).isEqualTo(403);
            assertThat(outside.code()).isEqualTo("OUT_OF_SCOPE");
            Answer badStatus = fx.http.get(EXPORT + "?status=DONE", fx.admin);
            assertThat(badStatus.status()).isEqualTo(400);
            assertThat(badStatus.code()).isEqualTo("INVALID_REQUEST");
            assertThat(fx.http.get(EXPORT, fx.analyst).status()).isEqualTo(403);
        }
    }
}
