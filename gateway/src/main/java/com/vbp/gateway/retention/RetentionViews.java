package com.vbp.gateway.retention;

import com.vbp.events.common.District;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionQueries.RetainedAmountDetail;
import com.vbp.events.retention.RetentionQueries.RetainedAmountPage;
import com.vbp.events.retention.RetentionQueries.RetainedAmountView;
import com.vbp.events.retention.RetentionQueries.RetentionBatchView;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionView;
import com.vbp.events.retention.RetentionQueries.RetentionStatus;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.events.retention.RetentionValues.VarietyRetention;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the retention endpoints: the contract's views with plain numbers for web clients
 * (yuan, min units and scores as exact JSON numbers, like the allocation views). An institution without
 * a 医保考核评分 has {@code assessed: false} and a null score (未考核). Each adds to or flattens the query record it
 * shows (the district's name, {@code assessed}, the batch's status and latest round, a variety's figures beside its
 * results), which is why they are not the records themselves.
 */
final class RetentionViews {

    private RetentionViews() {
    }

    static BigDecimal yuan(Money m) {
        return m == null ? null : m.yuan();
    }

    static Long units(Volume v) {
        return v == null ? null : v.minUnits();
    }

    static BigDecimal points(Score s) {
        return s == null ? null : s.points();
    }

    /**
     * A batch as listed: {@code status} is NOT_OPEN, OPEN or CLOSED relative to the reporting window, or
     * FINALISED once the amounts are recorded; {@code round} is the latest calculation round (0 before
     * finalising, 1 at finalising, then one more per recalculation).
     */
    public record BatchResponse(String code, String name, Instant reportingOpensAt, Instant reportingClosesAt,
                                RetentionStatus status, BigDecimal retentionRatio, BigDecimal passingScore,
                                ScoreScale scoreScale, int institutionCount, boolean finalised, int round,
                                Instant finalisedAt) {
        static BatchResponse of(RetentionBatchView v, RetentionStatus status) {
            RetentionParameters p = v.parameters();
            return new BatchResponse(v.batchCode(), v.name(), v.reportingOpensAt(), v.reportingClosesAt(), status,
                    p == null ? null : p.retentionRatio(), p == null ? null : points(p.passingScore()),
                    p == null ? null : p.scoreScale(), v.institutions(), v.finalised(), v.round(),
                    v.finalisedAt());
        }
    }

    /** An upload's outcome: the rows taken and a sentence for people. */
    public record ImportResult(String batch, int rows, long institutions, String message) {
    }

    /** 测算数据基本信息: one institution of the calculation data with its 自评分 and 医保考核评分. */
    public record InstitutionItem(String institutionCode, String institutionName, String district,
                                  String districtName, BigDecimal employeeShare, int varieties, BigDecimal selfAssessment,
                                  BigDecimal assessmentScore, boolean assessed) {
        static InstitutionItem of(RetentionInstitutionView v) {
            return new InstitutionItem(v.institutionCode(), v.institutionName(), v.district(),
                    District.nameOf(v.district()), v.employeeShare(),
                    v.varieties(), points(v.selfAssessment()), points(v.assessmentScore()),
                    v.assessmentScore() != null);
        }
    }

    /** 医疗机构结余金额: one institution's figures of the latest calculation round. */
    public record AmountItem(String institutionCode, String institutionName, String district,
                             String districtName, int round,
                             int assessedVarieties, BigDecimal budget, BigDecimal actual, BigDecimal surplus,
                             BigDecimal assessmentScore, boolean assessed, BigDecimal factor, BigDecimal retained,
                             BigDecimal employeePart, BigDecimal residentPart) {
        static AmountItem of(RetainedAmountView v) {
            return new AmountItem(v.institutionCode(), v.institutionName(), v.district(),
                    District.nameOf(v.district()), v.round(),
                    v.assessedVarieties(), yuan(v.budget()), yuan(v.actual()), yuan(v.surplus()),
                    points(v.assessmentScore()), v.assessed(), v.factor(), yuan(v.retained()),
                    yuan(v.employeePart()), yuan(v.residentPart()));
        }
    }

    /**
     * A page of amounts with the totals over every row in scope (not just the page). Before the batch is
     * finalised the page is empty and {@code finalised} is false.
     */
    public record AmountsResponse(List<AmountItem> items, int page, int size, long total, BigDecimal budget,
                                  BigDecimal surplus, BigDecimal retained, boolean finalised, int round) {
        static AmountsResponse of(RetainedAmountPage p, RetentionBatchView batch) {
            return new AmountsResponse(p.items().stream().map(AmountItem::of).toList(), p.page(), p.size(),
                    p.total(), yuan(p.budget()), yuan(p.surplus()), yuan(p.retained()), batch.finalised(),
                    batch.round());
        }
    }

    /**
     * One variety's figures: the 测算数据 inputs, budget, actual, surplus, the 约定采购量完成率 (null when the
     * agreed volume is 0) and the informative retained share (surplus × ratio × k, unrounded).
     */
    public record VarietyItem(String variety, Long agreedVolume, BigDecimal prePrice, Long selectedVolume,
                              BigDecimal selectedAmount, Long nonSelectedVolume, BigDecimal nonSelectedAmount,
                              BigDecimal budget, BigDecimal actual, BigDecimal surplus, BigDecimal completionRate,
                              BigDecimal retainedShare) {
        static VarietyItem of(VarietyRetention v) {
            var f = v.figures();
            return new VarietyItem(f.variety(), units(f.agreedVolume()), yuan(f.prePrice()),
                    units(f.selectedVolume()), yuan(f.selectedAmount()), units(f.nonSelectedVolume()),
                    yuan(f.nonSelectedAmount()), yuan(v.budget()), yuan(v.actual()), yuan(v.surplus()),
                    v.completionRate(), v.retainedShare());
        }
    }

    /**
     * An institution's amount with the inputs it came from: the formula's parameters as set on the batch
     * (RETENTION.md; the contract's record, its score a plain number), 职保占比 and the per-variety rows.
     */
    public record AmountDetail(AmountItem amount, RetentionParameters parameters, BigDecimal employeeShare,
                               List<VarietyItem> varieties) {
        static AmountDetail of(RetainedAmountDetail d) {
            return new AmountDetail(AmountItem.of(d.amount()), d.parameters(),
                    d.employeeShare(), d.varieties() == null ? List.of()
                    : d.varieties().stream().map(VarietyItem::of).toList());
        }
    }
}
