package com.vbp.events.retention;

import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.InstitutionScore;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.VarietyRetention;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The closed family of retention-batch events; each carries every figure an auditor needs to redo it. */
public sealed interface RetentionEvents {

    String batchCode();

    @Revision("1")
    record RetentionBatchCreated(String batchCode, String name, Instant reportingOpensAt, Instant reportingClosesAt,
                                 RetentionParameters parameters, String by, Instant at) implements RetentionEvents {
    }

    /** The whole calculation data as imported; it replaces any earlier import. */
    @Revision("1")
    record CalculationDataImported(String batchCode, List<InstitutionCalculation> institutions, String by,
                                   Instant at) implements RetentionEvents {
    }

    @Revision("1")
    record SelfAssessmentFiled(String batchCode, String institutionCode, Score score, String by, Instant at)
            implements RetentionEvents {
    }

    /** The scores of one district's upload; they replace that district's earlier scores. */
    @Revision("1")
    record AssessmentScoresUploaded(String batchCode, String district, List<InstitutionScore> scores, String by,
                                    Instant at) implements RetentionEvents {
    }

    /**
     * One institution's retained amount in calculation {@code round} (1 at finalising, then 2, 3… per
     * recalculation), with its inputs: parameters, score (null = 未考核), factor k, the per-variety figures,
     * S, R and its 职保/居保 split (employeePart = R × employeeShare to the fen; residentPart = R − employeePart).
     */
    @Revision("1")
    record RetainedAmountCalculated(String batchCode, int round, String institutionCode, String institutionName,
                                    String district, RetentionParameters parameters, Score assessmentScore,
                                    boolean assessed, BigDecimal factor, BigDecimal employeeShare,
                                    List<VarietyRetention> varieties, Money budget, Money actual, Money surplus,
                                    Money retained, Money employeePart, Money residentPart, Instant at)
            implements RetentionEvents {
    }

    @Revision("1")
    record RetentionFinalised(String batchCode, int institutions, Money retained, String by, Instant at)
            implements RetentionEvents {
    }

    /** Starts calculation round {@code round}; its RetainedAmountCalculated events follow in the same commit. */
    @Revision("1")
    record RetentionRecalculated(String batchCode, int round, String reason, Money retained, String by, Instant at)
            implements RetentionEvents {
    }
}
