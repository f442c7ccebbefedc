package com.vbp.gateway.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.appeal.AppealHttp.Part;
import com.vbp.gateway.support.Http.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.vbp.gateway.appeal.AppealFixture.BATCH;
import static com.vbp.gateway.appeal.AppealFixture.H2_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filing an appeal over HTTP on the real standalone application: every bad upload is a 4xx problem naming the
 * file and the figures, and leaves nothing in the evidence store; the limits hold exactly at their bounds.
 */
class AppealUploadTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path dataDir;

    private static AppealFixture fx;

    @BeforeAll
    static void start() {
        fx = AppealFixture.start(dataDir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private Answer file(String token, String batch, Part... files) {
        return fx.appeals.file(token, batch, "测算数据有误", "我院的中选药品采购量与实际不符，请核实。", List.of(files));
    }

    private static void assertProblem(Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.code()).isEqualTo(code);
    }

    @Test
    void a_file_one_byte_over_ten_mib_is_refused_and_names_the_file() {
        long before = fx.storedFiles();
        Answer a = file(fx.institution, BATCH, Part.file("ok.pdf", EvidenceFiles.pdf()),
                Part.file("大文件.pdf", EvidenceFiles.pdf(10L * MIB + 1)));
        assertProblem(a, 413, "FILE_TOO_LARGE");
        JsonNode figures = a.json().path("figures");
        assertThat(figures.path("file").asText()).isEqualTo("大文件.pdf");
        assertThat(figures.path("position").asInt()).isEqualTo(2);
        assertThat(figures.path("limitBytes").asLong()).isEqualTo(10L * MIB);
        assertThat(figures.path("actualBytes").asLong()).isEqualTo(10L * MIB + 1);
        assertThat(fx.storedFiles()).isEqualTo(before);
    }

    @Test
    void a_file_of_exactly_ten_mib_is_accepted() {
        long before = fx.storedFiles();
        Answer a = file(fx.institution, BATCH, Part.file("limit.pdf", EvidenceFiles.pdf(10L * MIB)));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        assertThat(a.json().path("evidence").get(0).path("size").asLong()).isEqualTo(10L * MIB);
        assertThat(fx.storedFiles()).isEqualTo(before + 1);
    }

    @Test
    void eleven_files_are_too_many() {
        List<Part> files = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            files.add(Part.file("p" + i + ".png", EvidenceFiles.png()));
        }
        long before = fx.storedFiles();
        Answer a = fx.appeals.file(fx.institution, BATCH, "标题", "内容", files);
        assertProblem(a, 400, "TOO_MANY_FILES");
        assertThat(a.json().path("figures").path("limitFiles").asInt()).isEqualTo(10);
        assertThat(a.json().path("figures").path("actualFiles").asInt()).isEqualTo(11);
        assertThat(fx.storedFiles()).isEqualTo(before);
    }

    @Test
    void a_renamed_executable_is_refused() {
        Answer a = file(fx.institution, BATCH, Part.file("x.pdf", EvidenceFiles.executable()));
        assertProblem(a, 400, "UNSUPPORTED_FILE_TYPE");
        assertThat(a.json().path("figures").path("file").asText()).isEqualTo("x.pdf");
        assertThat(a.json().path("detail").asText()).contains("x.pdf");
    }

    @Test
    void a_text_file_named_pdf_is_refused() {
        Answer a = file(fx.institution, BATCH, Part.file("证明.pdf", EvidenceFiles.text()));
        assertProblem(a, 400, "UNSUPPORTED_FILE_TYPE");
        assertThat(a.json().path("figures").path("detectedType").asText()).isEqualTo("text/plain");
    }

    @Test
    void an_empty_file_is_refused() {
        Answer a = file(fx.institution, BATCH, Part.file("空白.pdf", new byte[0]));
        assertProblem(a, 400, "EMPTY_FILE");
        assertThat(a.json().path("figures").path("file").asText()).isEqualTo("空白.pdf");
    }

    @Test
    void a_docx_named_xlsx_is_refused_as_a_mismatch() {
        Answer a = file(fx.institution, BATCH, Part.file("明细.xlsx", EvidenceFiles.docx()));
        assertProblem(a, 400, "FILE_TYPE_MISMATCH");
        assertThat(a.json().path("figures").path("detectedType").asText())
                .isEqualTo(EvidenceType.DOCX.mediaType());
    }

    @Test
    void a_zip_that_is_not_an_office_document_is_refused() {
        Answer a = file(fx.institution, BATCH, Part.file("明细.xlsx", EvidenceFiles.plainZip()));
        assertProblem(a, 400, "UNSUPPORTED_FILE_TYPE");
        assertThat(a.json().path("figures").path("detectedType").asText()).isEqualTo("application/zip");
    }

    @Test
    void every_accepted_kind_is_stored_with_its_detected_type() {
        Answer a = file(fx.institution, BATCH, Part.file("a.pdf", EvidenceFiles.pdf()),
                Part.file("b.jpg", EvidenceFiles.jpeg()), Part.file("c.png", EvidenceFiles.png()),
                Part.file("d.xlsx", EvidenceFiles.xlsx()), Part.file("e.docx", EvidenceFiles.docx()));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        List<String> types = new ArrayList<>();
        a.json().path("evidence").forEach(e -> types.add(e.path("contentType").asText()));
        assertThat(types).containsExactly("application/pdf", "image/jpeg", "image/png",
                EvidenceType.XLSX.mediaType(), EvidenceType.DOCX.mediaType());
    }

    @Test
    void a_request_over_the_multipart_limit_is_a_clear_413() {
        // 11 files of 10 MiB: 110 MiB, over the 105 MB request limit, refused before any file is looked at
        byte[] tenMib = EvidenceFiles.pdf(10L * MIB);
        List<Part> files = new ArrayList<>(Collections.nCopies(11, Part.file("big.pdf", tenMib)));
        long before = fx.storedFiles();
        Answer a = fx.appeals.file(fx.institution, BATCH, "标题", "内容", files);
        assertProblem(a, 413, "FILE_TOO_LARGE");
        assertThat(fx.storedFiles()).isEqualTo(before);
    }

    @Test
    void more_parts_than_the_server_parses_are_a_4xx() {
        // Tomcat parses at most 50 parts; Spring reports the excess as an upload size problem (maxBytes -1)
        List<Part> files = new ArrayList<>(Collections.nCopies(60, Part.file("p.png", EvidenceFiles.png())));
        Answer a = fx.appeals.file(fx.institution, BATCH, "标题", "内容", files);
        assertThat(a.status()).as(a.text()).isBetween(400, 499);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }

    @Test
    void a_single_part_over_the_multipart_file_limit_is_a_clear_413() {
        Answer a = file(fx.institution, BATCH, Part.file("huge.pdf", EvidenceFiles.pdf(22L * MIB)));
        assertProblem(a, 413, "FILE_TOO_LARGE");
    }

    @Test
    void missing_fields_are_named_under_the_code_of_the_first() {
        Answer a = fx.appeals.file(fx.institution, BATCH, null, " ", List.of(Part.file("a.pdf", EvidenceFiles.pdf())));
        assertProblem(a, 400, "INVALID_TITLE");
        assertThat(a.json().path("detail").asText()).contains("title").contains("content");
        assertThat(a.json().path("fields").findValuesAsText("field")).containsExactly("title", "content");
        Answer noContent = fx.appeals.file(fx.institution, BATCH, "标题", "", List.of());
        assertProblem(noContent, 400, "INVALID_CONTENT");
        assertThat(noContent.json().path("fields").findValuesAsText("field")).containsExactly("content");
        Answer noBatch = fx.appeals.file(fx.institution, " ", "标题", "内容", List.of());
        assertProblem(noBatch, 400, "INVALID_REQUEST");
        assertThat(noBatch.json().path("fields").findValuesAsText("field")).containsExactly("batch");
    }

    @Test
    void a_title_too_long_is_invalid_title_like_a_blank_one() {
        Answer a = fx.appeals.file(fx.institution, BATCH, "标".repeat(101), "内容", List.of());
        assertProblem(a, 400, "INVALID_TITLE");
        assertThat(a.json().path("fields").findValuesAsText("field")).containsExactly("title");
    }

    @Test
    void a_file_under_another_part_name_is_refused_not_ignored() {
        Answer a = fx.appeals.multipart("/api/v1/appeals", fx.institution, List.of(Part.field("batch", BATCH),
                Part.field("title", "标题"), Part.field("content", "内容"),
                new Part("file", "a.pdf", EvidenceFiles.pdf())), null).answer();
        assertProblem(a, 400, "UNKNOWN_FIELDS");
    }

    @Test
    void only_an_institution_files_appeals() {
        assertProblem(file(fx.bureau, BATCH, Part.file("a.pdf", EvidenceFiles.pdf())), 403, "FORBIDDEN");
        assertProblem(file(fx.admin, BATCH, Part.file("a.pdf", EvidenceFiles.pdf())), 403, "FORBIDDEN");
    }

    @Test
    void a_refused_filing_leaves_no_file_in_the_evidence_store() {
        long files = fx.storedFiles();
        long chunks = fx.storedChunks();
        Answer notParticipant = file(fx.institution, H2_ONLY, Part.file("a.pdf", EvidenceFiles.pdf(600_000)),
                Part.file("b.png", EvidenceFiles.png()));
        assertProblem(notParticipant, 422, "NOT_A_PARTICIPANT");
        Answer unknownBatch = file(fx.institution, "NO-SUCH-BATCH", Part.file("a.pdf", EvidenceFiles.pdf()));
        assertProblem(unknownBatch, 404, "UNKNOWN_BATCH");
        Answer tooLong = fx.appeals.file(fx.institution, BATCH, "标".repeat(101), "内容",
                List.of(Part.file("a.pdf", EvidenceFiles.pdf())));
        assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(400);
        assertThat(fx.storedFiles()).isEqualTo(files);
        assertThat(fx.storedChunks()).isEqualTo(chunks);
    }

    @Test
    void an_appeal_without_evidence_is_accepted() {
        Answer a = fx.appeals.file(fx.institution, BATCH, "无附件申诉", "说明见正文。", List.of());
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        assertThat(a.json().path("evidence").size()).isZero();
    }
}
