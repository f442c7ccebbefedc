package com.vbp.events.procurement;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Commands on a procurement batch (集采批次); its identifier is the batch code. */
public final class ProcurementCommands {

    private ProcurementCommands() {
    }

    /** Minimum shares are fractions of the pending volume (0–1), or null for none. */
    public record CreateProcurementBatch(@TargetAggregateIdentifier String batchCode, String name,
                                         Instant allocationOpensAt, Instant allocationClosesAt,
                                         BigDecimal minShareLowestDailyCost, BigDecimal minShareHighestReduction,
                                         String createdBy) {
    }

    /** A catalogue row with the spreadsheet row it came from, so a refusal can name the row. */
    public record CatalogueRow(int row, WinningProduct product) {
    }

    /**
     * Replaces the batch's catalogue, whole; allowed until demand lines are imported. {@code rows} are the rows that
     * could be read; {@code cellProblems} what was wrong with the cells of the others, answered together with the
     * rules' problems (nothing is imported while any remains).
     */
    public record ImportCatalogue(@TargetAggregateIdentifier String batchCode, List<CatalogueRow> rows,
                                  List<RowProblem> cellProblems, String importedBy) {

        public ImportCatalogue {
            cellProblems = cellProblems == null ? List.of() : List.copyOf(cellProblems);
        }

        /** Rows that were all readable (not from a file, or from a file without bad cells). */
        public ImportCatalogue(String batchCode, List<CatalogueRow> rows, String importedBy) {
            this(batchCode, rows, List.of(), importedBy);
        }
    }

    public enum DemandKind {
        /** 中选: a selected-product line. */
        SELECTED,
        /** 待分配: a pending line that the institution must share among the group's winners. */
        PENDING
    }

    /** One row of 医疗机构需求; {@code dailyUsage} may be null for a selected-product line. */
    public record DemandRow(int row, String institutionCode, String institutionName, String district,
                            String groupCode, DemandKind kind, String drugCode, String variety,
                            String enterprise, Volume volume, DailyUsage dailyUsage) {
    }

    /**
     * Registers the demand lines of the institutions in the file, all or none; {@code cellProblems} as for
     * {@link ImportCatalogue}.
     */
    public record ImportDemands(@TargetAggregateIdentifier String batchCode, List<DemandRow> rows,
                                List<RowProblem> cellProblems, String importedBy) {

        public ImportDemands {
            cellProblems = cellProblems == null ? List.of() : List.copyOf(cellProblems);
        }

        public ImportDemands(String batchCode, List<DemandRow> rows, String importedBy) {
            this(batchCode, rows, List.of(), importedBy);
        }
    }
}
