package com.vbp.events.retention;

import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;

import java.math.BigDecimal;

/** The value records of surplus retention (结余留用, RETENTION.md). */
public final class RetentionValues {

    private RetentionValues() {
    }

    /** How the assessment score scales the retained amount. */
    public enum ScoreScale {
        /** k = score / 100 */
        LINEAR,
        /** k = 1 at or above the passing score */
        FULL_IF_PASSED
    }

    /** The formula's parameters, set on the batch and shown beside every figure. */
    public record RetentionParameters(BigDecimal retentionRatio, Score passingScore, ScoreScale scoreScale) {
    }

    /** A score from 0 to 100 with at most one decimal (自评分, 医保考核评分). */
    public record Score(BigDecimal points) {
    }

    /** One variety's 测算数据 for one institution. */
    public record VarietyFigures(String variety, Volume agreedVolume, Money prePrice, Volume selectedVolume,
                                 Money selectedAmount, Volume nonSelectedVolume, Money nonSelectedAmount) {
    }

    /** An institution's calculation data: its insurance split and one entry per variety. */
    public record InstitutionCalculation(String institutionCode, String institutionName, String district,
                                         BigDecimal employeeShare, java.util.List<VarietyFigures> varieties) {
    }

    /**
     * One variety's computed figures: budget = agreed × prePrice, actual = selected + non-selected amount,
     * surplus = budget − actual, completion = selectedVolume / agreedVolume (shown, not used; null when
     * agreedVolume is 0), retainedShare = surplus × ratio × k, unrounded (informative).
     */
    public record VarietyRetention(VarietyFigures figures, Money budget, Money actual, Money surplus,
                                   BigDecimal completionRate, BigDecimal retainedShare) {
    }

    /** A district bureau's score for one institution, from one row of the uploaded template. */
    public record InstitutionScore(String institutionCode, Score score) {
    }
}
