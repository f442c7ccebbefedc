package com.vbp.gateway.excel;

import com.vbp.events.common.Refusal;

import java.util.List;
import java.util.Map;

/**
 * An uploaded file was refused, whole (FILES.md: an upload is accepted whole or rejected whole), before any
 * row could be read. Bad rows are no such refusal: they go to the domain with the readable rows, which answers
 * INVALID_ROWS naming every problem at once.
 * It carries the same {@link Refusal} the domain uses, so the web layer answers both alike.
 */
public class UploadRefused extends RuntimeException {

    /** Not an xlsx workbook (plain text, an old .xls, a password-protected file, a damaged zip…). */
    public static final String NOT_XLSX = "NOT_XLSX";
    /** More bytes than {@link UploadLimits#maxBytes()}. */
    public static final String FILE_TOO_LARGE = "FILE_TOO_LARGE";
    /** Expands suspiciously: a zip bomb, or more uncompressed data or zip entries than allowed. */
    public static final String SUSPICIOUS_FILE = "SUSPICIOUS_FILE";
    /** More data rows than {@link UploadLimits#maxRows()}. */
    public static final String TOO_MANY_ROWS = "TOO_MANY_ROWS";
    /** The header row lacks required column titles. */
    public static final String MISSING_COLUMNS = "MISSING_COLUMNS";
    /** No data rows (or no bytes at all). */
    public static final String EMPTY_FILE = "EMPTY_FILE";

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
        return new UploadRefused(Refusal.of(NOT_XLSX, "The file is not an Excel workbook (.xlsx): " + why), cause);
    }

    static UploadRefused fileTooLarge(long limitBytes, long actualBytes) {
        return new UploadRefused(new Refusal(FILE_TOO_LARGE,
                "The file has " + actualBytes + " bytes, more than the limit of " + limitBytes,
                Map.of("limitBytes", limitBytes, "actualBytes", actualBytes), List.of()));
    }

    static UploadRefused suspicious(String why, Map<String, Object> figures) {
        return suspicious(why, figures, null);
    }

    static UploadRefused suspicious(String why, Map<String, Object> figures, Throwable cause) {
        return new UploadRefused(new Refusal(SUSPICIOUS_FILE,
                "The file was refused because it expands suspiciously: " + why, figures, List.of()), cause);
    }

    static UploadRefused tooManyRows(int limitRows) {
        return new UploadRefused(new Refusal(TOO_MANY_ROWS,
                "The file has more than " + limitRows + " data rows",
                Map.of("limitRows", limitRows), List.of()));
    }

    static UploadRefused missingColumns(List<String> missing) {
        return new UploadRefused(new Refusal(MISSING_COLUMNS,
                "Row 1 lacks the column titles " + String.join(", ", missing),
                Map.of("missingColumns", List.copyOf(missing)), List.of()));
    }

    static UploadRefused emptyFile(String why) {
        return new UploadRefused(Refusal.of(EMPTY_FILE, why));
    }
}
