package com.vbp.gateway.procurement;

import com.vbp.events.common.RefusalCode;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.events.procurement.ProcurementQueries.FindProcurementBatch;
import com.vbp.events.procurement.ProcurementQueries.ListProcurementBatches;
import com.vbp.events.procurement.ProcurementQueries.ProcurementBatchList;
import com.vbp.events.procurement.ProcurementQueries.ProcurementBatchView;
import com.vbp.gateway.batch.BatchCodes;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.excel.CatalogueFile;
import com.vbp.gateway.excel.DemandFile;
import com.vbp.gateway.excel.ParsedRows;
import com.vbp.gateway.excel.UploadLimits;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** 集采批次: creating a batch and importing its catalogue and demand files (admin), and the batch list. */
@RestController
@RequestMapping("/api/v1/procurement/batches")
@Tag(name = "Procurement batches")
public class ProcurementBatchController {

    private static final CatalogueFile CATALOGUE_FILE = new CatalogueFile();
    private static final DemandFile DEMAND_FILE = new DemandFile();

    private final Commands commands;
    private final QueryGateway queries;
    private final UploadLimits limits;
    private final BatchCodes batchCodes;
    private final Clock clock = Clock.systemUTC();

    public ProcurementBatchController(Commands commands, QueryGateway queries, UploadLimits limits,
                                      BatchCodes batchCodes) {
        this.commands = commands;
        this.queries = queries;
        this.limits = limits;
        this.batchCodes = batchCodes;
    }

    public record NewBatch(@NotBlank @Size(max = 40) String code, @NotBlank @Size(max = 200) String name,
                           @NotNull Instant allocationOpensAt, @NotNull Instant allocationClosesAt,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal minShareLowestDailyCost,
                           @DecimalMin("0") @DecimalMax("1") BigDecimal minShareHighestReduction) {
    }

    /** A batch as listed: {@code status} is NOT_OPEN, OPEN or CLOSED relative to the allocation window. */
    public record BatchResponse(String code, String name, Instant allocationOpensAt, Instant allocationClosesAt,
                                String status, BigDecimal minShareLowestDailyCost,
                                BigDecimal minShareHighestReduction, int productGroupCount, int productCount,
                                int institutionCount, int demandLineCount) {
    }

    public record ImportResult(String batch, int rows, String message) {
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(operationId = "createProcurementBatch",
            summary = "Create a procurement batch with its allocation window")
    public ResponseEntity<BatchResponse> create(@AuthenticationPrincipal CurrentUser admin,
                                                @Valid @RequestBody NewBatch request) {
        batchCodes.requireFree(request.code());
        commands.sendAndAwait(new CreateProcurementBatch(request.code(), request.name(), request.allocationOpensAt(),
                request.allocationClosesAt(), request.minShareLowestDailyCost(), request.minShareHighestReduction(),
                admin.username()));
        return ResponseEntity.status(HttpStatus.CREATED).body(response(existing(request.code())));
    }

    @GetMapping
    @Operation(operationId = "listProcurementBatches",
            summary = "Batch list with allocation window and status")
    public List<BatchResponse> list() {
        return queries.query(new ListProcurementBatches(), ProcurementBatchList.class).join()
                .items().stream().map(this::response).toList();
    }

    @GetMapping("/{batch}")
    @Operation(operationId = "getProcurementBatch",
            summary = "One batch")
    public BatchResponse get(@PathVariable String batch) {
        return response(existing(batch));
    }

    @PostMapping(path = "/{batch}/catalogue", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(operationId = "uploadCatalogue",
            summary = "Upload the winning-product catalogue (中选产品目录, xlsx); replaces an earlier one, all or nothing")
    public ImportResult catalogue(@AuthenticationPrincipal CurrentUser admin, @PathVariable String batch,
                                  @RequestParam("file") MultipartFile file) throws IOException {
        ParsedRows<CatalogueRow> parsed = read(batch, file, CATALOGUE_FILE::parse);
        List<CatalogueRow> rows = parsed.rows();
        commands.send(new ImportCatalogue(batch, rows, parsed.problems(), admin.username()));
        return new ImportResult(batch, rows.size(), rows.size() + " winning products imported");
    }

    @PostMapping(path = "/{batch}/demands", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(operationId = "uploadDemands",
            summary = "Upload institutions' demand lines (医疗机构需求, xlsx), all or nothing")
    public ImportResult demands(@AuthenticationPrincipal CurrentUser admin, @PathVariable String batch,
                                @RequestParam("file") MultipartFile file) throws IOException {
        ParsedRows<DemandRow> parsed = read(batch, file, DEMAND_FILE::parse);
        List<DemandRow> rows = parsed.rows();
        commands.send(new ImportDemands(batch, rows, parsed.problems(), admin.username()));
        long institutions = rows.stream().map(DemandRow::institutionCode).distinct().count();
        return new ImportResult(batch, rows.size(), rows.size() + " demand lines of " + institutions
                + " institutions imported");
    }

    private interface Layout<T> {
        ParsedRows<T> parse(InputStream in, UploadLimits limits);
    }

    /**
     * Checks the batch exists, then reads the whole upload with its layout (refused whole when it is no readable
     * sheet of the layout); bad cells come back as problems, for the command to carry.
     */
    private <T> ParsedRows<T> read(String batch, MultipartFile file, Layout<T> layout) throws IOException {
        existing(batch);
        try (InputStream in = file.getInputStream()) {
            return layout.parse(in, limits);
        }
    }

    ProcurementBatchView existing(String batch) {
        ProcurementBatchView view = find(batch);
        if (view == null) {
            throw new Refused(RefusalCode.UNKNOWN_BATCH, "No procurement batch " + batch);
        }
        return view;
    }

    private ProcurementBatchView find(String batch) {
        return queries.query(new FindProcurementBatch(batch), ProcurementBatchView.class).join();
    }

    private BatchResponse response(ProcurementBatchView v) {
        Instant now = clock.instant();
        String status = now.isBefore(v.allocationOpensAt()) ? "NOT_OPEN"
                : now.isBefore(v.allocationClosesAt()) ? "OPEN" : "CLOSED";
        return new BatchResponse(v.batchCode(), v.name(), v.allocationOpensAt(), v.allocationClosesAt(), status,
                v.minShareLowestDailyCost(), v.minShareHighestReduction(), v.productGroupCount(), v.productCount(),
                v.institutionCount(), v.demandLineCount());
    }
}
