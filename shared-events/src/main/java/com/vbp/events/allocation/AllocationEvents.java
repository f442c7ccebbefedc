package com.vbp.events.allocation;

import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The closed family of events of one institution's allocation in one batch.
 * The aggregate identifier is {@code <batchCode>/<institutionCode>} (see {@link AllocationIds}).
 */
public sealed interface AllocationEvents {

    String batchCode();

    String institutionCode();

    @Revision("1")
    record InstitutionDemandRegistered(String batchCode, String institutionCode, String institutionName,
                                       String district, List<SelectedLine> selectedLines,
                                       List<PendingLine> pendingLines, Instant registeredAt)
            implements AllocationEvents {
    }
}
