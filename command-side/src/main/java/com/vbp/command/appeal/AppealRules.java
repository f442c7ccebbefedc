package com.vbp.command.appeal;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.events.common.RefusalCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The shape of what people write and attach to an appeal (seed 003 §4.3). Texts are stripped of leading and
 * trailing white space (Unicode's, so the full-width space 　 too) and counted in characters (code points):
 * <ul>
 *     <li>title 1–{@value #MAX_TITLE}, one line ({@code INVALID_TITLE});</li>
 *     <li>content 1–{@value #MAX_CONTENT} ({@code INVALID_CONTENT});</li>
 *     <li>reply 1–{@value #MAX_REPLY} ({@code INVALID_REPLY});</li>
 *     <li>reason for reopening 1–{@value #MAX_REASON} ({@code INVALID_REASON}).</li>
 * </ul>
 * Evidence: at most {@value #MAX_FILES} files ({@code TOO_MANY_EVIDENCE_FILES}); each with a file id, unique in the
 * appeal, and a name of 1–{@value #MAX_NAME} characters ({@code INVALID_EVIDENCE}); 1 byte to 10 MiB
 * ({@code INVALID_EVIDENCE} when empty, {@code EVIDENCE_TOO_LARGE} above); a detected type among
 * {@link #CONTENT_TYPES} ({@code UNSUPPORTED_EVIDENCE_TYPE}); a SHA-256 of 64 hexadecimal digits
 * ({@code INVALID_EVIDENCE}). The gateway checks the bytes before storing them; these checks keep the events true
 * whoever sends the command. Types and digests are recorded in lower case; files are numbered from 1 in figures.
 */
final class AppealRules {

    static final int MAX_TITLE = 100;
    static final int MAX_CONTENT = 2000;
    static final int MAX_REPLY = 2000;
    static final int MAX_REASON = 500;
    static final int MAX_FILES = 10;
    static final int MAX_NAME = 255;
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
    /** PDF, JPEG, PNG, xlsx, docx. */
    static final Set<String> CONTENT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    /** What is wrong with an evidence file refused as INVALID_EVIDENCE: its {@code problem} figure. */
    enum EvidenceProblem { MISSING_FILE_ID, DUPLICATE_FILE, INVALID_NAME, EMPTY, INVALID_SHA256 }

    private AppealRules() {
    }

    static String title(String title) {
        String text = text(RefusalCode.INVALID_TITLE, "title", title, MAX_TITLE);
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new RuleViolation(RefusalCode.INVALID_TITLE, "An appeal's title is one line",
                    Map.of("field", "title", "length", length(text), "max", MAX_TITLE));
        }
        return text;
    }

    static String content(String content) {
        return text(RefusalCode.INVALID_CONTENT, "content", content, MAX_CONTENT);
    }

    static String reply(String message) {
        return text(RefusalCode.INVALID_REPLY, "message", message, MAX_REPLY);
    }

    static String reason(String reason) {
        return text(RefusalCode.INVALID_REASON, "reason", reason, MAX_REASON);
    }

    /** The files as the event records them; none when {@code files} is null. */
    static List<EvidenceFile> evidence(List<EvidenceFile> files) {
        if (files == null) {
            return List.of();
        }
        if (files.size() > MAX_FILES) {
            throw new RuleViolation(RefusalCode.TOO_MANY_EVIDENCE_FILES, "An appeal has at most " + MAX_FILES
                    + " evidence files, not " + files.size(), Map.of("files", files.size(), "maxFiles", MAX_FILES));
        }
        Set<String> fileIds = new HashSet<>();
        List<EvidenceFile> recorded = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            recorded.add(file(i + 1, files.get(i), fileIds));
        }
        return List.copyOf(recorded);
    }

    private static EvidenceFile file(int number, EvidenceFile file, Set<String> fileIds) {
        if (file == null || file.fileId() == null || file.fileId().isBlank()) {
            throw invalid(number, file, EvidenceProblem.MISSING_FILE_ID, "has no file id");
        }
        if (!fileIds.add(file.fileId())) {
            throw invalid(number, file, EvidenceProblem.DUPLICATE_FILE, "is attached twice");
        }
        String name = file.name() == null ? "" : file.name().strip();
        if (name.isEmpty() || length(name) > MAX_NAME) {
            throw invalid(number, file, EvidenceProblem.INVALID_NAME, "needs a name of 1 to " + MAX_NAME
                    + " characters");
        }
        if (file.size() <= 0) {
            throw invalid(number, file, EvidenceProblem.EMPTY, "is empty");
        }
        if (file.size() > MAX_FILE_BYTES) {
            throw new RuleViolation(RefusalCode.EVIDENCE_TOO_LARGE, "Evidence file " + number + " (" + name + ") has "
                    + file.size() + " bytes; at most " + MAX_FILE_BYTES + " (10 MiB) are allowed",
                    figures(number, name, Map.of("size", file.size(), "maxBytes", MAX_FILE_BYTES)));
        }
        String type = file.contentType() == null ? "" : file.contentType().strip().toLowerCase(Locale.ROOT);
        if (!CONTENT_TYPES.contains(type)) {
            throw new RuleViolation(RefusalCode.UNSUPPORTED_EVIDENCE_TYPE, "Evidence file " + number + " (" + name
                    + ") is " + (type.isEmpty() ? "of no known type" : type)
                    + "; PDF, JPEG, PNG, xlsx or docx are allowed",
                    figures(number, name, Map.of("contentType", type,
                            "allowed", CONTENT_TYPES.stream().sorted().toList())));
        }
        if (file.sha256() == null || !SHA256.matcher(file.sha256()).matches()) {
            throw invalid(number, file, EvidenceProblem.INVALID_SHA256, "needs a SHA-256 of 64 hexadecimal digits");
        }
        return new EvidenceFile(file.fileId(), name, file.size(), type, file.sha256().toLowerCase(Locale.ROOT));
    }

    private static RuleViolation invalid(int number, EvidenceFile file, EvidenceProblem problem, String what) {
        String name = file == null || file.name() == null ? "" : file.name();
        return new RuleViolation(RefusalCode.INVALID_EVIDENCE, "Evidence file " + number
                + (name.isEmpty() ? "" : " (" + name + ")") + " " + what,
                figures(number, name, Map.of("problem", problem.name())));
    }

    private static Map<String, Object> figures(int number, String name, Map<String, Object> more) {
        Map<String, Object> figures = new LinkedHashMap<>(more);
        figures.put("file", number);
        figures.put("name", name);
        return figures;
    }

    private static String text(RefusalCode code, String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        int length = length(text);
        if (length == 0) {
            throw new RuleViolation(code, "The " + field + " must not be empty",
                    Map.of("field", field, "length", 0, "max", max));
        }
        if (length > max) {
            throw new RuleViolation(code, "The " + field + " has " + length + " characters; at most " + max
                    + " are allowed", Map.of("field", field, "length", length, "max", max));
        }
        // NUL, BEL and the like are never typed; stored, they would break the appeals' xlsx export (XML 1.0).
        if (text.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n'
                && c != '\r')) {
            throw new RuleViolation(code, "The " + field + " must not hold control characters",
                    Map.of("field", field));
        }
        return text;
    }

    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
