package com.vbp.events.procurement;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Paged;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Queries on procurement batches and the supply list (供应清单), with their answers. */
public final class ProcurementQueries {

    private ProcurementQueries() {
    }

    public record ListProcurementBatches() {
    }

    public record FindProcurementBatch(String batchCode) {
    }

    public record ProcurementBatchView(String batchCode, String name, Instant allocationOpensAt,
                                       Instant allocationClosesAt, BigDecimal minShareLowestDailyCost,
                                       BigDecimal minShareHighestReduction, int productGroupCount,
                                       int productCount, int institutionCount, int demandLineCount,
                                       Instant createdAt) {
    }

    public record ProcurementBatchList(List<ProcurementBatchView> items) {
    }

    /** Sort keys of the supply list; the default is institution, then product group, then drug code. */
    public enum SupplySort {
        INSTITUTION, DRUG_CODE, VARIETY, ENTERPRISE, AGREED_VOLUME
    }

    /**
     * {@code institution} restricts to one institution (always set for an institution's own view);
     * {@code district} to the institutions of one district; the text filters match by substring.
     */
    public record FetchSupplyList(String batchCode, String institution, String district, String drugCode,
                                  String variety, String enterprise, SupplySort sort, boolean descending,
                                  int page, int size) {
    }

    /** One row of 供应清单: a winning product an institution is supplied with, and its agreed volume. */
    public record SupplyRow(String institutionCode, String institutionName, String district, String groupCode,
                            String groupName, String drugCode, String variety, String dosageForm,
                            String specification, String enterprise, Money packagePrice, int packageQuantity,
                            String minUnit, DailyUsage dailyUsage, Percentage reduction, Volume agreedVolume) {
    }

    public record SupplyListPage(List<SupplyRow> items, int page, int size, long total) implements Paged<SupplyRow> {
    }
}
