package com.vbp.command.procurement;

import com.vbp.command.common.Checks;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.WinningProduct;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a winning-product catalogue (FILES.md 中选产品目录). Column names in the problems are
 * the file's column titles, so the same message reads right whether the rows came from Excel or not.
 */
public final class CatalogueRules {

    static final BigDecimal HUNDRED = new BigDecimal(100);

    private CatalogueRules() {
    }

    /** Every problem of every row; empty when the catalogue may be imported. */
    public static List<RowProblem> problems(List<CatalogueRow> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> drugRows = new HashMap<>();
        Map<String, String> groupNames = new HashMap<>();
        for (CatalogueRow row : rows) {
            WinningProduct p = row.product();
            int r = row.row();
            if (Checks.blank(p.groupCode())) {
                problems.add(new RowProblem(r, "产品组编码", RowCode.MISSING, "missing"));
            }
            if (Checks.blank(p.groupName())) {
                problems.add(new RowProblem(r, "产品组名称", RowCode.MISSING, "missing"));
            } else if (!Checks.blank(p.groupCode())) {
                String earlier = groupNames.putIfAbsent(p.groupCode(), p.groupName());
                if (earlier != null && !earlier.equals(p.groupName())) {
                    problems.add(new RowProblem(r, "产品组名称", RowCode.CONFLICTING,
                            "product group " + p.groupCode() + " is already named '" + earlier + "'"));
                }
            }
            if (Checks.blank(p.drugCode())) {
                problems.add(new RowProblem(r, "药品统一编码", RowCode.MISSING, "missing"));
            } else {
                Integer first = drugRows.putIfAbsent(p.drugCode(), r);
                if (first != null) {
                    problems.add(new RowProblem(r, "药品统一编码", RowCode.DUPLICATE,
                            "duplicate: drug code " + p.drugCode() + " is already on row " + first));
                }
            }
            requireText(problems, r, "品种名称", p.variety());
            requireText(problems, r, "剂型", p.dosageForm());
            requireText(problems, r, "规格", p.specification());
            requireText(problems, r, "企业名称", p.enterprise());
            requireText(problems, r, "最小制剂单位", p.minUnit());
            if (p.packagePrice() == null) {
                problems.add(new RowProblem(r, "包装中选价(元)", RowCode.MISSING, "missing"));
            } else if (!p.packagePrice().positive()) {
                problems.add(new RowProblem(r, "包装中选价(元)", RowCode.OUT_OF_RANGE, "must be greater than 0"));
            } else if (!Checks.hasAtMostDecimals(p.packagePrice().yuan(), 4)) {
                problems.add(new RowProblem(r, "包装中选价(元)", RowCode.TOO_MANY_DECIMALS,
                        "at most 4 decimal places"));
            }
            if (p.packageQuantity() <= 0) {
                problems.add(new RowProblem(r, "最小包装数量", RowCode.OUT_OF_RANGE, "must be a whole number greater than 0"));
            }
            if (p.dailyUsage() == null) {
                problems.add(new RowProblem(r, "日均使用量", RowCode.MISSING, "missing"));
            } else if (!Checks.positive(p.dailyUsage().minUnitsPerDay())) {
                problems.add(new RowProblem(r, "日均使用量", RowCode.OUT_OF_RANGE, "must be greater than 0"));
            }
            if (p.reduction() == null) {
                problems.add(new RowProblem(r, "降幅(%)", RowCode.MISSING, "missing"));
            } else if (!Checks.between(p.reduction().percent(), BigDecimal.ZERO, HUNDRED)) {
                problems.add(new RowProblem(r, "降幅(%)", RowCode.OUT_OF_RANGE, "must be between 0 and 100"));
            }
            if (p.maxCapacity() == null) {
                problems.add(new RowProblem(r, "最大产能", RowCode.MISSING, "missing"));
            } else if (p.maxCapacity().minUnits() < 0) {
                problems.add(new RowProblem(r, "最大产能", RowCode.OUT_OF_RANGE, "must be a whole number of at least 0"));
            }
        }
        return problems;
    }

    private static void requireText(List<RowProblem> problems, int row, String column, String value) {
        if (Checks.blank(value)) {
            problems.add(new RowProblem(row, column, RowCode.MISSING, "missing"));
        }
    }
}
