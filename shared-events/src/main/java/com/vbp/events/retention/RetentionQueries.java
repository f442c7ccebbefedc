package com.vbp.events.retention;

import com.vbp.events.common.Money;
import com.vbp.events.common.Paged;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.VarietyRetention;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Queries of surplus retention and their answers. {@code district}/{@code institution} narrow the scope. */
public final class RetentionQueries {

    private RetentionQueries() {
    }

    public enum RetentionStatus {
        NOT_OPEN, OPEN, CLOSED, FINALISED
    }

    public record ListRetentionBatches() {
    }

    public record FindRetentionBatch(String batchCode) {
    }

    public record RetentionBatchView(String batchCode, String name, Instant reportingOpensAt,
                                     Instant reportingClosesAt, RetentionParameters parameters, int institutions,
                                     boolean finalised, int round, Instant finalisedAt) {
    }

    public record RetentionBatchList(List<RetentionBatchView> items) {
    }

    /** 测算数据基本信息 (and the assessment template's rows): one row per institution. */
    public record FetchRetentionInstitutions(String batchCode, String institution, String district, int page,
                                             int size) {
    }

    public record RetentionInstitutionView(String institutionCode, String institutionName, String district,
                                           BigDecimal employeeShare, int varieties, Score selfAssessment,
                                           Score assessmentScore) {
    }

    public record RetentionInstitutionPage(List<RetentionInstitutionView> items, int page, int size, long total)
            implements Paged<RetentionInstitutionView> {
    }

    /** 医疗机构结余金额: the latest round's amounts. */
    public record FetchRetainedAmounts(String batchCode, String institution, String district, int page, int size) {
    }

    public record RetainedAmountView(String institutionCode, String institutionName, String district, int round,
                                     int assessedVarieties, Money budget, Money actual, Money surplus,
                                     Score assessmentScore, boolean assessed, BigDecimal factor, Money retained,
                                     Money employeePart, Money residentPart) {
    }

    /** Totals are over every row in scope, not just the page. */
    public record RetainedAmountPage(List<RetainedAmountView> items, int page, int size, long total, Money budget,
                                     Money surplus, Money retained) implements Paged<RetainedAmountView> {
    }

    public record FetchRetainedAmountDetail(String batchCode, String institution) {
    }

    public record RetainedAmountDetail(RetainedAmountView amount, RetentionParameters parameters,
                                       BigDecimal employeeShare, List<VarietyRetention> varieties) {
    }

    /** Per batch and district: budget, surplus, retained (for the analysts). */
    public record FetchRetentionSummary(String batchCode) {
    }

    public record DistrictRetention(String batchCode, String district, long institutions, Money budget,
                                    Money surplus, Money retained) {
    }

    public record RetentionSummary(List<DistrictRetention> items) {
    }
}
