package com.vbp.gateway.retention;

import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;
import com.vbp.events.retention.RetentionQueries.FetchRetainedAmountDetail;
import com.vbp.events.retention.RetentionQueries.FetchRetainedAmounts;
import com.vbp.events.retention.RetentionQueries.RetainedAmountDetail;
import com.vbp.events.retention.RetentionQueries.RetainedAmountPage;
import com.vbp.events.retention.RetentionQueries.RetentionBatchView;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.problem.PageParams;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.retention.RetentionAssessmentController.InstitutionFilter;
import com.vbp.gateway.retention.RetentionViews.AmountDetail;
import com.vbp.gateway.retention.RetentionViews.AmountsResponse;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;

/**
 * 医疗机构结余金额 (seed 003 §4.2): the latest calculation round's amounts — budget, actual, surplus, score
 * (未考核 where none), factor, retained amount and its 职保/居保 parts — with totals over every filtered row,
 * and one institution's detail with its per-variety rows. The administrator and analysts read every
 * institution, a district bureau those of its district, an institution itself ({@link Scope}): a list filter
 * outside that is 403 {@code OUT_OF_SCOPE}, while one institution's detail outside it is answered exactly like
 * an unknown one (404 {@code UNKNOWN_INSTITUTION}), so nothing leaks about it.
 */
@RestController
@RequestMapping("/api/v1/retention/batches/{batch}")
@Tag(name = "Retained amounts")
@PreAuthorize("hasAnyRole('ADMIN','ANALYST','DISTRICT_BUREAU','INSTITUTION')")
public class RetainedAmountsController {

    private static final int EXPORT_PAGE = 5_000;

    private final QueryGateway queries;
    private final RetentionBatches batches;
    private final Scope scope;

    public RetainedAmountsController(QueryGateway queries, RetentionBatches batches, Scope scope) {
        this.queries = queries;
        this.batches = batches;
        this.scope = scope;
    }

    @GetMapping("/amounts")
    @Operation(operationId = "listRetainedAmounts",
            summary = "医疗机构结余金额 of the latest calculation round with totals over every row in scope (empty "
            + "before finalising); filters institution, district")
    public AmountsResponse amounts(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                                   @ParameterObject InstitutionFilter filter,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        RetentionBatchView view = batches.existing(batch);
        Scope.Filter inScope = scope.of(user, filter.institution(), filter.district());
        return AmountsResponse.of(fetch(batch, inScope, page, size), view);
    }

    @GetMapping("/amounts.xlsx")
    @Operation(operationId = "exportRetainedAmounts",
            summary = "医疗机构结余金额 as an Excel file (导出): the same rows and filters, unpaged, and a 合计 row")
    public void amountsXlsx(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                            @ParameterObject InstitutionFilter filter, HttpServletResponse response)
            throws IOException {
        batches.existing(batch);
        Scope.Filter inScope = scope.of(user, filter.institution(), filter.district());
        XlsxDownload.prepare(response, "医疗机构结余金额-" + batch + ".xlsx");
        try (OutputStream out = response.getOutputStream()) {
            RetainedAmountsSheet.write(out, page -> fetch(batch, inScope, page, EXPORT_PAGE).items());
        }
    }

    @GetMapping("/amounts/{institution}")
    @Operation(operationId = "getRetainedAmount",
            summary = "One institution's retained amount with the parameters, 职保占比 and per-variety rows it "
            + "came from; 409 NOT_FINALISED before finalising")
    public AmountDetail detail(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                               @PathVariable String institution) {
        return AmountDetail.of(detailInScope(user, batch, institution));
    }

    @GetMapping("/amounts/{institution}.xlsx")
    @Operation(operationId = "exportRetainedAmountDetail",
            summary = "品种详情 as an Excel file (导出): the detail's per-variety rows and a 合计 row; the same "
            + "scope and refusals as the detail")
    public void detailXlsx(@AuthenticationPrincipal CurrentUser user, @PathVariable String batch,
                           @PathVariable String institution, HttpServletResponse response) throws IOException {
        AmountDetail detail = AmountDetail.of(detailInScope(user, batch, institution));
        XlsxDownload.prepare(response, "品种详情-" + batch + "-" + institution + ".xlsx");
        try (OutputStream out = response.getOutputStream()) {
            VarietiesSheet.write(out, detail);
        }
    }

    /** One institution's detail, refused as the JSON detail documents (checked before any byte is written). */
    private RetainedAmountDetail detailInScope(CurrentUser user, String batch, String institution) {
        RetentionBatchView view = batches.existing(batch);
        if (user.is(Role.INSTITUTION) && !user.organisation().equals(institution)) {
            throw unknown(batch, institution);
        }
        if (!view.finalised()) {
            throw new Refused(RefusalCode.NOT_FINALISED,
                    "Batch " + batch + " is not finalised: there are no retained amounts yet");
        }
        RetainedAmountDetail detail = queries.query(new FetchRetainedAmountDetail(batch, institution),
                RetainedAmountDetail.class).join();
        if (detail == null || !Scope.reaches(user, detail.amount().institutionCode(),
                detail.amount().district())) {
            throw unknown(batch, institution);
        }
        return detail;
    }

    private static Refused unknown(String batch, String institution) {
        return new Refused(RefusalCode.UNKNOWN_INSTITUTION, "No retained amount of institution " + institution
                + " in batch " + batch);
    }

    private RetainedAmountPage fetch(String batch, Scope.Filter inScope, int page, int size) {
        return queries.query(new FetchRetainedAmounts(batch, inScope.institution(), inScope.district(), page, size),
                RetainedAmountPage.class).join();
    }
}
