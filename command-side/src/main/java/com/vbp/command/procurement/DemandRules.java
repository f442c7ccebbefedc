package com.vbp.command.procurement;

import com.vbp.command.common.Checks;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a demand file (FILES.md 医疗机构需求) against the batch's catalogue and the
 * institutions already imported: a selected-product line names a winner of its group; a pending
 * line names a product that did not win, in a group that has winners, with its daily usage.
 */
public final class DemandRules {

    private DemandRules() {
    }

    public static List<RowProblem> problems(List<DemandRow> rows, Map<String, WinningProduct> winnersByDrug,
                                            Set<String> groupCodes, Set<String> alreadyImported) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> lineRows = new HashMap<>();
        Map<String, String> institutionNames = new HashMap<>();
        Map<String, String> institutionDistricts = new HashMap<>();
        for (DemandRow d : rows) {
            int r = d.row();
            if (Checks.blank(d.institutionCode())) {
                problems.add(new RowProblem(r, "机构编码", RowCode.MISSING, "missing"));
            } else {
                if (alreadyImported.contains(d.institutionCode())) {
                    problems.add(new RowProblem(r, "机构编码", RowCode.DUPLICATE, "duplicate: institution " + d.institutionCode()
                            + " already has demand lines in this batch"));
                }
                consistent(problems, r, "机构名称", institutionNames, d.institutionCode(), d.institutionName());
                consistent(problems, r, "所属区县", institutionDistricts, d.institutionCode(), d.district());
            }
            if (Checks.blank(d.institutionName())) {
                problems.add(new RowProblem(r, "机构名称", RowCode.MISSING, "missing"));
            }
            if (Checks.blank(d.district())) {
                problems.add(new RowProblem(r, "所属区县", RowCode.MISSING, "missing"));
            }
            if (Checks.blank(d.variety())) {
                problems.add(new RowProblem(r, "品种名称", RowCode.MISSING, "missing"));
            }
            if (Checks.blank(d.enterprise())) {
                problems.add(new RowProblem(r, "企业名称", RowCode.MISSING, "missing"));
            }
            if (d.kind() == null) {
                problems.add(new RowProblem(r, "需求类型", RowCode.NOT_ALLOWED, "must be 中选 or 待分配"));
            }
            if (d.volume() == null || !d.volume().positive()) {
                problems.add(new RowProblem(r, "需求量", RowCode.OUT_OF_RANGE, "must be a whole number greater than 0"));
            }
            boolean knownGroup = !Checks.blank(d.groupCode()) && groupCodes.contains(d.groupCode());
            if (Checks.blank(d.groupCode())) {
                problems.add(new RowProblem(r, "产品组编码", RowCode.MISSING, "missing"));
            } else if (!knownGroup) {
                problems.add(new RowProblem(r, "产品组编码", RowCode.UNKNOWN_GROUP,
                        "unknown code: product group " + d.groupCode() + " is not in the catalogue"));
            }
            if (Checks.blank(d.drugCode())) {
                problems.add(new RowProblem(r, "药品统一编码", RowCode.MISSING, "missing"));
            } else if (d.kind() != null && knownGroup) {
                checkDrug(problems, d, winnersByDrug.get(d.drugCode()));
            }
            // FILES.md: 日均使用量 is a decimal > 0; only its absence is allowed, on a 中选 line.
            boolean pending = d.kind() == DemandKind.PENDING;
            if (d.dailyUsage() == null ? pending : !Checks.positive(d.dailyUsage().minUnitsPerDay())) {
                problems.add(new RowProblem(r, "日均使用量", d.dailyUsage() == null ? RowCode.MISSING : RowCode.OUT_OF_RANGE,
                        pending ? "required for a 待分配 line and must be greater than 0" : "must be greater than 0"));
            }
            if (d.kind() != null && !Checks.blank(d.institutionCode()) && !Checks.blank(d.drugCode())) {
                String key = d.institutionCode() + "|" + d.kind() + "|" + d.drugCode();
                Integer first = lineRows.putIfAbsent(key, r);
                if (first != null) {
                    problems.add(new RowProblem(r, "药品统一编码", RowCode.DUPLICATE,
                            "duplicate: the same line is already on row " + first));
                }
            }
        }
        return problems;
    }

    private static void checkDrug(List<RowProblem> problems, DemandRow d, WinningProduct winner) {
        if (d.kind() == DemandKind.SELECTED) {
            if (winner == null) {
                problems.add(new RowProblem(d.row(), "药品统一编码", RowCode.UNKNOWN_PRODUCT,
                        "unknown code: " + d.drugCode() + " is not a winning product of this batch"));
            } else if (!winner.groupCode().equals(d.groupCode())) {
                problems.add(new RowProblem(d.row(), "药品统一编码", RowCode.WRONG_GROUP, "drug " + d.drugCode()
                        + " is a winner of product group " + winner.groupCode() + ", not " + d.groupCode()));
            }
        } else if (winner != null) {
            problems.add(new RowProblem(d.row(), "药品统一编码", RowCode.WINNING_PRODUCT,
                    "drug " + d.drugCode() + " is a winning product: a 待分配 line is for a product that did not win"));
        }
    }

    private static void consistent(List<RowProblem> problems, int row, String column, Map<String, String> seen,
                                   String institution, String value) {
        if (Checks.blank(value)) {
            return;
        }
        String earlier = seen.putIfAbsent(institution, value);
        if (earlier != null && !earlier.equals(value)) {
            problems.add(new RowProblem(row, column, RowCode.CONFLICTING,
                    "institution " + institution + " has '" + earlier + "' on an earlier row"));
        }
    }
}
