package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.BatchProgress;
import com.vbp.events.allocation.AllocationQueries.ContractAmountRow;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.FetchAllocationProgress;
import com.vbp.events.allocation.AllocationQueries.FetchContractAmounts;
import com.vbp.events.common.District;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.problem.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Analytics of the allocation workflow for analysts (and the administrator): contract amounts and progress, as
 * JSON and as xlsx ({@link AnalyticsSheet}, the same rows). Read from the pre-aggregated summaries of the query
 * side, never from the event store.
 */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics")
@PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
public class AllocationAnalyticsController {

    private final QueryGateway queries;

    public AllocationAnalyticsController(QueryGateway queries) {
        this.queries = queries;
    }

    public record AmountRow(String key, String name, long contractVolume, BigDecimal contractAmount, long lines) {
    }

    public record AmountsResponse(String groupBy, List<AmountRow> items, BigDecimal totalAmount) {
    }

    public record ProgressRow(String batchCode, long lines, long linesConfirmed, long institutions,
                              long institutionsReported, long pendingVolume, BigDecimal volumeAllocated) {
    }

    public record ProgressResponse(List<ProgressRow> items) {
    }

    @GetMapping("/contract-amounts")
    @Operation(operationId = "getContractAmounts",
            summary = "Contract amounts of confirmed lines, groupBy=enterprise|productGroup|institution|district, "
            + "filter batch")
    public AmountsResponse contractAmounts(
            @Parameter(schema = @Schema(allowableValues = {"enterprise", "productGroup", "institution", "district"}))
            @RequestParam(defaultValue = "enterprise") String groupBy,
            @RequestParam(required = false) String batch) {
        return amounts(groupBy, grouping(groupBy), batch);
    }

    @GetMapping("/contract-amounts.xlsx")
    @Operation(operationId = "exportContractAmounts",
            summary = "Contract amounts as an Excel file (导出): the same rows, groupBy and batch, and a 合计 row")
    public void contractAmountsXlsx(
            @Parameter(schema = @Schema(allowableValues = {"enterprise", "productGroup", "institution", "district"}))
            @RequestParam(defaultValue = "enterprise") String groupBy,
            @RequestParam(required = false) String batch, HttpServletResponse response) throws IOException {
        AmountGrouping grouping = grouping(groupBy);
        AmountsResponse amounts = amounts(groupBy, grouping, batch);
        try (OutputStream out = attachment(response, "合同金额-" + AnalyticsSheet.by(grouping) + "-" + batchPart(batch))) {
            AnalyticsSheet.writeAmounts(out, grouping, amounts);
        }
    }

    @GetMapping("/allocation-progress")
    @Operation(operationId = "getAllocationProgress",
            summary = "Per batch: lines and lines confirmed, institutions and institutions reported, pending volume "
            + "and volume allocated; filter batch")
    public ProgressResponse allocationProgress(@RequestParam(required = false) String batch) {
        AllocationProgress p = queries.query(new FetchAllocationProgress(blankToNull(batch)), AllocationProgress.class)
                .join();
        return new ProgressResponse(p.items().stream().map(AllocationAnalyticsController::row).toList());
    }

    @GetMapping("/allocation-progress.xlsx")
    @Operation(operationId = "exportAllocationProgress",
            summary = "Allocation progress as an Excel file (导出): the same rows and filter")
    public void allocationProgressXlsx(@RequestParam(required = false) String batch, HttpServletResponse response)
            throws IOException {
        ProgressResponse progress = allocationProgress(batch);
        try (OutputStream out = attachment(response, "分配进度-" + batchPart(batch))) {
            AnalyticsSheet.writeProgress(out, progress.items());
        }
    }

    private AmountsResponse amounts(String groupBy, AmountGrouping grouping, String batch) {
        ContractAmounts a = queries.query(new FetchContractAmounts(blankToNull(batch), grouping),
                ContractAmounts.class).join();
        return new AmountsResponse(groupBy, a.items().stream().map(r -> row(r, grouping)).toList(),
                a.totalAmount().yuan());
    }

    private static OutputStream attachment(HttpServletResponse response, String name) throws IOException {
        XlsxDownload.prepare(response, name + ".xlsx");
        return response.getOutputStream();
    }

    private static String batchPart(String batch) {
        String b = blankToNull(batch);
        return b == null ? "全部批次" : b;
    }

    /** By district, the name is the district's (江岸区), beside its code as key. */
    private static AmountRow row(ContractAmountRow r, AmountGrouping grouping) {
        String name = grouping == AmountGrouping.DISTRICT ? District.nameOf(r.key()) : r.name();
        return new AmountRow(r.key(), name, r.contractVolume().minUnits(), r.contractAmount().yuan(), r.lines());
    }

    private static ProgressRow row(BatchProgress b) {
        return new ProgressRow(b.batchCode(), b.lines(), b.linesConfirmed(), b.institutions(),
                b.institutionsReported(), b.pendingVolume().minUnits(), b.volumeAllocated().minUnits());
    }

    static AmountGrouping grouping(String groupBy) {
        String g = groupBy.trim().replace("_", "").toLowerCase(Locale.ROOT);
        return switch (g) {
            case "enterprise" -> AmountGrouping.ENTERPRISE;
            case "productgroup" -> AmountGrouping.PRODUCT_GROUP;
            case "institution" -> AmountGrouping.INSTITUTION;
            case "district" -> AmountGrouping.DISTRICT;
            default -> throw new Refused(RefusalCode.INVALID_REQUEST,
                    "groupBy must be enterprise, productGroup, institution or district");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
