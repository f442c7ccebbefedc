package com.vbp.gateway.appeal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of evidence an appeal may carry: PDF, JPEG, PNG, Excel (.xlsx) and Word (.docx). The kind is
 * detected from the content ({@link EvidenceInspector}); the file name's extension must name the same kind.
 */
public enum EvidenceType {

    PDF("application/pdf", "PDF", "pdf"),
    JPEG("image/jpeg", "JPEG", "jpg", "jpeg", "jpe"),
    PNG("image/png", "PNG", "png"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel workbook (.xlsx)", "xlsx"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document (.docx)",
            "docx");

    private final String mediaType;
    private final String label;
    private final List<String> extensions;

    EvidenceType(String mediaType, String label, String... extensions) {
        this.mediaType = mediaType;
        this.label = label;
        this.extensions = List.of(extensions);
    }

    /** The content type recorded in the events and sent with a download. */
    public String mediaType() {
        return mediaType;
    }

    public String label() {
        return label;
    }

    public List<String> extensions() {
        return extensions;
    }

    /** The kind a file name's extension claims, if it names one of the accepted kinds. */
    public static Optional<EvidenceType> byName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String ext = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.extensions.contains(ext)).findFirst();
    }

    public static List<String> allExtensions() {
        return Arrays.stream(values()).flatMap(t -> t.extensions.stream()).toList();
    }
}
