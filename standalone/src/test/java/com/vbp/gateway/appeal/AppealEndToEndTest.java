package com.vbp.gateway.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.appeal.AppealHttp.Full;
import com.vbp.gateway.appeal.AppealHttp.Part;
import com.vbp.gateway.support.Http.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.vbp.gateway.appeal.AppealFixture.BATCH;
import static com.vbp.gateway.appeal.AppealFixture.H1;
import static com.vbp.gateway.appeal.AppealFixture.H2_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 申诉 (seed 003 §4.3) over HTTP on the real standalone application: an institution files an appeal with two
 * evidence files; it, its district bureau and the administrator list, read and download it, while another
 * institution and another district's bureau get exactly the 404 of an unknown appeal; the bureau replies, the
 * administrator resolves, the institution reopens once, and the bureau resolves again.
 */
class AppealEndToEndTest {

    private static final String APPEALS = "/api/v1/appeals";

    @TempDir
    Path dataDir;

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void an_institution_files_its_bureau_answers_the_administrator_resolves_the_institution_reopens() throws Exception {
        try (AppealFixture fx = AppealFixture.start(dataDir)) {
            AppealHttp http = fx.appeals;
            byte[] pdf = EvidenceFiles.pdf(700_000);
            byte[] xlsx = EvidenceFiles.xlsx();
            String pdfName = "申诉说明 第1版.pdf";
            List<Part> evidence = List.of(Part.file(pdfName, pdf), Part.file("采购明细.xlsx", xlsx));

            // 申诉, sent twice with one Idempotency-Key: one appeal, one set of files
            Full filed = http.fileFull(fx.institution, BATCH, "2026年第一批测算数据有误",
                    "我院阿托伐他汀的约定采购量应为 12000 片，测算数据为 10000 片，请核实。", evidence, "appeal-1");
            assertThat(filed.status()).as(new String(filed.body(), StandardCharsets.UTF_8)).isEqualTo(201);
            JsonNode created = filed.answer().json();
            String appeal = created.path("appealId").asText();
            assertThat(filed.header("Location")).contains(APPEALS + "/" + appeal);
            assertThat(created.path("status").asText()).isEqualTo("NEW");
            assertThat(created.path("statusLabel").asText()).isEqualTo("待处理");
            assertThat(created.path("evidence").size()).isEqualTo(2);
            assertThat(fx.storedFiles()).isEqualTo(2);
            Answer again = http.file(fx.institution, BATCH, "2026年第一批测算数据有误",
                    "我院阿托伐他汀的约定采购量应为 12000 片，测算数据为 10000 片，请核实。", evidence, "appeal-1");
            assertThat(again.replayed()).isEqualTo("true");
            assertThat(again.json().path("appealId").asText()).isEqualTo(appeal);
            assertThat(fx.storedFiles()).as("the repeat stored nothing").isEqualTo(2);

            // 申诉管理: who sees it
            JsonNode own = list(fx, fx.institution, "");
            assertThat(own.path("total").asLong()).isEqualTo(1);
            JsonNode row = own.path("items").get(0);
            assertThat(row.path("appealId").asText()).isEqualTo(appeal);
            assertThat(row.path("batchCode").asText()).isEqualTo(BATCH);
            assertThat(row.path("batchName").asText()).isEqualTo("2026年第一批结余留用");
            assertThat(row.path("institutionCode").asText()).isEqualTo(H1);
            assertThat(row.path("institutionName").asText()).isEqualTo("武汉市江岸区人民医院");
            assertThat(row.path("district").asText()).isEqualTo("420102");
            assertThat(row.path("districtName").asText()).isEqualTo("江岸区");
            assertThat(row.path("status").asText()).isEqualTo("NEW");
            assertThat(row.path("handledBy").isNull()).isTrue();
            assertThat(list(fx, fx.bureau, "").path("total").asLong()).isEqualTo(1);
            assertThat(list(fx, fx.admin, "?batch=" + BATCH + "&status=NEW&institution=" + H1).path("total").asLong())
                    .isEqualTo(1);
            assertThat(list(fx, fx.otherInstitution, "").path("total").asLong()).isZero();
            assertThat(fx.http.get(APPEALS + "?institution=" + H1, fx.otherInstitution).code())
                    .as("another institution's appeals are refused").isEqualTo("OUT_OF_SCOPE");
            assertThat(list(fx, fx.otherBureau, "").path("total").asLong()).isZero();
            assertThat(fx.http.get(APPEALS + "?institution=" + H1, fx.otherBureau).code()).isEqualTo("OUT_OF_SCOPE");
            assertThat(fx.http.get(APPEALS, fx.analyst).status()).isEqualTo(403);
            assertThat(fx.http.get(APPEALS + "?status=DONE", fx.admin).code()).isEqualTo("INVALID_REQUEST");

            // the appeal: visible to its institution, its bureau and the administrator; to nobody else
            JsonNode detail = fx.http.get(APPEALS + "/" + appeal, fx.bureau).json();
            assertThat(detail.path("content").asText()).contains("12000 片");
            assertThat(detail.path("districtName").asText()).isEqualTo("江岸区");
            assertThat(detail.path("evidence").size()).isEqualTo(2);
            JsonNode pdfEvidence = detail.path("evidence").get(0);
            assertThat(pdfEvidence.path("name").asText()).isEqualTo(pdfName);
            assertThat(pdfEvidence.path("size").asLong()).isEqualTo(pdf.length);
            assertThat(pdfEvidence.path("contentType").asText()).isEqualTo("application/pdf");
            assertThat(pdfEvidence.path("sha256").asText()).isEqualTo(sha256(pdf));
            assertThat(detail.path("evidence").get(1).path("contentType").asText())
                    .isEqualTo(EvidenceType.XLSX.mediaType());
            assertThat(fx.http.get(APPEALS + "/" + appeal, fx.institution).status()).isEqualTo(200);
            assertThat(fx.http.get(APPEALS + "/" + appeal, fx.admin).status()).isEqualTo(200);
            Answer unknown = fx.http.get(APPEALS + "/00000000-0000-0000-0000-000000000000", fx.otherBureau);
            for (String stranger : List.of(fx.otherInstitution, fx.otherBureau)) {
                Answer hidden = fx.http.get(APPEALS + "/" + appeal, stranger);
                assertThat(hidden.status()).isEqualTo(404);
                assertThat(hidden.code()).isEqualTo(unknown.code()).isEqualTo("UNKNOWN_APPEAL");
                assertThat(hidden.json().path("detail").asText().replace(appeal, "ID"))
                        .isEqualTo(unknown.json().path("detail").asText()
                                .replace("00000000-0000-0000-0000-000000000000", "ID"));
            }

            // 下载: the same bytes, the recorded type, the original name, the digest
            String url = pdfEvidence.path("url").asText();
            Full download = http.get(url, fx.bureau, Map.of());
            assertThat(download.status()).isEqualTo(200);
            assertThat(sha256(download.body())).isEqualTo(sha256(pdf));
            assertThat(download.header("Content-Type")).contains("application/pdf");
            String disposition = download.header("Content-Disposition").orElseThrow();
            assertThat(disposition).startsWith("attachment;");
            String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + 17);
            assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(pdfName);
            assertThat(download.header("ETag")).contains("\"" + sha256(pdf) + "\"");
            assertThat(download.header("Repr-Digest")).contains("sha-256=:" + Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(pdf)) + ":");
            assertThat(http.get(url, fx.institution, Map.of("If-None-Match", "\"" + sha256(pdf) + "\"")).status())
                    .isEqualTo(304);
            Full xlsxDownload = http.get(detail.path("evidence").get(1).path("url").asText(), fx.admin, Map.of());
            assertThat(sha256(xlsxDownload.body())).isEqualTo(sha256(xlsx));
            assertThat(http.get(url, fx.otherBureau, Map.of()).status()).isEqualTo(404);
            assertThat(http.get(url, fx.otherInstitution, Map.of()).answer().code()).isEqualTo("UNKNOWN_APPEAL");
            assertThat(http.get(APPEALS + "/" + appeal + "/evidence/0123456789abcdef01234567", fx.bureau, Map.of())
                    .answer().code()).isEqualTo("UNKNOWN_EVIDENCE");

            // 回复 by the bureau; others may not
            Answer strangerReply = http.postJson(APPEALS + "/" + appeal + "/reply", fx.otherBureau,
                    Map.of("message", "不归我管", "resolve", true), null);
            assertThat(strangerReply.status()).isEqualTo(404);
            assertThat(strangerReply.code()).isEqualTo("UNKNOWN_APPEAL");
            assertThat(http.postJson(APPEALS + "/" + appeal + "/reply", fx.institution,
                    Map.of("message", "自己回复", "resolve", false), null).status()).isEqualTo(403);
            Answer replied = http.postJson(APPEALS + "/" + appeal + "/reply", fx.bureau,
                    Map.of("message", "请补充药品入库单。", "resolve", false), "reply-1");
            assertThat(replied.status()).as(replied.text()).isEqualTo(200);
            assertThat(replied.json().path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(replied.json().path("statusLabel").asText()).isEqualTo("处理中");
            assertThat(replied.json().path("handledBy").asText()).isEqualTo("bureau-420102");
            assertThat(replied.json().path("replies").get(0).path("message").asText()).isEqualTo("请补充药品入库单。");
            assertThat(http.postJson(APPEALS + "/" + appeal + "/reply", fx.bureau,
                    Map.of("message", "请补充药品入库单。", "resolve", false), "reply-1").text())
                    .as("a repeated reply is answered, not stored twice").isEqualTo(replied.text());
            assertThat(http.postJson(APPEALS + "/" + appeal + "/reply", fx.bureau, Map.of("message", " ",
                    "resolve", false), null).status()).isEqualTo(400);

            // 重新打开 is only for a resolved appeal
            Answer early = http.postJson(APPEALS + "/" + appeal + "/reopen", fx.institution,
                    Map.of("reason", "还没处理完"), null);
            assertThat(early.status()).isEqualTo(409);
            assertThat(early.code()).isEqualTo("APPEAL_NOT_RESOLVED");

            // the administrator resolves it; no more replies
            Answer resolved = http.postJson(APPEALS + "/" + appeal + "/reply", fx.admin,
                    Map.of("message", "已核实，予以调整。", "resolve", true), null);
            assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);
            assertThat(resolved.json().path("status").asText()).isEqualTo("RESOLVED");
            assertThat(resolved.json().path("statusLabel").asText()).isEqualTo("已处理");
            assertThat(resolved.json().path("handledBy").asText()).isEqualTo("admin");
            assertThat(resolved.json().path("replies").size()).isEqualTo(2);
            Answer late = http.postJson(APPEALS + "/" + appeal + "/reply", fx.bureau,
                    Map.of("message", "再补一句", "resolve", false), null);
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.code()).isEqualTo("APPEAL_RESOLVED");
            assertThat(list(fx, fx.bureau, "?status=RESOLVED").path("total").asLong()).isEqualTo(1);
            assertThat(list(fx, fx.bureau, "?status=IN_PROGRESS").path("total").asLong()).isZero();

            // the institution reopens it, once; another institution cannot
            Answer foreignReopen = http.postJson(APPEALS + "/" + appeal + "/reopen", fx.otherInstitution,
                    Map.of("reason", "试试"), null);
            assertThat(foreignReopen.status()).isEqualTo(404);
            assertThat(foreignReopen.code()).isEqualTo("UNKNOWN_APPEAL");
            Answer reopened = http.postJson(APPEALS + "/" + appeal + "/reopen", fx.institution,
                    Map.of("reason", "调整后的金额仍不对。"), null);
            assertThat(reopened.status()).as(reopened.text()).isEqualTo(200);
            assertThat(reopened.json().path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(reopened.json().path("reopenReason").asText()).isEqualTo("调整后的金额仍不对。");
            assertThat(reopened.json().path("handledBy").asText()).as("reopening is not handling").isEqualTo("admin");
            Answer resolvedAgain = http.postJson(APPEALS + "/" + appeal + "/reply", fx.bureau,
                    Map.of("message", "已再次核实。", "resolve", true), null);
            assertThat(resolvedAgain.json().path("status").asText()).isEqualTo("RESOLVED");
            assertThat(resolvedAgain.json().path("handledBy").asText()).isEqualTo("bureau-420102");
            Answer twice = http.postJson(APPEALS + "/" + appeal + "/reopen", fx.institution,
                    Map.of("reason", "还是不对"), null);
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.code()).isEqualTo("ALREADY_REOPENED");
            JsonNode finalRow = list(fx, fx.admin, "").path("items").get(0);
            assertThat(finalRow.path("handledBy").asText()).isEqualTo("bureau-420102");
            assertThat(finalRow.path("handledAt").isNull()).isFalse();

            // a refused filing stores nothing
            Answer refused = http.file(fx.institution, H2_ONLY, "标题", "内容",
                    List.of(Part.file("a.pdf", EvidenceFiles.pdf()), Part.file("b.png", EvidenceFiles.png())));
            assertThat(refused.code()).isEqualTo("NOT_A_PARTICIPANT");
            assertThat(fx.storedFiles()).isEqualTo(2);
        }
    }

    private static JsonNode list(AppealFixture fx, String token, String query) {
        Answer a = fx.http.get(APPEALS + query, token);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json();
    }
}
