package com.vbp.gateway.appeal;

import com.vbp.gateway.appeal.EvidenceInspector.Inspected;
import com.vbp.gateway.appeal.EvidenceInspector.Upload;
import com.vbp.gateway.problem.Refused;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The evidence checks of an appeal, file by file: count, size, name and the kind of content. */
class EvidenceInspectorTest {

    private static final long MIB = 1024 * 1024;
    private final EvidenceInspector inspector = new EvidenceInspector(EvidenceLimits.defaults());

    static Upload upload(String name, byte[] content) {
        return new Upload(name, content.length, () -> new ByteArrayInputStream(content));
    }

    private Inspected one(String name, byte[] content) {
        return inspector.inspect(List.of(upload(name, content))).get(0);
    }

    private Refused refusal(Upload... uploads) {
        return catchThrowableOfType(Refused.class, () -> inspector.inspect(List.of(uploads)));
    }

    @Test
    void the_five_accepted_kinds_are_recognised_by_their_content() {
        assertThat(one("说明.pdf", EvidenceFiles.pdf()).type()).isEqualTo(EvidenceType.PDF);
        assertThat(one("scan.png", EvidenceFiles.png()).type()).isEqualTo(EvidenceType.PNG);
        assertThat(one("photo.JPG", EvidenceFiles.jpeg()).type()).isEqualTo(EvidenceType.JPEG);
        assertThat(one("photo.jpeg", EvidenceFiles.jpeg()).type()).isEqualTo(EvidenceType.JPEG);
        assertThat(one("明细.xlsx", EvidenceFiles.xlsx()).type()).isEqualTo(EvidenceType.XLSX);
        assertThat(one("申诉书.docx", EvidenceFiles.docx()).type()).isEqualTo(EvidenceType.DOCX);
        assertThat(EvidenceType.DOCX.mediaType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void a_renamed_executable_is_refused_whatever_its_name_says() {
        Refused r = refusal(upload("a.pdf", EvidenceFiles.pdf()), upload("x.pdf", EvidenceFiles.executable()));
        assertThat(r.refusal().code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(r.status().value()).isEqualTo(400);
        assertThat(r.refusal().figures()).containsEntry("file", "x.pdf").containsEntry("position", 2);
        assertThat((String) r.refusal().figures().get("detectedType")).startsWith("application/x-");
        assertThat(r.refusal().message()).contains("x.pdf");
    }

    @Test
    void a_text_file_named_pdf_is_refused() {
        Refused r = refusal(upload("证明.pdf", EvidenceFiles.text()));
        assertThat(r.refusal().code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(r.refusal().figures()).containsEntry("detectedType", "text/plain").containsEntry("file", "证明.pdf");
    }

    @Test
    void a_docx_named_xlsx_is_refused_as_a_mismatch_naming_what_it_is() {
        Refused r = refusal(upload("明细.xlsx", EvidenceFiles.docx()));
        assertThat(r.refusal().code()).isEqualTo("FILE_TYPE_MISMATCH");
        assertThat(r.status().value()).isEqualTo(400);
        assertThat(r.refusal().figures()).containsEntry("detectedType", EvidenceType.DOCX.mediaType())
                .containsEntry("file", "明细.xlsx");
        assertThat(r.refusal().message()).contains("Word document");
    }

    @Test
    void a_name_without_the_kinds_extension_is_a_mismatch_too() {
        assertThat(refusal(upload("scan", EvidenceFiles.png())).refusal().code()).isEqualTo("FILE_TYPE_MISMATCH");
        assertThat(refusal(upload("scan.txt", EvidenceFiles.pdf())).refusal().code()).isEqualTo("FILE_TYPE_MISMATCH");
    }

    @Test
    void a_zip_that_is_not_an_office_document_is_refused() {
        Refused plain = refusal(upload("明细.xlsx", EvidenceFiles.plainZip()));
        assertThat(plain.refusal().code()).isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat(plain.refusal().figures()).containsEntry("detectedType", "application/zip");
        Refused macro = refusal(upload("明细.xlsx", EvidenceFiles.xlsm()));
        assertThat(macro.refusal().code()).as("a macro-enabled workbook is not an .xlsx")
                .isEqualTo("UNSUPPORTED_FILE_TYPE");
        assertThat((String) macro.refusal().figures().get("detectedType")).contains("macroEnabled");
    }

    @Test
    void a_zip_bomb_is_refused_by_pois_guard() {
        Refused r = refusal(upload("bomb.docx", EvidenceFiles.zipBomb()));
        assertThat(r.refusal().code()).isEqualTo("SUSPICIOUS_FILE");
        assertThat(r.refusal().figures()).containsEntry("file", "bomb.docx");
    }

    @Test
    void an_empty_file_is_refused() {
        Refused r = refusal(upload("a.pdf", EvidenceFiles.pdf()), upload("空.pdf", new byte[0]));
        assertThat(r.refusal().code()).isEqualTo("EMPTY_FILE");
        assertThat(r.status().value()).isEqualTo(400);
        assertThat(r.refusal().figures()).containsEntry("file", "空.pdf").containsEntry("position", 2);
    }

    @Test
    void exactly_ten_mib_is_accepted_one_byte_more_is_refused() {
        byte[] limit = EvidenceFiles.pdf(10 * MIB);
        assertThat(limit).hasSize((int) (10 * MIB));
        assertThat(one("limit.pdf", limit).size()).isEqualTo(10 * MIB);

        byte[] over = EvidenceFiles.pdf(10 * MIB + 1);
        Refused r = refusal(upload("over.pdf", over));
        assertThat(r.refusal().code()).isEqualTo("FILE_TOO_LARGE");
        assertThat(r.status().value()).isEqualTo(413);
        assertThat(r.refusal().figures()).containsEntry("file", "over.pdf").containsEntry("limitBytes", 10 * MIB)
                .containsEntry("actualBytes", 10 * MIB + 1);
    }

    @Test
    void ten_files_are_accepted_eleven_are_too_many() {
        List<Upload> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add(upload("p" + i + ".png", EvidenceFiles.png()));
        }
        assertThat(inspector.inspect(ten)).hasSize(10).extracting(Inspected::position).startsWith(1).endsWith(10);
        List<Upload> eleven = new ArrayList<>(ten);
        eleven.add(upload("p11.png", EvidenceFiles.png()));
        Refused r = catchThrowableOfType(Refused.class, () -> inspector.inspect(eleven));
        assertThat(r.refusal().code()).isEqualTo("TOO_MANY_FILES");
        assertThat(r.refusal().figures()).containsEntry("limitFiles", 10).containsEntry("actualFiles", 11);
    }

    @Test
    void a_browser_path_is_stripped_from_the_name_and_bad_names_are_refused() {
        assertThat(one("C:\\fakepath\\证明材料.pdf", EvidenceFiles.pdf()).name()).isEqualTo("证明材料.pdf");
        assertThat(one("/tmp/a b.pdf", EvidenceFiles.pdf()).name()).isEqualTo("a b.pdf");
        assertThat(refusal(upload("a\u0007.pdf", EvidenceFiles.pdf())).refusal().code())
                .isEqualTo("INVALID_FILE_NAME");
        assertThat(refusal(upload("x".repeat(197) + ".pdf", EvidenceFiles.pdf())).refusal().code())
                .isEqualTo("INVALID_FILE_NAME");
        assertThat(refusal(upload("  ", EvidenceFiles.pdf())).refusal().code()).isEqualTo("INVALID_FILE_NAME");
    }

    @Test
    void no_files_at_all_is_fine() {
        assertThat(inspector.inspect(List.of())).isEmpty();
    }
}
