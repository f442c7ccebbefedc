package com.vbp.gateway.retention;

import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionCommands.FileSelfAssessment;
import com.vbp.events.retention.RetentionCommands.UploadAssessmentScores;
import com.vbp.events.common.Page;
import com.vbp.events.retention.RetentionQueries.FetchRetentionInstitutions;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionPage;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.excel.AssessmentTemplateFile;
import com.vbp.gateway.excel.ParsedRows;
import com.vbp.gateway.excel.UploadLimits;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.problem.PageParams;
import com.vbp.gateway.retention.RetentionViews.ImportResult;
import com.vbp.gateway.retention.RetentionViews.InstitutionItem;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * The assessment of a retention batch (seed 003 §4.1): 测算数据基本信息 (list and export), an institution's
 * 自评分, and a district bureau's 考核评分模版 (导出模版, filled offline, 考核数据上传). An institution sees and
 * scores itself only; a district bureau sees, exports and scores the institutions of its own district
 * (the command carries the caller's district; the aggregate refuses rows outside it).
 */
@RestController
@RequestMapping("/api/v1/retention/batches/{batch}")
@Tag(name = "Retention assessment")
public class RetentionAssessmentController {

    private static final int EXPORT_PAGE = 5_000;
    private static final String READERS = "hasAnyRole('ADMIN','DISTRICT_BUREAU','INSTITUTION')";
    private static final AssessmentTemplateFile TEMPLATE = new AssessmentTemplateFile();

    private final Commands commands;
    private final QueryGateway queries;
    private final RetentionBatches batches;
    private final UploadLimits limits;
    private final Scope scope;

    public RetentionAssessmentController(Commands commands, QueryGateway queries, RetentionBatches batches,
                                         UploadLimits limits, Scope scope) {
        this.commands = commands;
        this.queries = queries;
        this.batches = batches;
        this.limits = limits;
        this.scope = scope;
    }

    /** Exact codes narrowing the caller's {@link Scope}; one outside it is 403 {@code OUT_OF_SCOPE}. */
    public record InstitutionFilter(String institution, String district) {
    }

    /** 自评分: 0–100 with at most one decimal. */
    public record SelfAssessment(@NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 1)
                                 BigDecimal score) {
    }

    @GetMapping("/institutions")
    @PreAuthorize(READERS)
    @Operation(operationId = "listRetentionInstitutions",
            summary = "测算数据基本信息: per institution 职保占比, 考核品种数, 自评分 and 医保考核评分 (assessed=false: "
            + "未考核); filters institution, district")
    public Page<InstitutionItem> institutions(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                              @ParameterObject InstitutionFilter filter,
                                              @RequestParam(defaultValue = "0") int page,
                                              @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        batches.existing(batch);
        RetentionInstitutionPage p = fetch(batch, scope.of(user, filter.institution(), filter.district()), page,
                size);
        return p.map(InstitutionItem::of);
    }

    @GetMapping("/institutions.xlsx")
    @PreAuthorize(READERS)
    @Operation(operationId = "exportRetentionInstitutions",
            summary = "测算数据基本信息 as an Excel file (导出): the same rows and filters, unpaged")
    public void institutionsXlsx(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                 @ParameterObject InstitutionFilter filter, HttpServletResponse response)
            throws IOException {
        batches.existing(batch);
        Scope.Filter inScope = scope.of(user, filter.institution(), filter.district());
        XlsxDownload.prepare(response, "测算数据基本信息-" + batch + ".xlsx");
        try (OutputStream out = response.getOutputStream()) {
            InstitutionsSheet.write(out, page -> fetch(batch, inScope, page, EXPORT_PAGE).items());
        }
    }

    @PutMapping("/self-assessment")
    @PreAuthorize("hasRole('INSTITUTION')")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InstitutionItem.class)))
    @Operation(operationId = "saveSelfAssessment",
            summary = "自评分 {score} of the caller's institution, inside the reporting window; may be changed "
            + "until it closes. Answers the institution's row")
    public ResponseEntity<?> selfAssessment(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                            @Valid @RequestBody SelfAssessment body) {
        batches.existing(batch);
        commands.send(new FileSelfAssessment(batch, user.organisation(), new Score(body.score()),
                user.username()));
        return ResponseEntity.ok(fetch(batch, new Scope.Filter(user.organisation(), null), 0, 1).items()
                .stream().findFirst().map(InstitutionItem::of).orElse(null));
    }

    @GetMapping("/assessment-template.xlsx")
    @PreAuthorize("hasAnyRole('DISTRICT_BUREAU','ADMIN')")
    @Operation(operationId = "exportAssessmentTemplate",
            summary = "导出模版: the 考核评分模版 of the district bureau's institutions, 医保考核评分 prefilled with "
            + "the current scores (the administrator: every institution, or one district with ?district=)")
    public void assessmentTemplate(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                   @RequestParam(required = false) String district, HttpServletResponse response)
            throws IOException {
        batches.existing(batch);
        Scope.Filter inScope = scope.of(user, null, district);
        XlsxDownload.prepare(response, "考核评分模版-" + batch
                + (inScope.district() == null ? "" : "-" + inScope.district()) + ".xlsx");
        try (OutputStream out = response.getOutputStream()) {
            TEMPLATE.write(page -> fetch(batch, inScope, page, EXPORT_PAGE).items(), out);
        }
    }

    @PostMapping(path = "/assessment-scores", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('DISTRICT_BUREAU')")
    @Operation(operationId = "uploadAssessmentScores",
            summary = "考核数据上传: the filled 考核评分模版 (xlsx) of the bureau's district, all or nothing; it "
            + "replaces the district's earlier scores")
    public ImportResult assessmentScores(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                         @RequestParam("file") MultipartFile file) throws IOException {
        batches.existing(batch);
        ParsedRows<AssessmentRow> parsed;
        try (InputStream in = file.getInputStream()) {
            parsed = TEMPLATE.parse(in, limits);
        }
        List<AssessmentRow> rows = parsed.rows();
        String district = Scope.districtOf(user);
        commands.send(new UploadAssessmentScores(batch, district, rows, parsed.problems(), user.username()));
        return new ImportResult(batch, rows.size(), rows.size(), rows.size() + " assessment scores of district "
                + district + " uploaded");
    }

    private RetentionInstitutionPage fetch(String batch, Scope.Filter inScope, int page, int size) {
        return queries.query(new FetchRetentionInstitutions(batch, inScope.institution(), inScope.district(), page,
                size), RetentionInstitutionPage.class).join();
    }
}
