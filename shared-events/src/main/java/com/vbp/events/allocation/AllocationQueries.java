package com.vbp.events.allocation;

import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Paged;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;

import java.time.Instant;
import java.util.List;

/** Queries of the allocation workflow and their answers. Text filters match a case-insensitive substring. */
public final class AllocationQueries {

    private AllocationQueries() {
    }

    public enum LineStatus {
        /** nothing saved yet (pending) or not yet confirmed (selected) */
        OPEN,
        /** a draft allocation is saved */
        SAVED,
        CONFIRMED,
        /** the institution has reported: final */
        REPORTED
    }

    /** 中选产品采购量 of one institution. */
    public record FetchSelectedLines(String batchCode, String institution, String drugCode, String variety,
                                     String enterprise, int page, int size) {
    }

    public record SelectedLineView(String lineId, String groupCode, String drugCode, String variety,
                                   String enterprise, String dosageForm, String specification, Money packagePrice,
                                   int packageQuantity, Volume volume, Money contractAmount, LineStatus status,
                                   Instant confirmedAt) {
    }

    public record SelectedLinesPage(List<SelectedLineView> items, int page, int size, long total)
            implements Paged<SelectedLineView> {
    }

    /** 待分配量 of one institution, each with its group's winners. */
    public record FetchPendingLines(String batchCode, String institution, String drugCode, String variety,
                                    String enterprise, int page, int size) {
    }

    /**
     * A winning product as the allocation screens show it: daily cost = packagePrice / packageQuantity ×
     * dailyUsage, reduction, and the capacity left (max capacity minus confirmed reservations).
     */
    public record WinnerView(String drugCode, String variety, String enterprise, String dosageForm,
                             String specification, Money packagePrice, int packageQuantity, DailyUsage dailyUsage,
                             Money dailyCost, Percentage reduction, Volume maxCapacity, Volume remainingCapacity) {
    }

    /**
     * {@code highestReduction} is null when the same enterprise also has the lowest daily cost (the seed's
     * second column is then not shown and not required); {@code others} are the group's other winners.
     */
    public record PendingLineView(String lineId, String groupCode, String groupName, String drugCode, String variety,
                                  String enterprise, Volume pendingVolume, DailyUsage dailyUsage, LineStatus status,
                                  WinnerView lowestDailyCost, WinnerView highestReduction, List<WinnerView> others,
                                  List<ContractEntry> entries, AllocatedVolume allocatedTotal,
                                  ContractBounds bounds) {
    }

    public record PendingLinesPage(List<PendingLineView> items, int page, int size, long total)
            implements Paged<PendingLineView> {
    }

    /** 分配采购量确认上报: the institution's confirmed lines with contract amounts. */
    public record FetchReportList(String batchCode, String institution, String drugCode, String variety,
                                  String enterprise, int page, int size) {
    }

    public enum LineKind {
        SELECTED, PENDING
    }

    /** One confirmed contract: a selected line, or one entry of a confirmed pending line. */
    public record ReportLine(LineKind kind, String lineId, String groupCode, String drugCode, String variety,
                             String enterprise, Money packagePrice, int packageQuantity, Volume contractVolume,
                             Money contractAmount) {
    }

    /**
     * {@code totalVolume} and {@code totalAmount} are the sums over the lines the filters keep (every page of
     * them, not just this one), the amount of each line's rounded amount; {@code allConfirmed} and
     * {@code reported} are the institution's, whatever the filters, and so are {@code openSelectedLines} and
     * {@code openPendingLines}, its lines not confirmed yet (what stands between it and 上报).
     */
    public record ReportListPage(List<ReportLine> items, int page, int size, long total, Volume totalVolume,
                                 Money totalAmount, boolean reported, Instant reportedAt, boolean allConfirmed,
                                 long openSelectedLines, long openPendingLines) implements Paged<ReportLine> {
    }

    public enum AmountGrouping {
        ENTERPRISE, PRODUCT_GROUP, INSTITUTION, DISTRICT
    }

    /** Contract amounts of confirmed lines, grouped; {@code batchCode} null for every batch. */
    public record FetchContractAmounts(String batchCode, AmountGrouping groupBy) {
    }

    public record ContractAmountRow(String key, String name, Volume contractVolume, Money contractAmount,
                                    long lines) {
    }

    public record ContractAmounts(AmountGrouping groupBy, List<ContractAmountRow> items, Money totalAmount) {
    }

    /** Allocation progress per batch; {@code batchCode} null for every batch. */
    public record FetchAllocationProgress(String batchCode) {
    }

    /**
     * {@code lines} counts selected and pending lines; {@code pendingVolume} is Σ P of the pending lines and
     * {@code volumeAllocated} Σ of the allocated totals of confirmed pending lines (both in the lines' units).
     */
    public record BatchProgress(String batchCode, long lines, long linesConfirmed, long institutions,
                                long institutionsReported, Volume pendingVolume, AllocatedVolume volumeAllocated) {
    }

    public record AllocationProgress(List<BatchProgress> items) {
    }
}
