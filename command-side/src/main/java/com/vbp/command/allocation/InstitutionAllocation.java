package com.vbp.command.allocation;

import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One institution's demand lines in one batch, and (from the allocation workflow on) what it has
 * confirmed, allocated and reported. Created by {@code ProcurementBatch} when demands are imported.
 */
@Aggregate
public class InstitutionAllocation {

    @AggregateIdentifier
    private String allocationId;
    private final Map<String, SelectedLine> selectedLines = new LinkedHashMap<>();
    private final Map<String, PendingLine> pendingLines = new LinkedHashMap<>();

    protected InstitutionAllocation() {
        // for Axon
    }

    public InstitutionAllocation(String batchCode, String institutionCode, String institutionName, String district,
                                 List<SelectedLine> selected, List<PendingLine> pending, AllocationTerms terms,
                                 List<WinningProduct> winners, Instant at) {
        apply(new InstitutionDemandRegistered(batchCode, institutionCode, institutionName, district, selected,
                pending, terms, winners, at));
    }

    @EventSourcingHandler
    void on(InstitutionDemandRegistered event) {
        allocationId = AllocationIds.of(event.batchCode(), event.institutionCode());
        event.selectedLines().forEach(l -> selectedLines.put(l.lineId(), l));
        event.pendingLines().forEach(l -> pendingLines.put(l.lineId(), l));
    }
}
