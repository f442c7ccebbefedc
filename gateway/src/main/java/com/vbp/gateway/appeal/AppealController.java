package com.vbp.gateway.appeal;

import com.vbp.events.appeal.AppealCommands.ReopenAppeal;
import com.vbp.events.appeal.AppealCommands.ReplyToAppeal;
import com.vbp.events.appeal.AppealQueries.AppealDetail;
import com.vbp.events.appeal.AppealQueries.AppealPage;
import com.vbp.events.appeal.AppealQueries.FindAppeal;
import com.vbp.events.appeal.AppealQueries.ListAppeals;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.events.common.Page;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;
import com.vbp.gateway.appeal.AppealViews.AppealDetailView;
import com.vbp.gateway.appeal.AppealViews.AppealItem;
import com.vbp.gateway.appeal.AppealViews.FiledAppeal;
import com.vbp.gateway.appeal.EvidenceInspector.Upload;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.consistency.IdempotencyFilter;
import com.vbp.gateway.problem.PageParams;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.problem.RequestProblems;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * 申诉管理 (seed 003 §4.3). An institution files appeals on retention batches with evidence files and sees its
 * own; a district bureau sees and answers the appeals of its district's institutions; the administrator sees and
 * answers all. An appeal someone may not see answers 404 {@code UNKNOWN_APPEAL}, exactly like an unknown id, on
 * every path (the command side's {@code NOT_YOUR_APPEAL} is answered the same way), so nothing leaks. Commands
 * honour {@code Idempotency-Key} ({@link IdempotencyFilter}) and answer after the projections caught up.
 */
@RestController
@RequestMapping(AppealController.PATH)
@Tag(name = "Appeals")
public class AppealController {

    static final String PATH = "/api/v1/appeals";
    private static final String READERS = "hasAnyRole('INSTITUTION','DISTRICT_BUREAU','ADMIN')";
    private static final String HANDLERS = "hasAnyRole('DISTRICT_BUREAU','ADMIN')";
    private static final String INSTITUTION = "hasRole('INSTITUTION')";
    private static final String EVIDENCE_PART = "evidence";

    private final AppealFiling filing;
    private final EvidenceStore store;
    private final Commands commands;
    private final QueryGateway queries;
    private final Scope scope;

    public AppealController(AppealFiling filing, EvidenceStore store, Commands commands, QueryGateway queries,
                            Scope scope) {
        this.filing = filing;
        this.store = store;
        this.commands = commands;
        this.queries = queries;
        this.scope = scope;
    }

    /**
     * The parts of 申诉 as the OpenAPI document declares them; the method reads them itself, so that a missing
     * part is named with the others and a file under another part name is refused.
     */
    @Schema(name = "AppealForm")
    public record AppealForm(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The retention batch's code")
            String batch,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String content,
            @ArraySchema(maxItems = 10, schema = @Schema(type = "string", format = "binary",
                    description = "PDF, JPEG, PNG, xlsx or docx, 1 byte to 10 MiB"))
            List<MultipartFile> evidence) {
    }

    /** 回复: {@code resolve} (default false) marks the appeal 已处理. */
    public record ReplyBody(String message, Boolean resolve) {
    }

    /** 重新打开: the institution's reason. */
    public record ReopenBody(String reason) {
    }

    // ---- 申诉 ----

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(INSTITUTION)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE, schema = @Schema(implementation = AppealForm.class)))
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = FiledAppeal.class)))
    @Operation(operationId = "fileAppeal",
            summary = "申诉: multipart batch, title, content and up to 10 evidence files (part name 'evidence', "
            + "each 1 byte to 10 MiB: PDF, JPEG, PNG, xlsx or docx by content). Answers 201 with the appeal id")
    public ResponseEntity<FiledAppeal> file(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request,
                                            @Parameter(hidden = true) @RequestParam(required = false) String batch,
                                            @Parameter(hidden = true) @RequestParam(required = false) String title,
                                            @Parameter(hidden = true) @RequestParam(required = false) String content,
                                            @Parameter(hidden = true) @RequestParam(name = EVIDENCE_PART,
                                                    required = false) List<MultipartFile> evidence) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("batch", text(batch));
        fields.put("title", text(title));
        fields.put("content", text(content));
        requireFields(fields);
        FiledAppeal filed = filing.file(user, batch.strip(), title, content, uploads(request, evidence));
        return ResponseEntity.created(URI.create(PATH + "/" + filed.appealId())).body(filed);
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(operationId = "listAppeals",
            summary = "申诉管理: newest first; filters batch, status (NEW|IN_PROGRESS|RESOLVED), institution, and "
            + "district. An institution sees its own, a district bureau its district's; a filter outside that is "
            + "403 OUT_OF_SCOPE")
    public Page<AppealItem> list(@AuthenticationPrincipal CurrentUser user,
                                 @RequestParam(required = false) String batch,
                                 @Parameter(schema = @Schema(implementation = AppealStatus.class))
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String institution,
                                 @RequestParam(required = false) String district,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        Scope.Filter inScope = scope.of(user, institution, district);
        AppealPage p = queries.query(new ListAppeals(blankToNull(batch), status(status), inScope.institution(),
                inScope.district(), page, size), AppealPage.class).join();
        return p.map(AppealItem::of);
    }

    @GetMapping("/{appeal}")
    @PreAuthorize(READERS)
    @Operation(operationId = "getAppeal",
            summary = "One appeal with its content, evidence list (with download paths) and replies")
    public AppealDetailView get(@AuthenticationPrincipal CurrentUser user, @PathVariable String appeal) {
        return AppealDetailView.of(visible(user, appeal));
    }

    @GetMapping("/{appeal}/evidence/{file}")
    @PreAuthorize(READERS)
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match named the file's ETag")
    @Operation(operationId = "downloadEvidence",
            summary = "Download one evidence file: its recorded content type, its original name, "
            + "ETag and Repr-Digest of its SHA-256")
    public void download(@AuthenticationPrincipal CurrentUser user, @PathVariable String appeal,
                         @PathVariable String file, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        AppealDetail detail = visible(user, appeal);
        EvidenceFile evidence = detail.evidence().stream().filter(f -> f.fileId().equals(file)).findFirst()
                .orElseThrow(() -> new Refused(RefusalCode.UNKNOWN_EVIDENCE, "Appeal " + appeal
                        + " has no evidence file " + file));
        String etag = "\"" + evidence.sha256() + "\"";
        response.setHeader("ETag", etag);
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        Optional<InputStream> content = store.open(evidence.fileId());
        if (content.isEmpty()) {
            throw new IllegalStateException("Evidence file " + evidence.fileId() + " of appeal " + appeal
                    + " is recorded but missing from the evidence store");
        }
        response.setContentType(evidence.contentType());
        response.setContentLengthLong(evidence.size());
        response.setHeader("Content-Disposition", contentDisposition(evidence.name()));
        response.setHeader("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(evidence.sha256())) + ":");
        try (InputStream in = content.get(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    @PostMapping("/{appeal}/reply")
    @PreAuthorize(HANDLERS)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AppealDetailView.class)))
    @Operation(operationId = "replyToAppeal",
            summary = "回复 {message, resolve}: the administrator, or the district bureau of the appeal's "
            + "institution; resolve = true marks it 已处理. Answers the appeal")
    public ResponseEntity<AppealDetailView> reply(@AuthenticationPrincipal CurrentUser user,
                                                  @PathVariable String appeal, @RequestBody ReplyBody body) {
        send(appeal, new ReplyToAppeal(appeal, body.message(), Boolean.TRUE.equals(body.resolve()), actor(user)));
        return ResponseEntity.ok(current(user, appeal));
    }

    @PostMapping("/{appeal}/reopen")
    @PreAuthorize(INSTITUTION)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AppealDetailView.class)))
    @Operation(operationId = "reopenAppeal",
            summary = "重新打开 {reason}: the institution reopens its resolved appeal, once. Answers the appeal")
    public ResponseEntity<AppealDetailView> reopen(@AuthenticationPrincipal CurrentUser user,
                                                   @PathVariable String appeal, @RequestBody ReopenBody body) {
        send(appeal, new ReopenAppeal(appeal, body == null ? null : body.reason(), actor(user)));
        return ResponseEntity.ok(current(user, appeal));
    }

    // ---- helpers ----

    /** The appeal if this user may see it; otherwise the same 404 as for an id that does not exist. */
    private AppealDetail visible(CurrentUser user, String appeal) {
        AppealDetail d = queries.query(new FindAppeal(appeal), AppealDetail.class).join();
        if (d == null || !mayRead(user, d)) {
            throw unknown(appeal);
        }
        return d;
    }

    /** Appeals are not for analysts and auditors ({@link #READERS}); the others read those in their scope. */
    static boolean mayRead(CurrentUser user, AppealDetail d) {
        return !user.is(Role.ANALYST) && !user.is(Role.AUDITOR)
                && Scope.reaches(user, d.summary().institutionCode(), d.summary().district());
    }

    /** After a command: the appeal as now projected (null only when the client asked not to wait). */
    private AppealDetailView current(CurrentUser user, String appeal) {
        AppealDetail d = queries.query(new FindAppeal(appeal), AppealDetail.class).join();
        return d == null || !mayRead(user, d) ? null : AppealDetailView.of(d);
    }

    /** Sends a command on an appeal; "not yours" and "no such appeal" answer alike. */
    private void send(String appeal, Object command) {
        try {
            commands.send(command);
        } catch (HandlerExecutionException e) {
            if (e.getDetails().filter(d -> d instanceof Refusal r && r.is(RefusalCode.NOT_YOUR_APPEAL)).isPresent()
                    || causedBy(e, AggregateNotFoundException.class)) {
                throw unknown(appeal);
            }
            throw e;
        } catch (AggregateNotFoundException e) {
            throw unknown(appeal);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Refused unknown(String appeal) {
        return new Refused(new Refusal(RefusalCode.UNKNOWN_APPEAL, "No appeal " + appeal,
                Map.of("appealId", String.valueOf(appeal)), List.of()));
    }

    private static Actor actor(CurrentUser user) {
        return new Actor(user.username(), user.role(), user.organisation());
    }

    /** The files of the {@code evidence} parts; a file under any other part name is refused, not ignored. */
    private static List<Upload> uploads(HttpServletRequest request, List<MultipartFile> evidence) {
        MultipartHttpServletRequest multipart = WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class);
        if (multipart != null) {
            List<String> unknown = multipart.getMultiFileMap().keySet().stream()
                    .filter(k -> !EVIDENCE_PART.equals(k)).sorted().toList();
            if (!unknown.isEmpty()) {
                throw new Refused(new Refusal(RefusalCode.UNKNOWN_FIELDS, "Files are sent in parts "
                        + "named '" + EVIDENCE_PART + "', not " + String.join(", ", unknown), Map.of("fields",
                        unknown.stream().map(part -> RequestProblems.fieldEntry(part, "is not a part of this request: name file parts '"
                                + EVIDENCE_PART + "'")).toList()), List.of()));
            }
        }
        List<Upload> uploads = new ArrayList<>();
        for (MultipartFile f : evidence == null ? List.<MultipartFile>of() : evidence) {
            String name = f.getOriginalFilename();
            if ((name == null || name.isEmpty()) && f.isEmpty()) {
                continue; // a browser's file input with nothing chosen
            }
            uploads.add(new Upload(name, f.getSize(), f::getInputStream));
        }
        return uploads;
    }

    /**
     * Every blank field named at once, under the code of the first: the same code as the command side's own check
     * of a title or content that is too long (INVALID_TITLE, INVALID_CONTENT).
     */
    private static void requireFields(Map<String, String> values) {
        List<String> missing = values.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey)
                .toList();
        if (!missing.isEmpty()) {
            RefusalCode code = switch (missing.get(0)) {
                case "title" -> RefusalCode.INVALID_TITLE;
                case "content" -> RefusalCode.INVALID_CONTENT;
                default -> RefusalCode.INVALID_REQUEST;
            };
            throw new Refused(new Refusal(code, String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing or blank: the appeal needs a batch code, a "
                    + "title and its content", Map.of("fields", missing.stream()
                    .map(f -> RequestProblems.fieldEntry(f, "must not be blank")).toList()), List.of()));
        }
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static AppealStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String s = status.strip();
        for (AppealStatus v : AppealStatus.values()) {
            if (v.name().equalsIgnoreCase(s) || v.label().equals(s)) {
                return v;
            }
        }
        throw new Refused(new Refusal(RefusalCode.INVALID_REQUEST, "status must be NEW, IN_PROGRESS "
                + "or RESOLVED (or 待处理, 处理中, 已处理), not " + s, Map.of("field", "status",
                "allowed", List.of("NEW", "IN_PROGRESS", "RESOLVED")), List.of()));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /**
     * {@code attachment} with the original name twice: {@code filename*} in UTF-8, percent-encoded as RFC 5987
     * (RFC 6266) says, for every current browser, and {@code filename} as an ASCII fallback.
     */
    static String contentDisposition(String name) {
        StringBuilder fallback = new StringBuilder();
        name.codePoints().forEach(c -> fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%'
                ? Character.toString(c) : "_"));
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
