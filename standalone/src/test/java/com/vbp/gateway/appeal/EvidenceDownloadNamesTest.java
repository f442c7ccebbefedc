package com.vbp.gateway.appeal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Content-Disposition of a download: the original name in UTF-8 as RFC 5987 encodes it, and an ASCII fallback. */
class EvidenceDownloadNamesTest {

    @Test
    void a_chinese_name_with_a_space_is_percent_encoded_and_falls_back_to_underscores() {
        assertThat(AppealController.contentDisposition("申诉 说明.pdf")).isEqualTo("attachment; filename=\"__ _"
                + "_.pdf\"; filename*=UTF-8''%E7%94%B3%E8%AF%89%20%E8%AF%B4%E6%98%8E.pdf");
    }

    @Test
    void quotes_backslashes_and_percent_signs_cannot_break_out_of_the_header() {
        String header = AppealController.contentDisposition("a\"b\\c%d;e.pdf");
        assertThat(header).isEqualTo("attachment; filename=\"a_b_c_d;e.pdf\"; filename*=UTF-8''a%22b%5Cc%25d%3Be.pdf");
    }

    @Test
    void a_plain_ascii_name_stays_as_it_is() {
        assertThat(AppealController.contentDisposition("scan-01_v2.png"))
                .isEqualTo("attachment; filename=\"scan-01_v2.png\"; filename*=UTF-8''scan-01_v2.png");
    }
}
