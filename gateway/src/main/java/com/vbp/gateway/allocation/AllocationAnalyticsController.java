package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.BatchProgress;
import com.vbp.events.allocation.AllocationQueries.ContractAmountRow;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.FetchAllocationProgress;
import com.vbp.events.allocation.AllocationQueries.FetchContractAmounts;
import com.vbp.gateway.problem.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Analytics of the allocation workflow for analysts (and the administrator): contract amounts and progress. */
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
    @Operation(summary = "Contract amounts of confirmed lines, groupBy=enterprise|productGroup|institution|district, "
            + "filter batch")
    public AmountsResponse contractAmounts(@RequestParam(defaultValue = "enterprise") String groupBy,
                                           @RequestParam(required = false) String batch) {
        AmountGrouping grouping = grouping(groupBy);
        ContractAmounts a = queries.query(new FetchContractAmounts(blankToNull(batch), grouping),
                ContractAmounts.class).join();
        return new AmountsResponse(groupBy, a.items().stream().map(AllocationAnalyticsController::row).toList(),
                a.totalAmount().yuan());
    }

    @GetMapping("/allocation-progress")
    @Operation(summary = "Per batch: lines and lines confirmed, institutions and institutions reported, pending volume "
            + "and volume allocated; filter batch")
    public ProgressResponse allocationProgress(@RequestParam(required = false) String batch) {
        AllocationProgress p = queries.query(new FetchAllocationProgress(blankToNull(batch)), AllocationProgress.class)
                .join();
        return new ProgressResponse(p.items().stream().map(AllocationAnalyticsController::row).toList());
    }

    private static AmountRow row(ContractAmountRow r) {
        return new AmountRow(r.key(), r.name(), r.contractVolume().minUnits(), r.contractAmount().yuan(), r.lines());
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
            default -> throw new Refused(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                    "groupBy must be enterprise, productGroup, institution or district");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
