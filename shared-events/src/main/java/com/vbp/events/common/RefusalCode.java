package com.vbp.events.common;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one catalogue of refusal codes: each code a client may find in a problem's {@code code}, with the HTTP
 * status it is answered with and a default sentence for people. The constant's name is the code on the wire (the
 * public contract: tests and the console match it), so a constant is never renamed.
 * <p>
 * The status is a plain number because the message contract does not depend on Spring web; the gateway turns it
 * into its {@code HttpStatus} in one place ({@code ProblemHandler.status}). Refusals are 4xx, a service not ready
 * for the request 503; {@link #INTERNAL_ERROR} is the one code that is no refusal but the 500 answer to a bug,
 * listed so that every {@code code} a problem can carry is here ({@code values()} is the problem schema's enum).
 * <p>
 * The message is the whole sentence where a refusal has nothing to add; where the figures that applied are worth
 * saying, the rule builds its own sentence and this one is the code's title.
 */
public enum RefusalCode {

    // --- who is asking (authentication, role, scope)
    BAD_CREDENTIALS(401, "Wrong username or password"),
    UNAUTHENTICATED(401, "A bearer token is required"),
    TOKEN_EXPIRED(401, "The session has expired: log in again"),
    /** Logged out, password changed or account disabled since the token was issued. */
    TOKEN_REVOKED(401, "The token was revoked: log in again"),
    ACCOUNT_DISABLED(401, "The account is disabled"),
    ACCOUNT_LOCKED(423, "Too many failed logins: the account is locked for a while"),
    CAPTCHA_REQUIRED(401, "After several failed logins a captcha is required"),
    CAPTCHA_INVALID(401, "The captcha answer is wrong, or the captcha was already used: get a new one"),
    CAPTCHA_EXPIRED(401, "The captcha has expired (after 2 minutes): get a new one"),
    FORBIDDEN(403, "Your role may not do this"),
    PASSWORD_CHANGE_REQUIRED(403, "The initial password must be changed first: POST /api/v1/auth/password"),
    /** A list filter naming another district or institution than the caller may read (never narrowed silently). */
    OUT_OF_SCOPE(403, "The request asks for data outside your scope"),

    // --- the service is not ready for the request (answered with Retry-After)
    /** The demo data is still being loaded. */
    STARTING(503, "The service is starting; try again in a few seconds"),
    /** The read models a read needs have not reached the client's last write within the wait. */
    READ_MODEL_BEHIND(503, "The figures are still being updated with your last change; try again in a moment"),

    // --- abuse limits (com.vbp.gateway.limits): answered with Retry-After where waiting helps
    /** Login, captcha or password change asked too often by one account or from one client address. */
    RATE_LIMITED(429, "Too many attempts in a short time; try again after the seconds in Retry-After"),
    /** The account's uploads and exports already under way are as many as one account may run at once. */
    TRANSFERS_BUSY(429, "Your other uploads or exports are still under way; try again when one has finished"),
    /** A body (not an upload) over the configured size, refused from its Content-Length or cut off when reached. */
    BODY_TOO_LARGE(413, "The request body is larger than allowed"),

    // --- the request's shape as HTTP sees it
    INVALID_REQUEST(400, "The request is not valid"),
    UNKNOWN_FIELDS(400, "The request has fields this endpoint does not accept"),
    INVALID_PAGE(400, "page must be 0 or more and size between 1 and the maximum"),
    INVALID_READ_AFTER(400, "X-Read-After must be an event position the event store has reached"),
    NOT_FOUND(404, "No such record"),
    METHOD_NOT_ALLOWED(405, "This method is not allowed on this path"),
    NOT_ACCEPTABLE(406, "This answer is not available in the type asked for"),
    UNSUPPORTED_MEDIA_TYPE(415, "Send the body as application/json"),
    /** Optimistic locking or a duplicate aggregate, as Axon reports it. */
    CONFLICT(409, "The record already exists or was changed at the same time; try again"),
    IDEMPOTENCY_KEY_IN_USE(409, "A request with this Idempotency-Key is still being processed; repeat it later"),
    IDEMPOTENCY_KEY_REUSED(422, "This Idempotency-Key was used for a different request"),

    // --- uploaded files (FILES.md: an upload is accepted whole or rejected whole)
    FILE_TOO_LARGE(413, "The upload is larger than allowed"),
    NOT_XLSX(400, "The file is not an Excel workbook (.xlsx)"),
    SUSPICIOUS_FILE(400, "The file was refused because it expands suspiciously"),
    TOO_MANY_ROWS(400, "The file has more data rows than allowed"),
    MISSING_COLUMNS(400, "Row 1 lacks required column titles"),
    EMPTY_FILE(400, "The file has no data rows"),
    /** Some rows of an upload are bad; the refusal's rows name every problem. */
    INVALID_ROWS(400, "Some rows are invalid; nothing was imported"),

    // --- accounts and profiles
    UNKNOWN_ACCOUNT(404, "No such account"),
    ACCOUNT_EXISTS(409, "The account already exists (usernames are the same whatever the letter case)"),
    ACCOUNT_IS_DISABLED(409, "The account is disabled; its password cannot be reset"),
    UNKNOWN_ORGANISATION(400, "No institution, district or CITY is known by this code"),
    ROLE_ORGANISATION_MISMATCH(400, "The role cannot belong to this organisation"),
    INVALID_DISPLAY_NAME(400, "A display name has 1 to 50 characters and no control characters"),
    INVALID_PHONE(400, "A contact phone is a mainland mobile number: 11 digits starting with 13 to 19"),
    INVALID_EMAIL(400, "An email looks like name@example.cn"),
    INVALID_USERNAME(422, "A username has 2 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
    INVALID_ROLE(422, "A role is required"),
    INVALID_ORGANISATION(422, "An organisation is required"),
    WRONG_PASSWORD(422, "The current password is not correct"),
    PASSWORD_POLICY(422, "The new password does not meet the password policy"),
    PASSWORD_REUSED(422, "The new password must differ from the current one and the ones before it"),
    CANNOT_DISABLE_SELF(422, "An administrator cannot disable their own account"),

    // --- batches (procurement and retention)
    UNKNOWN_BATCH(404, "No such batch"),
    BATCH_EXISTS(409, "A batch with this code already exists"),
    INVALID_BATCH_CODE(422, "A batch code has 1 to 40 letters, digits, '_' or '-', starting with a letter or digit"),
    INVALID_BATCH(422, "A batch needs a name"),
    INVALID_WINDOW(422, "The window must open before it closes"),
    INVALID_MIN_SHARE(422, "A minimum share is between 0 and 1, and the two together may not exceed 1"),
    /** The allocation or reporting window is not open (yet, or any more). */
    WINDOW_CLOSED(409, "The window of this batch is not open"),
    CATALOGUE_LOCKED(409, "The catalogue cannot be replaced once institutions' demand lines are imported"),
    CATALOGUE_MISSING(409, "Import the winning-product catalogue before demand lines"),

    // --- the allocation workflow (seed 000 §3.2.2–§3.2.4): the line's or the institution's state forbids it …
    UNKNOWN_LINE(404, "The institution has no such line in this batch"),
    ALREADY_REPORTED(409, "分配采购量确认上报后，则无法撤回: the institution has reported; its lines are final"),
    LINE_ALREADY_CONFIRMED(409, "已确认的记录无法重新分量: the line is confirmed; withdraw it first"),
    LINE_NOT_CONFIRMED(409, "The line is not confirmed"),
    NO_DRAFT(409, "Save an allocation of the line before confirming it"),
    NOT_ALL_CONFIRMED(409, "Every line must be confirmed before reporting"),
    CAPACITY_EXCEEDED(409, "Rule 3: the contract volume exceeds the capacity left"),
    ALREADY_RESERVED(422, "The line already holds another volume of this product: withdraw it first"),
    // … or the entries break a contract-volume rule (DOMAIN.md 填写合同量规范)
    CONTRACT_VOLUME_OUT_OF_RANGE(422, "The contract volume lies outside the range its rule allows"),
    INVALID_CONTRACT_VOLUME(422, "The contract volume must be a positive whole number (rule 3)"),
    MISSING_REQUIRED_WINNER(422, "Rule 4: a required winner needs an entry"),
    MIN_SHARE_NOT_MET(422, "Rule 4: a winner must receive at least its minimum share of the pending volume"),
    UNKNOWN_PRODUCT(422, "The drug is not a winning product of this batch or group"),
    DUPLICATE_ENTRY(422, "A drug has more than one entry"),
    NO_ENTRIES(422, "An allocation needs at least one entry"),

    // --- surplus retention (RETENTION.md): an institution not in the batch, or the batch's state forbids it …
    UNKNOWN_INSTITUTION(404, "The institution is not in this batch"),
    ALREADY_FINALISED(409, "The batch is already finalised"),
    NOT_FINALISED(409, "The batch is not finalised"),
    NO_CALCULATION_DATA(409, "Import the calculation data of the batch first"),
    // … or a parameter or score breaks a rule
    INVALID_PARAMETERS(422, "The retention parameters are not valid"),
    INVALID_SCORE(422, "A score is from 0 to 100 with at most one decimal"),
    REASON_REQUIRED(422, "A recalculation needs a reason"),

    // --- appeals (申诉, seed 003 §4.3): someone else's appeal is answered like an unknown one, so nothing leaks …
    UNKNOWN_APPEAL(404, "No such appeal"),
    NOT_YOUR_APPEAL(404, "You may not act on this appeal"),
    UNKNOWN_EVIDENCE(404, "The appeal has no such evidence file"),
    // … the appeal's state forbids it …
    APPEAL_RESOLVED(409, "The appeal is resolved; the institution may reopen it"),
    APPEAL_NOT_RESOLVED(409, "Only a resolved appeal can be reopened"),
    ALREADY_REOPENED(409, "The appeal was reopened once already"),
    // … a rule of the batch (the institution is not in its calculation data, the period is over) …
    NOT_A_PARTICIPANT(422, "The institution takes no part in this retention batch"),
    APPEAL_PERIOD_OVER(422, "The period for appeals on this batch is over"),
    // … or what was written or attached is not acceptable
    INVALID_TITLE(400, "An appeal's title is one line of limited length"),
    INVALID_CONTENT(400, "An appeal's content is required and of limited length"),
    INVALID_REPLY(400, "A reply is required and of limited length"),
    INVALID_REASON(400, "A reason is required and of limited length"),
    INVALID_EVIDENCE(400, "An evidence file is not described correctly"),
    TOO_MANY_EVIDENCE_FILES(400, "An appeal has too many evidence files"),
    EVIDENCE_TOO_LARGE(413, "An evidence file is larger than allowed (10 MiB)"),
    UNSUPPORTED_EVIDENCE_TYPE(400, "An evidence file is of a type not allowed: PDF, JPEG, PNG, xlsx or docx are"),
    TOO_MANY_FILES(400, "An appeal carries too many evidence files"),
    UNSUPPORTED_FILE_TYPE(400, "The file is of a type not allowed"),
    FILE_TYPE_MISMATCH(400, "The file's content is not of the type its name or Content-Type says"),
    INVALID_FILE_NAME(400, "The file needs a name of limited length without control characters"),

    // --- the audit endpoints: a cursor or a time that is not one, an aggregate type or aggregate unknown
    INVALID_CURSOR(400, "after must be the position of an event (a whole number from 0): "
            + "the previous page's next"),
    INVALID_TIME(400, "A time is an ISO-8601 instant with its offset, e.g. 2026-05-01T08:00:00+08:00"),
    UNKNOWN_AGGREGATE_TYPE(400, "There is no such aggregate type"),
    UNKNOWN_AGGREGATE(404, "There is no such aggregate"),
    // projection replays
    UNKNOWN_PROJECTION(404, "No projection has this name"),
    REPLAY_RUNNING(409, "A replay of the projection is still running"),
    REPLAY_NOT_ALLOWED(409, "The projection may not be rebuilt while the service runs"),
    /** Two query-side instances: resetting the projection must claim every segment, and another instance holds one. */
    REPLAY_HELD_ELSEWHERE(409, "Another query-side instance is working on the projection: stop it there first"),
    // online backups of a standalone instance
    BACKUP_RUNNING(409, "A backup is being taken: ask again when it is done"),
    /** Standalone with {@code app.mongodb.uri}: the read models are not in the data directory. */
    BACKUP_NOT_AVAILABLE(409, "The read models are in an external MongoDB: back it up with its own tools"),

    // --- no refusal: a bug
    INTERNAL_ERROR(500, "An unexpected error occurred; if it persists, report it with the X-Correlation-Id "
            + "header of this answer");

    private static final Map<String, RefusalCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RefusalCode::code, Function.identity()));

    private final int status;
    private final String message;

    RefusalCode(int status, String message) {
        this.status = status;
        this.message = message;
    }

    /** The code on the wire (the problem's {@code code}). */
    public String code() {
        return name();
    }

    /** The HTTP status of every answer with this code. */
    public int status() {
        return status;
    }

    /** The default sentence for people; refusals with figures say more. */
    public String message() {
        return message;
    }

    /**
     * The catalogue's constant for a code received from elsewhere (a remote refusal, perhaps from a newer version);
     * empty when the catalogue does not know it, so the caller decides how to answer an unknown code.
     */
    public static Optional<RefusalCode> find(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
