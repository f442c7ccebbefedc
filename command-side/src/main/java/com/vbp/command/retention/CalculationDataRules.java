package com.vbp.command.retention;

import com.vbp.command.common.Checks;
import com.vbp.events.common.Money;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.VarietyFigures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of a calculation-data file (FILES.md 测算数据): every field present, 职保占比 from 0 to 1,
 * volumes and amounts not negative, one row per institution and variety, and an institution's name,
 * district and 职保占比 the same on all its rows. Problems name the FILES.md column titles.
 */
public final class CalculationDataRules {

    private CalculationDataRules() {
    }

    public static List<RowProblem> problems(List<CalculationRow> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> varietyRows = new HashMap<>();
        Map<String, Object> names = new HashMap<>();
        Map<String, Object> districts = new HashMap<>();
        Map<String, Object> shares = new HashMap<>();
        for (CalculationRow c : rows) {
            int r = c.row();
            required(problems, r, "机构编码", c.institutionCode());
            required(problems, r, "机构名称", c.institutionName());
            required(problems, r, "所属区县", c.district());
            required(problems, r, "品种名称", c.variety());
            if (!Checks.between(c.employeeShare(), BigDecimal.ZERO, BigDecimal.ONE)) {
                problems.add(new RowProblem(r, "职保占比", "must be a decimal from 0 to 1"));
            }
            volume(problems, r, "约定采购量", c.agreedVolume());
            money(problems, r, "集采前单价", c.prePrice());
            volume(problems, r, "中选产品采购量", c.selectedVolume());
            money(problems, r, "中选产品采购金额", c.selectedAmount());
            volume(problems, r, "非中选产品采购量", c.nonSelectedVolume());
            money(problems, r, "非中选产品采购金额", c.nonSelectedAmount());
            if (Checks.blank(c.institutionCode())) {
                continue;
            }
            String institution = c.institutionCode().trim();
            if (!Checks.blank(c.variety())) {
                Integer first = varietyRows.putIfAbsent(institution + "|" + c.variety().trim(), r);
                if (first != null) {
                    problems.add(new RowProblem(r, "品种名称", "duplicate: institution " + institution
                            + " already has variety " + c.variety().trim() + " on row " + first));
                }
            }
            consistent(problems, r, "机构名称", names, institution, trimmed(c.institutionName()));
            consistent(problems, r, "所属区县", districts, institution, trimmed(c.district()));
            consistent(problems, r, "职保占比", shares, institution,
                    c.employeeShare() == null ? null : c.employeeShare().stripTrailingZeros());
        }
        return problems;
    }

    /** Valid rows grouped per institution, in the order of their first row; codes and names trimmed. */
    public static List<InstitutionCalculation> institutions(List<CalculationRow> rows) {
        Map<String, List<CalculationRow>> byInstitution = new LinkedHashMap<>();
        rows.forEach(r -> byInstitution.computeIfAbsent(r.institutionCode().trim(), k -> new ArrayList<>()).add(r));
        return byInstitution.entrySet().stream().map(e -> {
            CalculationRow first = e.getValue().get(0);
            List<VarietyFigures> varieties = e.getValue().stream()
                    .map(r -> new VarietyFigures(r.variety().trim(), r.agreedVolume(), r.prePrice(),
                            r.selectedVolume(), r.selectedAmount(), r.nonSelectedVolume(), r.nonSelectedAmount()))
                    .toList();
            return new InstitutionCalculation(e.getKey(), first.institutionName().trim(), first.district().trim(),
                    first.employeeShare(), varieties);
        }).toList();
    }

    private static void required(List<RowProblem> problems, int row, String column, String value) {
        if (Checks.blank(value)) {
            problems.add(new RowProblem(row, column, "missing"));
        }
    }

    private static void volume(List<RowProblem> problems, int row, String column, Volume volume) {
        if (volume == null || volume.minUnits() < 0) {
            problems.add(new RowProblem(row, column, "must be a whole number ≥ 0"));
        }
    }

    private static void money(List<RowProblem> problems, int row, String column, Money money) {
        if (money == null || money.yuan().signum() < 0) {
            problems.add(new RowProblem(row, column, "must be a decimal ≥ 0"));
        }
    }

    private static String trimmed(String s) {
        return Checks.blank(s) ? null : s.trim();
    }

    private static void consistent(List<RowProblem> problems, int row, String column, Map<String, Object> seen,
                                   String institution, Object value) {
        if (value == null) {
            return;
        }
        Object earlier = seen.putIfAbsent(institution, value);
        if (earlier != null && !Objects.equals(earlier, value)) {
            problems.add(new RowProblem(row, column, "institution " + institution + " has '"
                    + (earlier instanceof BigDecimal d ? d.toPlainString() : earlier) + "' on an earlier row"));
        }
    }
}
