package com.vbp.events.retention;

import com.vbp.events.common.Money;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Commands on a retention batch (结余留用批次); its identifier is the batch code. */
public final class RetentionCommands {

    private RetentionCommands() {
    }

    public record CreateRetentionBatch(@TargetAggregateIdentifier String batchCode, String name,
                                       Instant reportingOpensAt, Instant reportingClosesAt,
                                       RetentionParameters parameters, String by) {
    }

    /** One row of 测算数据 with the spreadsheet row it came from. */
    public record CalculationRow(int row, String institutionCode, String institutionName, String district,
                                 BigDecimal employeeShare, String variety, Volume agreedVolume, Money prePrice,
                                 Volume selectedVolume, Money selectedAmount, Volume nonSelectedVolume,
                                 Money nonSelectedAmount) {
    }

    /**
     * Replaces the batch's calculation data, whole; allowed until the batch is finalised. {@code rows} are the rows
     * that could be read; {@code cellProblems} what was wrong with the cells of the others, answered together with
     * the rules' problems (nothing is imported while any remains).
     */
    public record ImportCalculationData(@TargetAggregateIdentifier String batchCode, List<CalculationRow> rows,
                                        List<RowProblem> cellProblems, String by) {

        public ImportCalculationData {
            cellProblems = cellProblems == null ? List.of() : List.copyOf(cellProblems);
        }

        /** Rows that were all readable (not from a file, or from a file without bad cells). */
        public ImportCalculationData(String batchCode, List<CalculationRow> rows, String by) {
            this(batchCode, rows, List.of(), by);
        }
    }

    /** 自评分, inside the reporting window; may be changed until the deadline. */
    public record FileSelfAssessment(@TargetAggregateIdentifier String batchCode, String institutionCode,
                                     Score score, String by) {
    }

    /** One row of the uploaded 考核评分模版. */
    public record AssessmentRow(int row, String institutionCode, String institutionName, String district,
                                Score score) {
    }

    /**
     * 考核数据上传 by the bureau of {@code district}: accepted whole or refused whole; replaces earlier scores;
     * {@code cellProblems} as for {@link ImportCalculationData}.
     */
    public record UploadAssessmentScores(@TargetAggregateIdentifier String batchCode, String district,
                                         List<AssessmentRow> rows, List<RowProblem> cellProblems, String by) {

        public UploadAssessmentScores {
            cellProblems = cellProblems == null ? List.of() : List.copyOf(cellProblems);
        }

        public UploadAssessmentScores(String batchCode, String district, List<AssessmentRow> rows, String by) {
            this(batchCode, district, rows, List.of(), by);
        }
    }

    /** Computes and records every institution's retained amount; once. */
    public record FinaliseRetention(@TargetAggregateIdentifier String batchCode, String by) {
    }

    /** An explicit correction after finalising: a new calculation round; the old figures stay in the history. */
    public record RecalculateRetention(@TargetAggregateIdentifier String batchCode, String reason, String by) {
    }
}
