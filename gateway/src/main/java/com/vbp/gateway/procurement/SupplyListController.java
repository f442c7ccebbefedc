package com.vbp.gateway.procurement;

import com.vbp.events.common.District;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.procurement.ProcurementQueries.FetchSupplyList;
import com.vbp.events.procurement.ProcurementQueries.FindProcurementBatch;
import com.vbp.events.procurement.ProcurementQueries.ProcurementBatchView;
import com.vbp.events.procurement.ProcurementQueries.SupplyListPage;
import com.vbp.events.procurement.ProcurementQueries.SupplyRow;
import com.vbp.events.procurement.ProcurementQueries.SupplySort;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.problem.PageParams;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * 供应清单 (seed 000 §3.2.1). An institution sees its own rows, a district bureau the institutions of
 * its district, the city-level roles the whole batch. The {@code .xlsx} path exports the same rows,
 * unpaged, read from the projection page by page so a large batch is never held in memory.
 */
@RestController
@RequestMapping("/api/v1/procurement/batches/{batch}")
@Tag(name = "Supply list")
public class SupplyListController {

    private static final int EXPORT_PAGE = 5_000;

    private final QueryGateway queries;
    private final Scope scope;

    public SupplyListController(QueryGateway queries, Scope scope) {
        this.queries = queries;
        this.scope = scope;
    }

    /** A supply-list row for web clients: the winning product, its price and the agreed volume. */
    public record SupplyListItem(String institutionCode, String institutionName, String district,
                                 String districtName, String groupCode,
                                 String groupName, String drugCode, String variety, String dosageForm,
                                 String specification, String enterprise, BigDecimal packagePrice,
                                 int packageQuantity, String minUnit, BigDecimal dailyUsage, BigDecimal reduction,
                                 long agreedVolume) {

        static SupplyListItem of(SupplyRow r) {
            return new SupplyListItem(r.institutionCode(), r.institutionName(), r.district(),
                    District.nameOf(r.district()), r.groupCode(),
                    r.groupName(), r.drugCode(), r.variety(), r.dosageForm(), r.specification(), r.enterprise(),
                    r.packagePrice().yuan(), r.packageQuantity(), r.minUnit(), r.dailyUsage().minUnitsPerDay(),
                    r.reduction().percent(), r.agreedVolume().minUnits());
        }
    }

    public record SupplyListResponse(List<SupplyListItem> items, int page, int size, long total) {
    }

    /**
     * The filters of both supply-list paths, bound from the query string. {@code institution} and
     * {@code district} narrow the caller's {@link Scope}; one outside it is refused (403 OUT_OF_SCOPE).
     */
    public record SupplyListFilter(String drugCode, String variety, String enterprise, String institution,
                                   String district, SupplySort sort,
                                   @Parameter(schema = @Schema(allowableValues = {"asc", "desc"})) String order) {

        FetchSupplyList query(Scope.Filter scope, String batch, int page, int size) {
            String ord = order == null ? "asc" : order;
            if (!"asc".equalsIgnoreCase(ord) && !"desc".equalsIgnoreCase(ord)) {
                throw new Refused(RefusalCode.INVALID_REQUEST, "order must be asc or desc");
            }
            return new FetchSupplyList(batch, scope.institution(), scope.district(), drugCode, variety, enterprise,
                    sort == null ? SupplySort.INSTITUTION : sort, "desc".equalsIgnoreCase(ord), page, size);
        }
    }

    @GetMapping("/supply-list")
    @Operation(operationId = "listSupplyLines",
            summary = "供应清单: filters drugCode, variety, enterprise (substring), institution and district "
            + "(city-level roles); sort INSTITUTION|DRUG_CODE|VARIETY|ENTERPRISE|AGREED_VOLUME, order asc|desc")
    public SupplyListResponse supplyList(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                         @ParameterObject SupplyListFilter filter,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        requireBatch(batch);
        SupplyListPage result = fetch(filter.query(scoped(user, filter), batch, page, size));
        return new SupplyListResponse(result.items().stream().map(SupplyListItem::of).toList(), result.page(),
                result.size(), result.total());
    }

    @GetMapping("/supply-list.xlsx")
    @Operation(operationId = "exportSupplyLines",
            summary = "供应清单 as an Excel file (导出): the same rows and filters, unpaged")
    public void supplyListXlsx(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                               @ParameterObject SupplyListFilter filter, HttpServletResponse response)
            throws IOException {
        requireBatch(batch);
        FetchSupplyList first = filter.query(scoped(user, filter), batch, 0, EXPORT_PAGE);
        XlsxDownload.prepare(response, "供应清单-" + batch + ".xlsx");
        try (OutputStream out = response.getOutputStream()) {
            SupplyListSheet.write(out, page -> fetch(new FetchSupplyList(first.batchCode(), first.institution(),
                    first.district(), first.drugCode(), first.variety(), first.enterprise(), first.sort(),
                    first.descending(), page, EXPORT_PAGE)).items());
        }
    }

    private Scope.Filter scoped(CurrentUser user, SupplyListFilter filter) {
        return scope.of(user, filter.institution(), filter.district());
    }

    private SupplyListPage fetch(FetchSupplyList query) {
        return queries.query(query, SupplyListPage.class).join();
    }

    private void requireBatch(String batch) {
        if (queries.query(new FindProcurementBatch(batch), ProcurementBatchView.class).join() == null) {
            throw new Refused(RefusalCode.UNKNOWN_BATCH, "No procurement batch " + batch);
        }
    }
}
