package com.vbp.gateway.retention;

import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionCommands.FinaliseRetention;
import com.vbp.events.retention.RetentionCommands.ImportCalculationData;
import com.vbp.events.retention.RetentionCommands.RecalculateRetention;
import com.vbp.events.retention.RetentionQueries.ListRetentionBatches;
import com.vbp.events.retention.RetentionQueries.RetentionBatchList;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.gateway.batch.BatchCodes;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.excel.CalculationDataFile;
import com.vbp.gateway.excel.ParsedRows;
import com.vbp.gateway.excel.UploadLimits;
import com.vbp.gateway.retention.RetentionViews.BatchResponse;
import com.vbp.gateway.retention.RetentionViews.ImportResult;
import com.vbp.gateway.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * 结余留用批次 (seed 003 §4.1, RETENTION.md): creating a batch with its reporting window and formula
 * parameters, importing its 测算数据, finalising it and recalculating it (admin), and the batch list (all).
 * Every rule is the {@code RetentionBatch} aggregate's; the gateway refuses an unknown batch and a bad
 * file or body before any command.
 */
@RestController
@RequestMapping("/api/v1/retention/batches")
@Tag(name = "Retention batches")
public class RetentionBatchController {

    /** RETENTION.md's defaults for the parameters a request leaves out. */
    static final BigDecimal DEFAULT_RATIO = new BigDecimal("0.50");
    static final BigDecimal DEFAULT_PASSING_SCORE = new BigDecimal("60");
    static final ScoreScale DEFAULT_SCALE = ScoreScale.LINEAR;

    private static final String ADMIN = "hasRole('ADMIN')";
    private static final CalculationDataFile CALCULATION_FILE = new CalculationDataFile();

    private final Commands commands;
    private final QueryGateway queries;
    private final RetentionBatches batches;
    private final UploadLimits limits;
    private final BatchCodes batchCodes;

    public RetentionBatchController(Commands commands, QueryGateway queries, RetentionBatches batches,
                                    UploadLimits limits, BatchCodes batchCodes) {
        this.commands = commands;
        this.queries = queries;
        this.batches = batches;
        this.limits = limits;
        this.batchCodes = batchCodes;
    }

    /**
     * A new batch; {@code retentionRatio} (0–1, default 0.50), {@code passingScore} (0–100, one decimal,
     * default 60) and {@code scoreScale} ({@code LINEAR} or {@code FULL_IF_PASSED}, default LINEAR) may be
     * left out.
     */
    public record NewBatch(@NotBlank @Size(max = 40) String code, @NotBlank @Size(max = 200) String name,
                           @NotNull Instant reportingOpensAt, @NotNull Instant reportingClosesAt,
                           @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 6)
                           BigDecimal retentionRatio,
                           @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 1)
                           BigDecimal passingScore,
                           @Pattern(regexp = "LINEAR|FULL_IF_PASSED", message = "must be LINEAR or FULL_IF_PASSED")
                           String scoreScale) {

        RetentionParameters parameters() {
            return new RetentionParameters(retentionRatio == null ? DEFAULT_RATIO : retentionRatio,
                    new Score(passingScore == null ? DEFAULT_PASSING_SCORE : passingScore),
                    scoreScale == null ? DEFAULT_SCALE : ScoreScale.valueOf(scoreScale));
        }
    }

    /** Why the amounts are computed again (recorded in the RetentionRecalculated event). */
    public record Recalculation(@NotBlank @Size(max = 500) String reason) {
    }

    @PostMapping
    @PreAuthorize(ADMIN)
    @Operation(operationId = "createRetentionBatch",
            summary = "Create a retention batch with its reporting window and formula parameters "
            + "(defaults 0.50, 60, LINEAR)")
    public ResponseEntity<BatchResponse> create(@AuthenticationPrincipal CurrentUser admin,
                                                @Valid @RequestBody NewBatch request) {
        String code = request.code().trim();
        batchCodes.requireFree(code);
        commands.sendAndAwait(new CreateRetentionBatch(code, request.name(), request.reportingOpensAt(),
                request.reportingClosesAt(), request.parameters(), admin.username()));
        return ResponseEntity.status(HttpStatus.CREATED).body(batches.response(batches.existing(code)));
    }

    @GetMapping
    @Operation(operationId = "listRetentionBatches",
            summary = "Batch list with reporting window, parameters and status NOT_OPEN|OPEN|CLOSED|FINALISED")
    public List<BatchResponse> list() {
        return queries.query(new ListRetentionBatches(), RetentionBatchList.class).join()
                .items().stream().map(batches::response).toList();
    }

    @GetMapping("/{batch}")
    @Operation(operationId = "getRetentionBatch",
            summary = "One batch")
    public BatchResponse get(@PathVariable String batch) {
        return batches.response(batches.existing(batch));
    }

    @PostMapping(path = "/{batch}/calculation-data", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(ADMIN)
    @Operation(operationId = "uploadCalculationData",
            summary = "Upload the calculation data (测算数据, xlsx); replaces an earlier one, all or nothing, "
            + "until the batch is finalised")
    public ImportResult calculationData(@AuthenticationPrincipal CurrentUser admin, @PathVariable String batch,
                                        @RequestParam("file") MultipartFile file) throws IOException {
        batches.existing(batch);
        ParsedRows<CalculationRow> parsed;
        try (InputStream in = file.getInputStream()) {
            parsed = CALCULATION_FILE.parse(in, limits);
        }
        List<CalculationRow> rows = parsed.rows();
        commands.send(new ImportCalculationData(batch, rows, parsed.problems(), admin.username()));
        long institutions = rows.stream().map(CalculationRow::institutionCode).distinct().count();
        return new ImportResult(batch, rows.size(), institutions, rows.size() + " rows of " + institutions
                + " institutions imported");
    }

    @PostMapping("/{batch}/finalise")
    @PreAuthorize(ADMIN)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @Operation(operationId = "finaliseRetentionBatch",
            summary = "Compute and record every institution's retained amount (calculation round 1); once")
    public ResponseEntity<?> finalise(@AuthenticationPrincipal CurrentUser admin, @PathVariable String batch) {
        batches.existing(batch);
        commands.send(new FinaliseRetention(batch, admin.username()));
        return ResponseEntity.ok(batches.response(batches.existing(batch)));
    }

    @PostMapping("/{batch}/recalculate")
    @PreAuthorize(ADMIN)
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    @Operation(operationId = "recalculateRetentionBatch",
            summary = "Recalculate a finalised batch {reason}: a new calculation round from the current data "
            + "and scores; the earlier rounds stay in the history")
    public ResponseEntity<?> recalculate(@AuthenticationPrincipal CurrentUser admin, @PathVariable String batch,
                                         @Valid @RequestBody Recalculation request) {
        batches.existing(batch);
        commands.send(new RecalculateRetention(batch, request.reason().trim(), admin.username()));
        return ResponseEntity.ok(batches.response(batches.existing(batch)));
    }
}
