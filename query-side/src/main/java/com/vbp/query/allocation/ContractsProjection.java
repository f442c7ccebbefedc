package com.vbp.query.allocation;

import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationReported;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

/**
 * The event handling shared by the projections built on {@link InstitutionContracts} (the report list
 * and the summaries). Each subclass keeps its own collection and processing group, so either can be
 * replayed on its own; Axon finds these inherited handlers on each of them. A subclass that derives more
 * from the documents hears of every change through {@link #changed} and of a reset through {@link #cleared}.
 */
abstract class ContractsProjection {

    protected final InstitutionContracts contracts;

    protected ContractsProjection(InstitutionContracts contracts) {
        this.contracts = contracts;
    }

    @EventHandler
    void on(InstitutionDemandRegistered e) {
        contracts.on(e);
        changed(e.batchCode(), e.institutionCode());
    }

    @EventHandler
    void on(SelectedLineConfirmed e) {
        contracts.on(e);
        changed(e.batchCode(), e.institutionCode());
    }

    @EventHandler
    void on(AllocationConfirmed e) {
        contracts.on(e);
        changed(e.batchCode(), e.institutionCode());
    }

    @EventHandler
    void on(AllocationWithdrawn e) {
        contracts.on(e);
        changed(e.batchCode(), e.institutionCode());
    }

    @EventHandler
    void on(AllocationReported e) {
        contracts.on(e);
        changed(e.batchCode(), e.institutionCode());
    }

    @ResetHandler
    void reset() {
        contracts.reset();
        cleared();
    }

    /** After an event has been applied to the institution's document; nothing by default. */
    protected void changed(String batch, String institution) {
    }

    /** After a reset has emptied the documents; nothing by default. */
    protected void cleared() {
    }
}
