package com.vbp.events.procurement;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The closed family of procurement-batch events. */
public sealed interface ProcurementEvents {

    String batchCode();

    @Revision("1")
    record ProcurementBatchCreated(String batchCode, String name, Instant allocationOpensAt,
                                   Instant allocationClosesAt, BigDecimal minShareLowestDailyCost,
                                   BigDecimal minShareHighestReduction, String createdBy, Instant createdAt)
            implements ProcurementEvents {
    }

    /** The whole catalogue as imported; it replaces any earlier one. */
    @Revision("1")
    record CatalogueImported(String batchCode, List<WinningProduct> products, String importedBy,
                             Instant importedAt) implements ProcurementEvents {
    }

    /**
     * One demand file was accepted; each institution's lines are in its own
     * {@code InstitutionDemandRegistered} event, stored in the same transaction. {@code demandLineCount} is
     * the number of demand lines (selected and pending) in the file.
     * <p>
     * Revision 2 renamed revision 1's {@code lineCount} to {@code demandLineCount}, the name the batch
     * view uses; events stored at revision 1 are upcast on reading (command side, {@code evolution}).
     */
    @Revision("2")
    record DemandsImported(String batchCode, List<String> institutionCodes, int demandLineCount, String importedBy,
                           Instant importedAt) implements ProcurementEvents {
    }
}
