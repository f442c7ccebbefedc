package com.vbp.command.retention;

import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.events.retention.RetentionValues.VarietyFigures;
import com.vbp.events.retention.RetentionValues.VarietyRetention;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The retained amount (结余留用金额) of RETENTION.md, in exact decimals; pure, no state.
 *
 * <p>Rounding, once and only where RETENTION.md says so:
 * <ul>
 *   <li>per variety, budget, actual, surplus and the informative retained share stay exact
 *       (unrounded), so an auditor can redo them; the completion rate is rounded to 4 decimals half up
 *       for display and is null when the agreed volume is 0;</li>
 *   <li>the institution's budget, actual and surplus are the sums of the exact per-variety figures,
 *       each rounded once to the fen (so the rounded per-variety figures shown in a list need not add
 *       up to the total by a fen or so, and budget − actual may differ from surplus by a fen when
 *       prices carry more than two decimals);</li>
 *   <li>R is computed from the exact S, then rounded to the fen half up; the employee part is
 *       R × employeeShare rounded to the fen half up; the resident part is R − employee part, so the two
 *       always add up to R.</li>
 * </ul>
 */
public final class RetentionFormula {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RetentionFormula() {
    }

    /** An institution's computed figures; {@code assessed} is false (未考核) when it had no assessment score. */
    public record InstitutionRetention(boolean assessed, BigDecimal factor, List<VarietyRetention> varieties,
                                       Money budget, Money actual, Money surplus, Money retained,
                                       Money employeePart, Money residentPart) {
    }

    /**
     * The factor k: 0 without a score (未考核) or below the passing score; otherwise score / 100
     * ({@code LINEAR}) or 1 ({@code FULL_IF_PASSED}).
     */
    public static BigDecimal factor(Score score, RetentionParameters parameters) {
        if (score == null || score.points() == null
                || score.points().compareTo(parameters.passingScore().points()) < 0) {
            return BigDecimal.ZERO;
        }
        return parameters.scoreScale() == ScoreScale.FULL_IF_PASSED
                ? BigDecimal.ONE
                : score.points().divide(HUNDRED);
    }

    /** One variety's figures under factor {@code k}. */
    public static VarietyRetention variety(VarietyFigures f, BigDecimal ratio, BigDecimal k) {
        BigDecimal budget = BigDecimal.valueOf(f.agreedVolume().minUnits()).multiply(f.prePrice().yuan());
        BigDecimal actual = f.selectedAmount().yuan().add(f.nonSelectedAmount().yuan());
        BigDecimal surplus = budget.subtract(actual);
        BigDecimal completion = f.agreedVolume().minUnits() == 0 ? null
                : BigDecimal.valueOf(f.selectedVolume().minUnits())
                        .divide(BigDecimal.valueOf(f.agreedVolume().minUnits()), 4, RoundingMode.HALF_UP);
        return new VarietyRetention(f, new Money(budget), new Money(actual), new Money(surplus), completion,
                surplus.multiply(ratio).multiply(k));
    }

    /** The institution's retained amount with {@code score} (null = 未考核, retains nothing). */
    public static InstitutionRetention institution(InstitutionCalculation calculation, Score score,
                                                   RetentionParameters parameters) {
        boolean assessed = score != null && score.points() != null;
        BigDecimal k = factor(score, parameters);
        BigDecimal ratio = parameters.retentionRatio();
        List<VarietyRetention> varieties = calculation.varieties().stream()
                .map(v -> variety(v, ratio, k))
                .toList();
        BigDecimal budget = BigDecimal.ZERO;
        BigDecimal actual = BigDecimal.ZERO;
        BigDecimal surplus = BigDecimal.ZERO;
        for (VarietyRetention v : varieties) {
            budget = budget.add(v.budget().yuan());
            actual = actual.add(v.actual().yuan());
            surplus = surplus.add(v.surplus().yuan());
        }
        BigDecimal retained = surplus.max(BigDecimal.ZERO).multiply(ratio).multiply(k)
                .setScale(2, RoundingMode.HALF_UP);
        BigDecimal employee = retained.multiply(calculation.employeeShare()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal resident = retained.subtract(employee);
        return new InstitutionRetention(assessed, k, varieties, new Money(budget).toFen(),
                new Money(actual).toFen(), new Money(surplus).toFen(), new Money(retained), new Money(employee),
                new Money(resident));
    }
}
