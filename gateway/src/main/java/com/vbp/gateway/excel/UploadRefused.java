package com.vbp.gateway.excel;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;

import java.util.List;
import java.util.Map;

/**
 * An uploaded file was refused, whole (FILES.md: an upload is accepted whole or rejected whole), before any
 * row could be read. Bad rows are no such refusal: they go to the domain with the readable rows, which answers
 * INVALID_ROWS naming every problem at once.
 * It carries the same {@link Refusal} the domain uses, so the web layer answers both alike.
 */
public class UploadRefused extends RuntimeException {

    private final transient Refusal refusal;

    public UploadRefused(Refusal refusal) {
        this(refusal, null);
    }

    /** {@code cause}: the library's failure behind the refusal, for the logs only. */
    public UploadRefused(Refusal refusal, Throwable cause) {
        super(refusal.code() + ": " + refusal.message(), cause);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String code() {
        return refusal.code();
    }

    static UploadRefused notXlsx(String why) {
        return notXlsx(why, null);
    }

    static UploadRefused notXlsx(String why, Throwable cause) {
        return new UploadRefused(Refusal.of(RefusalCode.NOT_XLSX, "The file is not an Excel workbook (.xlsx): " + why),
                cause);
    }

    static UploadRefused fileTooLarge(long limitBytes, long actualBytes) {
        return new UploadRefused(new Refusal(RefusalCode.FILE_TOO_LARGE,
                "The file has " + actualBytes + " bytes, more than the limit of " + limitBytes,
                Map.of("limitBytes", limitBytes, "actualBytes", actualBytes), List.of()));
    }

    static UploadRefused suspicious(String why, Map<String, Object> figures) {
        return suspicious(why, figures, null);
    }

    static UploadRefused suspicious(String why, Map<String, Object> figures, Throwable cause) {
        return new UploadRefused(new Refusal(RefusalCode.SUSPICIOUS_FILE,
                "The file was refused because it expands suspiciously: " + why, figures, List.of()), cause);
    }

    static UploadRefused tooManyRows(int limitRows) {
        return new UploadRefused(new Refusal(RefusalCode.TOO_MANY_ROWS,
                "The file has more than " + limitRows + " data rows",
                Map.of("limitRows", limitRows), List.of()));
    }

    static UploadRefused missingColumns(List<String> missing) {
        return new UploadRefused(new Refusal(RefusalCode.MISSING_COLUMNS,
                "Row 1 lacks the column titles " + String.join(", ", missing),
                Map.of("missingColumns", List.copyOf(missing)), List.of()));
    }

    static UploadRefused emptyFile(String why) {
        return new UploadRefused(Refusal.of(RefusalCode.EMPTY_FILE, why));
    }
}
