package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationCommands.AllocationCheck;
import com.vbp.events.allocation.AllocationCommands.AllocationFigures;
import com.vbp.events.allocation.AllocationCommands.CheckAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmSelectedLine;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.allocation.AllocationCommands.ReportAllocation;
import com.vbp.events.allocation.AllocationCommands.SaveAllocation;
import com.vbp.events.allocation.AllocationCommands.WithdrawAllocation;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.AllocationQueries.FetchPendingLines;
import com.vbp.events.allocation.AllocationQueries.FetchReportList;
import com.vbp.events.allocation.AllocationQueries.FetchSelectedLines;
import com.vbp.events.allocation.AllocationQueries.PendingLineView;
import com.vbp.events.allocation.AllocationQueries.PendingLinesPage;
import com.vbp.events.allocation.AllocationQueries.ReportListPage;
import com.vbp.events.allocation.AllocationQueries.SelectedLineView;
import com.vbp.events.allocation.AllocationQueries.SelectedLinesPage;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementQueries.FindProcurementBatch;
import com.vbp.events.procurement.ProcurementQueries.ProcurementBatchView;
import com.vbp.gateway.allocation.AllocationViews.CheckResponse;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.consistency.IdempotencyFilter;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.problem.PageParams;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
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

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * The allocation workflow of an institution (seed 000 §3.2.2–§3.2.4): 中选产品采购量 (confirm), 待分配量
 * (save, confirm, withdraw) and 分配采购量确认上报 (list, export, report). An institution works on its own
 * lines only (allocation {@code AllocationIds.of(batch, its organisation)}); the administrator may read any
 * institution's lists with {@code ?institution=}; an institution naming another one is refused (403
 * {@code OUT_OF_SCOPE}, {@link Scope}). Commands answer after the projections have caught up
 * (read-your-writes, {@link Commands}) and honour {@code Idempotency-Key} ({@link IdempotencyFilter}).
 * Every rule is the command side's: a refusal comes back as problem+json with its code.
 */
@RestController
@RequestMapping("/api/v1/procurement/batches/{batch}")
@Tag(name = "Allocation")
public class AllocationController {

    private static final int EXPORT_SIZE = 10_000;
    private static final String READERS = "hasAnyRole('INSTITUTION','ADMIN')";
    private static final String INSTITUTION = "hasRole('INSTITUTION')";

    private final Commands commands;
    private final QueryGateway queries;
    private final Scope scope;

    public AllocationController(Commands commands, QueryGateway queries, Scope scope) {
        this.commands = commands;
        this.queries = queries;
        this.scope = scope;
    }

    /**
     * The text filters of the three lists (case-insensitive substrings); {@code institution} (exact code) is
     * required of the administrator, and an institution may name only itself.
     */
    public record LineFilter(String drugCode, String variety, String enterprise, String institution) {
    }

    public record EntryBody(@NotBlank @Size(max = 64) String drugCode,
                            @NotNull @Positive @Digits(integer = 15, fraction = 0) BigDecimal contractVolume) {
    }

    /** 保存: the entries replace the line's previous draft. */
    public record AllocationBody(@NotNull @Size(max = 100) List<@Valid @NotNull EntryBody> entries) {
    }

    // ---- 中选产品采购量 ----

    @GetMapping("/selected-lines")
    @PreAuthorize(READERS)
    @Operation(operationId = "listSelectedLines",
            summary = "中选产品采购量 of the institution; filters drugCode, variety, enterprise")
    public SelectedLinesPage selectedLines(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                           @ParameterObject LineFilter filter,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        requireBatch(batch);
        return queries.query(new FetchSelectedLines(batch, institution(user, filter.institution()),
                filter.drugCode(), filter.variety(), filter.enterprise(), page, size), SelectedLinesPage.class).join();
    }

    @PostMapping("/selected-lines/{line}/confirm")
    @PreAuthorize(INSTITUTION)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SelectedLineView.class)))
    @Operation(operationId = "confirmSelectedLine",
            summary = "确认 a selected-product line; answers the line")
    public ResponseEntity<?> confirmSelected(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                             @PathVariable String line) {
        requireBatch(batch);
        commands.send(new ConfirmSelectedLine(allocationId(user, batch), line, user.username()));
        return ResponseEntity.ok(selectedLine(user, batch, line));
    }

    // ---- 待分配量 ----

    @GetMapping("/pending-lines")
    @PreAuthorize(READERS)
    @Operation(operationId = "listPendingLines",
            summary = "待分配量 of the institution, each with its lowest-daily-cost, highest-reduction and other "
            + "winners; filters drugCode, variety, enterprise")
    public PendingLinesPage pendingLines(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                         @ParameterObject LineFilter filter,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        requireBatch(batch);
        return pending(batch, institution(user, filter.institution()), filter.drugCode(),
                filter.variety(), filter.enterprise(), page, size);
    }

    @PutMapping("/pending-lines/{line}/allocation")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "the two required winners", value = "{\"entries\": [{\"drugCode\": \"ZC12345678\", "
            + "\"contractVolume\": 6000}, {\"drugCode\": \"ZC12346012\", \"contractVolume\": 4000}]}")))
    @PreAuthorize(INSTITUTION)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AllocationFigures.class)))
    @Operation(operationId = "saveAllocation",
            summary = "保存 {entries:[{drugCode, contractVolume}]}; answers the bounds, the entries and the totals")
    public ResponseEntity<?> save(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                  @PathVariable String line, @Valid @RequestBody AllocationBody body) {
        requireBatch(batch);
        AllocationFigures figures = commands.send(new SaveAllocation(allocationId(user, batch), line,
                entries(body), user.username()));
        return ResponseEntity.ok(figures);
    }

    @PostMapping("/pending-lines/{line}/allocation/check")
    @PreAuthorize(INSTITUTION)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CheckResponse.class)))
    @Operation(operationId = "checkAllocation",
            summary = "检查 the entries being typed: the same body and the same rule as 保存, storing nothing",
            description = "Answers 200 with the figures 保存 would answer (bounds, entries with allocated volumes and "
                    + "capacity left, allocated total, pending volume; null when none can be made) and `problem`, "
                    + "the refusal 保存 would get ({code, detail, figures}) or null. Needs no Idempotency-Key and "
                    + "does not wait for the projections: nothing is written. A malformed body is still 400.")
    public CheckResponse check(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                               @PathVariable String line, @Valid @RequestBody AllocationBody body) {
        requireBatch(batch);
        AllocationCheck answer = commands.ask(new CheckAllocation(allocationId(user, batch), line, entries(body),
                user.username()));
        // A line the institution does not have (another institution's, or none) is no rule of the entries: it is
        // answered 404 as by 保存 and every other single-resource path, not as a 200 with a problem inside.
        if (answer.problem() != null && answer.problem().is(RefusalCode.UNKNOWN_LINE)) {
            throw new Refused(answer.problem());
        }
        return CheckResponse.of(line, answer);
    }

    @PostMapping("/pending-lines/{line}/confirm")
    @PreAuthorize(INSTITUTION)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AllocationFigures.class)))
    @Operation(operationId = "confirmAllocation",
            summary = "确认 the saved allocation: every rule is checked again and capacity reserved")
    public ResponseEntity<?> confirmPending(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                            @PathVariable String line) {
        requireBatch(batch);
        AllocationFigures figures = commands.send(new ConfirmAllocation(allocationId(user, batch), line,
                user.username()));
        return ResponseEntity.ok(figures);
    }

    @PostMapping("/pending-lines/{line}/withdraw")
    @PreAuthorize(INSTITUTION)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PendingLineView.class)))
    @Operation(operationId = "withdrawAllocation",
            summary = "撤回 a confirmed allocation (before 上报); answers the line, a draft again")
    public ResponseEntity<?> withdraw(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                      @PathVariable String line) {
        requireBatch(batch);
        commands.send(new WithdrawAllocation(allocationId(user, batch), line, user.username()));
        return ResponseEntity.ok(pendingLine(user, batch, line));
    }

    // ---- 分配采购量确认上报 ----

    @GetMapping("/report")
    @PreAuthorize(READERS)
    @Operation(operationId = "getReport",
            summary = "分配采购量确认上报: confirmed contracts with amounts and totals; filters drugCode, variety, "
            + "enterprise")
    public ReportListPage report(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                 @ParameterObject LineFilter filter, @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        requireBatch(batch);
        return reportList(batch, institution(user, filter.institution()), filter, page, size);
    }

    @GetMapping("/report.xlsx")
    @PreAuthorize(READERS)
    @Operation(operationId = "exportReport",
            summary = "分配采购量确认上报 as an Excel file (导出): the same rows and filters, unpaged")
    public void reportXlsx(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                           @ParameterObject LineFilter filter, HttpServletResponse response) throws IOException {
        requireBatch(batch);
        ReportListPage all = reportList(batch, institution(user, filter.institution()), filter, 0, EXPORT_SIZE);
        XlsxDownload.prepare(response, "分配采购量确认上报-" + batch + ".xlsx");
        try (OutputStream out = response.getOutputStream()) {
            ReportSheet.write(out, all);
        }
    }

    @PostMapping("/report")
    @PreAuthorize(INSTITUTION)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReportListPage.class)))
    @Operation(operationId = "submitReport",
            summary = "上报: every line must be confirmed; all lines are final afterwards. Answers the report list")
    public ResponseEntity<?> submitReport(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch) {
        requireBatch(batch);
        commands.send(new ReportAllocation(allocationId(user, batch), user.username()));
        return ResponseEntity.ok(reportList(batch, user.organisation(),
                new LineFilter(null, null, null, null), 0, 20));
    }

    // ---- helpers ----

    private static List<EntryRequest> entries(AllocationBody body) {
        return body.entries().stream().map(e -> new EntryRequest(e.drugCode().trim(),
                Volume.of(e.contractVolume().longValueExact()))).toList();
    }

    private ReportListPage reportList(String batch, String institution, LineFilter f, int page, int size) {
        return queries.query(new FetchReportList(batch, institution, f.drugCode(), f.variety(), f.enterprise(), page,
                size), ReportListPage.class).join();
    }

    private PendingLinesPage pending(String batch, String institution, String drugCode, String variety,
                                     String enterprise, int page, int size) {
        return queries.query(new FetchPendingLines(batch, institution, drugCode, variety, enterprise, page, size),
                PendingLinesPage.class).join();
    }

    private SelectedLineView selectedLine(CurrentUser user, String batch, String line) {
        return queries.query(new FetchSelectedLines(batch, user.organisation(), line, null, null, 0, 500),
                        SelectedLinesPage.class).join().items().stream().filter(l -> l.lineId().equals(line))
                .findFirst().orElse(null);
    }

    private PendingLineView pendingLine(CurrentUser user, String batch, String line) {
        return pending(batch, user.organisation(), line, null, null, 0, 500).items().stream()
                .filter(l -> l.lineId().equals(line)).findFirst().orElse(null);
    }

    /** The institution whose lists are read: an institution's own; the administrator names one. */
    private String institution(CurrentUser user, String requested) {
        String institution = scope.of(user, requested, null).institution();
        if (institution == null) {
            throw new Refused(RefusalCode.INVALID_REQUEST,
                    "institution is required: the lists are per institution");
        }
        return institution;
    }

    private static String allocationId(CurrentUser user, String batch) {
        return AllocationIds.of(batch, user.organisation());
    }

    private void requireBatch(String batch) {
        if (queries.query(new FindProcurementBatch(batch), ProcurementBatchView.class).join() == null) {
            throw new Refused(RefusalCode.UNKNOWN_BATCH, "No procurement batch " + batch);
        }
    }
}
