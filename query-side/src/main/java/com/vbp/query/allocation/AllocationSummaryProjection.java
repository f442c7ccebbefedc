package com.vbp.query.allocation;

import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.FetchAllocationProgress;
import com.vbp.events.allocation.AllocationQueries.FetchContractAmounts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Analytics of the allocation workflow: contract amounts of confirmed lines grouped by enterprise,
 * product group, institution or district, and the progress of each batch. Each institution's
 * contribution is one document in {@code allocation_summary} (see {@link InstitutionContracts}), written
 * with absolute values; after every change the summaries are brought in line with it in
 * {@link SummaryTotals}, pre-aggregated per batch and key, so a query reads a few small documents by
 * {@code _id} prefix instead of every institution's document of the batch.
 */
@Component
@ProcessingGroup(AllocationSummaryProjection.GROUP)
public class AllocationSummaryProjection extends ContractsProjection {

    public static final String GROUP = "allocation-summary";

    private final SummaryTotals totals;

    public AllocationSummaryProjection(MongoDatabase db) {
        super(new InstitutionContracts(db.getCollection("allocation_summary")));
        this.totals = new SummaryTotals(db);
    }

    @Override
    protected void changed(String batch, String institution) {
        totals.changed(batch, institution, () -> contracts.find(batch, institution));
    }

    @Override
    protected void cleared() {
        totals.reset();
    }

    @QueryHandler
    public ContractAmounts handle(FetchContractAmounts q) {
        AmountGrouping groupBy = q.groupBy() == null ? AmountGrouping.ENTERPRISE : q.groupBy();
        return totals.contractAmounts(blankToNull(q.batchCode()), groupBy);
    }

    @QueryHandler
    public AllocationProgress handle(FetchAllocationProgress q) {
        return totals.progress(blankToNull(q.batchCode()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
