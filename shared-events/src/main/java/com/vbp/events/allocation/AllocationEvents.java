package com.vbp.events.allocation;

import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The closed family of events of one institution's allocation in one batch.
 * The aggregate identifier is {@code <batchCode>/<institutionCode>} (see {@link AllocationIds}).
 * Every event carries the figures a reader needs, never a pointer to mutable state.
 */
public sealed interface AllocationEvents {

    String batchCode();

    String institutionCode();

    /**
     * The institution's demand lines, with the batch's terms and the winners of every product group
     * it has demand in (the catalogue is locked once demands are imported, so this copy stays true).
     */
    @Revision("1")
    record InstitutionDemandRegistered(String batchCode, String institutionCode, String institutionName,
                                       String district, List<SelectedLine> selectedLines,
                                       List<PendingLine> pendingLines, AllocationTerms terms,
                                       List<WinningProduct> winners, Instant registeredAt)
            implements AllocationEvents {
    }

    /** 确认 of a selected-product line: its volume is booked on its product at its contract amount. */
    @Revision("1")
    record SelectedLineConfirmed(String batchCode, String institutionCode, String lineId, String groupCode,
                                 String drugCode, String variety, String enterprise, Money packagePrice,
                                 int packageQuantity, Volume volume, Money contractAmount, String by, Instant at)
            implements AllocationEvents {
    }

    /** 保存: the draft entries of a pending line (replacing any earlier draft) and the bounds that applied. */
    @Revision("1")
    record AllocationSaved(String batchCode, String institutionCode, String lineId, List<ContractEntry> entries,
                           AllocatedVolume allocatedTotal, ContractBounds bounds, String by, Instant at)
            implements AllocationEvents {
    }

    /** 确认 of a pending line: its entries are final and reserved on their products. */
    @Revision("1")
    record AllocationConfirmed(String batchCode, String institutionCode, String lineId, String groupCode,
                               Volume pendingVolume, DailyUsage dailyUsage, List<ContractEntry> entries,
                               AllocatedVolume allocatedTotal, Money contractAmount, String by, Instant at)
            implements AllocationEvents {
    }

    /** 撤回: the confirmed entries are released; the line is a draft again with these entries. */
    @Revision("1")
    record AllocationWithdrawn(String batchCode, String institutionCode, String lineId,
                               List<ContractEntry> released, String by, Instant at) implements AllocationEvents {
    }

    /** 上报: every line is confirmed and now final; the totals as reported. */
    @Revision("1")
    record AllocationReported(String batchCode, String institutionCode, int selectedLines, int pendingLines,
                              Money contractAmount, String by, Instant at) implements AllocationEvents {
    }
}
