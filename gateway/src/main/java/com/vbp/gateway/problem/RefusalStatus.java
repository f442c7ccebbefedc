package com.vbp.gateway.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * The one place where a refusal code gets its HTTP status. Codes not listed are broken domain rules
 * (422); request-shape and file problems are 400; state conflicts 409.
 */
public final class RefusalStatus {

    private static final Map<String, HttpStatus> STATUS = Map.ofEntries(
            Map.entry("UNKNOWN_BATCH", HttpStatus.NOT_FOUND),
            Map.entry("UNKNOWN_ACCOUNT", HttpStatus.NOT_FOUND),
            Map.entry("NOT_FOUND", HttpStatus.NOT_FOUND),
            Map.entry("BAD_CREDENTIALS", HttpStatus.UNAUTHORIZED),
            Map.entry("UNAUTHENTICATED", HttpStatus.UNAUTHORIZED),
            Map.entry("ACCOUNT_DISABLED", HttpStatus.UNAUTHORIZED),
            Map.entry("ACCOUNT_LOCKED", HttpStatus.LOCKED),
            Map.entry("TOKEN_REVOKED", HttpStatus.UNAUTHORIZED),
            Map.entry("TOKEN_EXPIRED", HttpStatus.UNAUTHORIZED),
            Map.entry("CAPTCHA_REQUIRED", HttpStatus.UNAUTHORIZED),
            Map.entry("CAPTCHA_INVALID", HttpStatus.UNAUTHORIZED),
            Map.entry("CAPTCHA_EXPIRED", HttpStatus.UNAUTHORIZED),
            Map.entry("FORBIDDEN", HttpStatus.FORBIDDEN),
            // the demo data is still being loaded (com.vbp.gateway.startup)
            Map.entry("STARTING", HttpStatus.SERVICE_UNAVAILABLE),
            // the read models a read needs have not reached the client's last write within the wait (ReadPositions)
            Map.entry("READ_MODEL_BEHIND", HttpStatus.SERVICE_UNAVAILABLE),
            Map.entry("INVALID_READ_AFTER", HttpStatus.BAD_REQUEST),
            Map.entry("PASSWORD_CHANGE_REQUIRED", HttpStatus.FORBIDDEN),
            // a list filter naming another district or institution than the caller may read (never narrowed silently)
            Map.entry("OUT_OF_SCOPE", HttpStatus.FORBIDDEN),
            Map.entry("FILE_TOO_LARGE", HttpStatus.CONTENT_TOO_LARGE),
            Map.entry("NOT_XLSX", HttpStatus.BAD_REQUEST),
            Map.entry("SUSPICIOUS_FILE", HttpStatus.BAD_REQUEST),
            Map.entry("TOO_MANY_ROWS", HttpStatus.BAD_REQUEST),
            Map.entry("MISSING_COLUMNS", HttpStatus.BAD_REQUEST),
            Map.entry("EMPTY_FILE", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_ROWS", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_REQUEST", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_PAGE", HttpStatus.BAD_REQUEST),
            Map.entry("UNKNOWN_FIELDS", HttpStatus.BAD_REQUEST),
            // the request's shape as HTTP sees it (ProblemHandler, RequestProblems)
            Map.entry("METHOD_NOT_ALLOWED", HttpStatus.METHOD_NOT_ALLOWED),
            Map.entry("NOT_ACCEPTABLE", HttpStatus.NOT_ACCEPTABLE),
            Map.entry("UNSUPPORTED_MEDIA_TYPE", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
            Map.entry("INVALID_DISPLAY_NAME", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_PHONE", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_EMAIL", HttpStatus.BAD_REQUEST),
            Map.entry("UNKNOWN_ORGANISATION", HttpStatus.BAD_REQUEST),
            Map.entry("ROLE_ORGANISATION_MISMATCH", HttpStatus.BAD_REQUEST),
            Map.entry("BATCH_EXISTS", HttpStatus.CONFLICT),
            Map.entry("ACCOUNT_EXISTS", HttpStatus.CONFLICT),
            Map.entry("ACCOUNT_IS_DISABLED", HttpStatus.CONFLICT),
            Map.entry("CONFLICT", HttpStatus.CONFLICT),
            Map.entry("WINDOW_CLOSED", HttpStatus.CONFLICT),
            Map.entry("CATALOGUE_LOCKED", HttpStatus.CONFLICT),
            Map.entry("CATALOGUE_MISSING", HttpStatus.CONFLICT),
            // the audit endpoints: a cursor or a time that is not one, an aggregate type or aggregate unknown
            Map.entry("INVALID_CURSOR", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_TIME", HttpStatus.BAD_REQUEST),
            Map.entry("UNKNOWN_AGGREGATE_TYPE", HttpStatus.BAD_REQUEST),
            Map.entry("UNKNOWN_AGGREGATE", HttpStatus.NOT_FOUND),
            // the allocation workflow (seed 000 §3.2.2–§3.2.4): the line's or the institution's state forbids it …
            Map.entry("UNKNOWN_LINE", HttpStatus.NOT_FOUND),
            Map.entry("ALREADY_REPORTED", HttpStatus.CONFLICT),
            Map.entry("LINE_ALREADY_CONFIRMED", HttpStatus.CONFLICT),
            Map.entry("LINE_NOT_CONFIRMED", HttpStatus.CONFLICT),
            Map.entry("NO_DRAFT", HttpStatus.CONFLICT),
            Map.entry("NOT_ALL_CONFIRMED", HttpStatus.CONFLICT),
            Map.entry("CAPACITY_EXCEEDED", HttpStatus.CONFLICT),
            Map.entry("IDEMPOTENCY_KEY_IN_USE", HttpStatus.CONFLICT),
            // projection replays (audit)
            Map.entry("UNKNOWN_PROJECTION", HttpStatus.NOT_FOUND),
            Map.entry("REPLAY_RUNNING", HttpStatus.CONFLICT),
            Map.entry("REPLAY_NOT_ALLOWED", HttpStatus.CONFLICT),
            // … or the entries break a contract-volume rule (DOMAIN.md 填写合同量规范)
            Map.entry("CONTRACT_VOLUME_OUT_OF_RANGE", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("INVALID_CONTRACT_VOLUME", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("MISSING_REQUIRED_WINNER", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("MIN_SHARE_NOT_MET", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("UNKNOWN_PRODUCT", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("DUPLICATE_ENTRY", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("NO_ENTRIES", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("IDEMPOTENCY_KEY_REUSED", HttpStatus.UNPROCESSABLE_CONTENT),
            // surplus retention (RETENTION.md): an institution not in the batch, or the batch's state forbids it …
            Map.entry("UNKNOWN_INSTITUTION", HttpStatus.NOT_FOUND),
            Map.entry("ALREADY_FINALISED", HttpStatus.CONFLICT),
            Map.entry("NOT_FINALISED", HttpStatus.CONFLICT),
            Map.entry("NO_CALCULATION_DATA", HttpStatus.CONFLICT),
            // … or a parameter or score breaks a rule
            Map.entry("INVALID_PARAMETERS", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("INVALID_SCORE", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("REASON_REQUIRED", HttpStatus.UNPROCESSABLE_CONTENT),
            // appeals (申诉, seed 003 §4.3): someone else's appeal is answered like an unknown one, so nothing leaks …
            Map.entry("UNKNOWN_APPEAL", HttpStatus.NOT_FOUND),
            Map.entry("NOT_YOUR_APPEAL", HttpStatus.NOT_FOUND),
            Map.entry("UNKNOWN_EVIDENCE", HttpStatus.NOT_FOUND),
            // … the appeal's state forbids it …
            Map.entry("APPEAL_RESOLVED", HttpStatus.CONFLICT),
            Map.entry("APPEAL_NOT_RESOLVED", HttpStatus.CONFLICT),
            Map.entry("ALREADY_REOPENED", HttpStatus.CONFLICT),
            // … a rule of the batch (the institution is not in its calculation data, the period is over) …
            Map.entry("NOT_A_PARTICIPANT", HttpStatus.UNPROCESSABLE_CONTENT),
            Map.entry("APPEAL_PERIOD_OVER", HttpStatus.UNPROCESSABLE_CONTENT),
            // … or what was written or attached is not acceptable
            Map.entry("INVALID_APPEAL", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_TITLE", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_CONTENT", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_REPLY", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_REASON", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_EVIDENCE", HttpStatus.BAD_REQUEST),
            Map.entry("TOO_MANY_EVIDENCE_FILES", HttpStatus.BAD_REQUEST),
            Map.entry("EVIDENCE_TOO_LARGE", HttpStatus.CONTENT_TOO_LARGE),
            Map.entry("UNSUPPORTED_EVIDENCE_TYPE", HttpStatus.BAD_REQUEST),
            Map.entry("TOO_MANY_FILES", HttpStatus.BAD_REQUEST),
            Map.entry("UNSUPPORTED_FILE_TYPE", HttpStatus.BAD_REQUEST),
            Map.entry("FILE_TYPE_MISMATCH", HttpStatus.BAD_REQUEST),
            Map.entry("INVALID_FILE_NAME", HttpStatus.BAD_REQUEST));

    private RefusalStatus() {
    }

    /** Every code listed here (the OpenAPI document publishes them as the problem's {@code code} enum). */
    public static java.util.Set<String> codes() {
        return STATUS.keySet();
    }

    public static HttpStatus of(String code) {
        return STATUS.getOrDefault(code, HttpStatus.UNPROCESSABLE_CONTENT);
    }
}
