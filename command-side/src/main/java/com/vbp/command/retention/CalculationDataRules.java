package com.vbp.command.retention;

import com.vbp.command.common.Checks;
import com.vbp.events.common.Money;
import com.vbp.events.common.RowCode;
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

/**
 * The rules of a calculation-data file (FILES.md 测算数据): every field present, 职保占比 from 0 to 1, volumes and
 * amounts not negative, one row per institution and variety, and an institution's 机构名称, 所属区县 and 职保占比
 * the same on all its rows. Every problem of every row is named, with the FILES.md column title. Codes, names,
 * districts and varieties are compared without surrounding blanks; 职保占比 by value (0.7 = 0.70).
 */
public final class CalculationDataRules {

    private CalculationDataRules() {
    }

    /** Every problem of every row; empty when the file may be imported. */
    public static List<RowProblem> problems(List<CalculationRow> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> varietyRows = new HashMap<>();
        Map<String, First<String>> names = new HashMap<>();
        Map<String, First<String>> districts = new HashMap<>();
        Map<String, First<BigDecimal>> shares = new HashMap<>();
        for (CalculationRow c : rows) {
            int r = c.row();
            required(problems, r, "机构编码", c.institutionCode());
            required(problems, r, "机构名称", c.institutionName());
            required(problems, r, "所属区县", c.district());
            boolean validShare = c.employeeShare() != null
                    && Checks.between(c.employeeShare(), BigDecimal.ZERO, BigDecimal.ONE);
            if (c.employeeShare() == null) {
                problems.add(new RowProblem(r, "职保占比", RowCode.MISSING, "missing"));
            } else if (!validShare) {
                problems.add(new RowProblem(r, "职保占比", RowCode.OUT_OF_RANGE, "out of range: must be from 0 to 1, was "
                        + c.employeeShare().toPlainString()));
            }
            required(problems, r, "品种名称", c.variety());
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
                Integer first = varietyRows.putIfAbsent(institution + "\u0000" + c.variety().trim(), r);
                if (first != null) {
                    problems.add(new RowProblem(r, "品种名称", RowCode.DUPLICATE, "duplicate: institution " + institution
                            + " already has variety " + c.variety().trim() + " on row " + first));
                }
            }
            if (!Checks.blank(c.institutionName())) {
                consistent(problems, r, "机构名称", names, institution, c.institutionName().trim());
            }
            if (!Checks.blank(c.district())) {
                consistent(problems, r, "所属区县", districts, institution, c.district().trim());
            }
            if (validShare) {
                consistent(problems, r, "职保占比", shares, institution, c.employeeShare());
            }
        }
        return problems;
    }

    /**
     * The rows of a valid file grouped per institution, in the order of each institution's first row, with their
     * varieties in row order; codes, names, districts and varieties without surrounding blanks.
     */
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

    private record First<T>(T value, int row) {
    }

    private static void required(List<RowProblem> problems, int row, String column, String value) {
        if (Checks.blank(value)) {
            problems.add(new RowProblem(row, column, RowCode.MISSING, "missing"));
        }
    }

    private static void volume(List<RowProblem> problems, int row, String column, Volume volume) {
        if (volume == null) {
            problems.add(new RowProblem(row, column, RowCode.MISSING, "missing"));
        } else if (volume.minUnits() < 0) {
            problems.add(new RowProblem(row, column, RowCode.OUT_OF_RANGE, "out of range: must be a whole number of at least 0, was "
                    + volume.minUnits()));
        }
    }

    private static void money(List<RowProblem> problems, int row, String column, Money money) {
        if (money == null) {
            problems.add(new RowProblem(row, column, RowCode.MISSING, "missing"));
        } else if (money.yuan().signum() < 0) {
            problems.add(new RowProblem(row, column, RowCode.OUT_OF_RANGE, "out of range: must be at least 0, was " + money));
        }
    }

    /** Names a row whose value differs from the institution's first row's (values compared with compareTo). */
    private static <T extends Comparable<? super T>> void consistent(List<RowProblem> problems, int row,
                                                                     String column, Map<String, First<T>> seen,
                                                                     String institution, T value) {
        First<T> first = seen.putIfAbsent(institution, new First<>(value, row));
        if (first != null && first.value().compareTo(value) != 0) {
            String shown = first.value() instanceof BigDecimal d ? d.toPlainString() : first.value().toString();
            problems.add(new RowProblem(row, column, RowCode.CONFLICTING, "conflicting: institution " + institution + " has '" + shown
                    + "' on row " + first.row()));
        }
    }
}
