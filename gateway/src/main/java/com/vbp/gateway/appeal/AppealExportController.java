package com.vbp.gateway.appeal;

import com.vbp.events.appeal.AppealQueries.AppealPage;
import com.vbp.events.appeal.AppealQueries.ListAppeals;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;

/**
 * 申诉管理 导出: {@code GET /api/v1/appeals.xlsx}, the list's rows with the same filters and scope, unpaged. A
 * controller of its own only because Spring joins a class-level {@code /api/v1/appeals} and {@code .xlsx} with a
 * slash; the filters are read by {@link AppealController}'s own helpers, so both answer alike.
 */
@RestController
@Tag(name = "Appeals")
public class AppealExportController {

    private static final int EXPORT_PAGE = 5_000;

    private final QueryGateway queries;
    private final Scope scope;

    public AppealExportController(QueryGateway queries, Scope scope) {
        this.queries = queries;
        this.scope = scope;
    }

    @GetMapping(AppealController.PATH + ".xlsx")
    @PreAuthorize("hasAnyRole('INSTITUTION','DISTRICT_BUREAU','ADMIN')")
    @Operation(operationId = "exportAppeals",
            summary = "申诉管理 as an Excel file (导出): the list's rows, filters and scope, unpaged, newest first")
    public void export(@AuthenticationPrincipal CurrentUser user,
                       @RequestParam(required = false) String batch,
                       @Parameter(schema = @Schema(implementation = AppealStatus.class))
                       @RequestParam(required = false) String status,
                       @RequestParam(required = false) String institution,
                       @RequestParam(required = false) String district,
                       HttpServletResponse response) throws IOException {
        // Every refusal (a bad status, a filter out of scope) before the first byte is written.
        Scope.Filter inScope = scope.of(user, institution, district);
        AppealStatus wanted = AppealController.status(status);
        String batchCode = AppealController.blankToNull(batch);
        XlsxDownload.prepare(response, "申诉管理" + (batchCode == null ? "" : "-" + batchCode) + ".xlsx");
        try (OutputStream out = response.getOutputStream()) {
            AppealsSheet.write(out, page -> queries.query(new ListAppeals(batchCode, wanted, inScope.institution(),
                    inScope.district(), page, EXPORT_PAGE), AppealPage.class).join().items());
        }
    }
}
