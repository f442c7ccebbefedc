package com.vbp.command.retention;

import com.vbp.command.common.Checks;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.Score;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of scores: a score (自评分, 医保考核评分, the passing score) is 0–100 with at most one decimal; an
 * uploaded 考核评分模版 names institutions of the batch's calculation data, each once, all of the uploading bureau's
 * district, each with a score. Every problem of every row is named, with the FILES.md column title.
 */
public final class AssessmentRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AssessmentRules() {
    }

    public static boolean validScore(Score score) {
        return score != null && score.points() != null && inRange(score.points())
                && Checks.hasAtMostDecimals(score.points(), 1);
    }

    private static boolean inRange(BigDecimal points) {
        return Checks.between(points, BigDecimal.ZERO, HUNDRED);
    }

    /**
     * Every bad row of {@code district}'s upload: 机构编码 missing, unknown (not in the calculation data), outside
     * the district or a duplicate of an earlier row; 医保考核评分 empty, out of range or with more than one decimal.
     * The district an institution belongs to is the one of the batch's calculation data; the file's 机构名称 and
     * 所属区县 columns are there for people (the template exports them) and are not read.
     */
    public static List<RowProblem> problems(List<AssessmentRow> rows, String district,
                                            Map<String, InstitutionCalculation> institutions) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (AssessmentRow a : rows) {
            int r = a.row();
            if (Checks.blank(a.institutionCode())) {
                problems.add(new RowProblem(r, "机构编码", RowCode.MISSING, "missing"));
            } else {
                String code = a.institutionCode().trim();
                InstitutionCalculation known = institutions.get(code);
                if (known == null) {
                    problems.add(new RowProblem(r, "机构编码", RowCode.UNKNOWN_INSTITUTION,
                            "unknown institution: " + code + " is not in this batch's calculation data"));
                } else if (!known.district().equals(district)) {
                    problems.add(new RowProblem(r, "机构编码", RowCode.OUTSIDE_DISTRICT, "outside your district: institution " + code
                            + " belongs to " + known.district()));
                }
                Integer first = seen.putIfAbsent(code, r);
                if (first != null) {
                    problems.add(new RowProblem(r, "机构编码", RowCode.DUPLICATE,
                            "duplicate: institution " + code + " is already on row " + first));
                }
            }
            BigDecimal points = a.score() == null ? null : a.score().points();
            if (points == null) {
                problems.add(new RowProblem(r, "医保考核评分", RowCode.MISSING, "missing"));
            } else if (!inRange(points)) {
                problems.add(new RowProblem(r, "医保考核评分", RowCode.OUT_OF_RANGE,
                        "out of range: must be from 0 to 100, was " + points.toPlainString()));
            } else if (!Checks.hasAtMostDecimals(points, 1)) {
                problems.add(new RowProblem(r, "医保考核评分", RowCode.TOO_MANY_DECIMALS,
                        "more than one decimal: " + points.toPlainString()));
            }
        }
        return problems;
    }
}
