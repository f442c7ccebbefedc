package com.vbp.gateway.retention;

import com.vbp.events.retention.RetentionQueries.DistrictRetention;
import com.vbp.events.retention.RetentionQueries.FetchRetentionSummary;
import com.vbp.events.retention.RetentionQueries.RetentionSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/**
 * Analytics of surplus retention for analysts (and the administrator), like the allocation analytics:
 * per batch and district the institutions, budget, surplus and retained amount of the latest calculation
 * round (finalised batches only).
 */
@RestController
@RequestMapping("/api/v1/analytics")
@Tag(name = "Analytics")
@PreAuthorize("hasAnyRole('ANALYST','ADMIN')")
public class RetentionAnalyticsController {

    private final QueryGateway queries;

    public RetentionAnalyticsController(QueryGateway queries) {
        this.queries = queries;
    }

    public record SummaryRow(String batchCode, String district, long institutions, BigDecimal budget,
                             BigDecimal surplus, BigDecimal retained) {
        static SummaryRow of(DistrictRetention d) {
            return new SummaryRow(d.batchCode(), d.district(), d.institutions(), RetentionViews.yuan(d.budget()),
                    RetentionViews.yuan(d.surplus()), RetentionViews.yuan(d.retained()));
        }
    }

    public record SummaryResponse(List<SummaryRow> items) {
    }

    @GetMapping("/retention-summary")
    @Operation(summary = "Per batch and district: institutions, budget, surplus and retained amount of the latest "
            + "calculation round; filter batch")
    public SummaryResponse retentionSummary(@RequestParam(required = false) String batch) {
        RetentionSummary s = queries.query(new FetchRetentionSummary(RetentionScope.blankToNull(batch)),
                RetentionSummary.class).join();
        return new SummaryResponse(s.items().stream().map(SummaryRow::of).toList());
    }
}
