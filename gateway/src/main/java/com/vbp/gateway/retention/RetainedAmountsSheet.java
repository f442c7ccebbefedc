package com.vbp.gateway.retention;

import com.vbp.events.common.District;
import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionQueries.RetainedAmountView;
import com.vbp.gateway.excel.XlsxWriter;

import java.io.OutputStream;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The 医疗机构结余金额 export: one row per institution of the latest calculation round, the columns of the
 * JSON list (医保考核评分 reads 未考核 where there is no score), then a 合计 row with the sums of the
 * amount columns over every row.
 */
final class RetainedAmountsSheet {

    static final String TOTAL = "合计";
    static final List<String> TITLES = List.of("机构编码", "机构名称", "所属区县", "区县名称", "考核品种数", "预算金额(元)",
            "实际发生额(元)", "结余金额(元)", "医保考核评分", "考核系数", "结余留用金额(元)", "职保(元)", "居保(元)",
            "计算轮次");

    private RetainedAmountsSheet() {
    }

    /** Writes every row that {@code pages} yields, asking for page 0, 1, … until one comes back empty. */
    static void write(OutputStream out, IntFunction<List<RetainedAmountView>> pages) {
        Money budget = Money.ZERO;
        Money actual = Money.ZERO;
        Money surplus = Money.ZERO;
        Money retained = Money.ZERO;
        Money employee = Money.ZERO;
        Money resident = Money.ZERO;
        try (XlsxWriter sheet = XlsxWriter.open(out, "医疗机构结余金额", TITLES)) {
            for (int page = 0; ; page++) {
                List<RetainedAmountView> rows = pages.apply(page);
                if (rows.isEmpty()) {
                    break;
                }
                for (RetainedAmountView a : rows) {
                    sheet.append(a.institutionCode(), a.institutionName(), a.district(),
                            District.nameOf(a.district()), (long) a.assessedVarieties(),
                            a.budget().yuan(), a.actual().yuan(), a.surplus().yuan(),
                            a.assessed() && a.assessmentScore() != null ? a.assessmentScore().points()
                                    : InstitutionsSheet.NOT_ASSESSED,
                            a.factor(), a.retained().yuan(), a.employeePart().yuan(), a.residentPart().yuan(),
                            (long) a.round());
                    budget = budget.plus(a.budget());
                    actual = actual.plus(a.actual());
                    surplus = surplus.plus(a.surplus());
                    retained = retained.plus(a.retained());
                    employee = employee.plus(a.employeePart());
                    resident = resident.plus(a.residentPart());
                }
            }
            if (sheet.rowCount() > 0) {
                sheet.append(TOTAL, null, null, null, null, budget.toFen().yuan(), actual.toFen().yuan(),
                        surplus.toFen().yuan(), null, null, retained.toFen().yuan(), employee.toFen().yuan(),
                        resident.toFen().yuan(), null);
            }
            sheet.finish();
        }
    }
}
