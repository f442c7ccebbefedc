package com.vbp.gateway.retention;

import com.vbp.events.common.District;
import com.vbp.events.retention.RetentionQueries.DistrictRetention;
import com.vbp.events.retention.RetentionQueries.FetchRetentionSummary;
import com.vbp.events.retention.RetentionQueries.RetentionSummary;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.excel.XlsxWriter;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
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

    static final List<String> SUMMARY_TITLES = List.of("批次编码", "所属区县", "区县名称", "医疗机构数", "预算金额(元)", "结余金额(元)",
            "结余留用金额(元)");

    private final QueryGateway queries;

    public RetentionAnalyticsController(QueryGateway queries) {
        this.queries = queries;
    }

    public record SummaryRow(String batchCode, String district, String districtName, long institutions,
                             BigDecimal budget,
                             BigDecimal surplus, BigDecimal retained) {
        static SummaryRow of(DistrictRetention d) {
            return new SummaryRow(d.batchCode(), d.district(), District.nameOf(d.district()), d.institutions(), RetentionViews.yuan(d.budget()),
                    RetentionViews.yuan(d.surplus()), RetentionViews.yuan(d.retained()));
        }
    }

    public record SummaryResponse(List<SummaryRow> items) {
    }

    @GetMapping("/retention-summary")
    @Operation(operationId = "getRetentionSummary",
            summary = "Per batch and district: institutions, budget, surplus and retained amount of the latest "
            + "calculation round; filter batch")
    public SummaryResponse retentionSummary(@RequestParam(required = false) String batch) {
        RetentionSummary s = queries.query(new FetchRetentionSummary(blankToNull(batch)),
                RetentionSummary.class).join();
        return new SummaryResponse(s.items().stream().map(SummaryRow::of).toList());
    }

    /** The same rows as an Excel file, titled like the other exports, with a 合计 row over every district. */
    @GetMapping("/retention-summary.xlsx")
    @Operation(operationId = "exportRetentionSummary",
            summary = "The retention summary as an Excel file (导出): the same rows and filter, and a 合计 row")
    public void retentionSummaryXlsx(@RequestParam(required = false) String batch, HttpServletResponse response)
            throws IOException {
        List<SummaryRow> rows = retentionSummary(batch).items();
        String name = blankToNull(batch) == null ? "全部批次" : batch.trim();
        XlsxDownload.prepare(response, "结余留用汇总-" + name + ".xlsx");
        try (OutputStream out = response.getOutputStream();
             XlsxWriter sheet = XlsxWriter.open(out, "结余留用汇总", SUMMARY_TITLES)) {
            long institutions = 0;
            BigDecimal budget = BigDecimal.ZERO;
            BigDecimal surplus = BigDecimal.ZERO;
            BigDecimal retained = BigDecimal.ZERO;
            for (SummaryRow r : rows) {
                sheet.append(Arrays.asList(r.batchCode(), r.district(), r.districtName(), r.institutions(),
                        r.budget(), r.surplus(), r.retained()));
                institutions += r.institutions();
                budget = budget.add(r.budget());
                surplus = surplus.add(r.surplus());
                retained = retained.add(r.retained());
            }
            List<Object> total = new ArrayList<>();
            total.add("合计");
            total.add(null);
            total.add(null);
            total.addAll(List.of(institutions, budget, surplus, retained));
            sheet.append(total);
            sheet.finish();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
