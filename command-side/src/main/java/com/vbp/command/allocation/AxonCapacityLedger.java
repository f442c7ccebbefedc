package com.vbp.command.allocation;

import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The capacity ledger on {@link ProductCapacity} aggregates, loaded through Axon's repository inside the current
 * unit of work (the institution's command): the repository locks each product until that unit of work ends and
 * stores the product's events in the same commit as the institution's, so a confirmation that reserves on several
 * products is all or nothing. A product with no events yet is created with the capacity the catalogue gives it.
 * <p>
 * The repository is looked up on first use, because the Axon configuration that builds it needs this ledger's
 * callers first.
 */
public class AxonCapacityLedger implements CapacityLedger {

    private final Supplier<Repository<ProductCapacity>> repository;

    public AxonCapacityLedger(Supplier<Repository<ProductCapacity>> repository) {
        this.repository = repository;
    }

    @Override
    public Volume remaining(String batchCode, WinningProduct product, String institutionCode, String lineId) {
        return load(batchCode, product).invoke(c -> c.remainingFor(institutionCode, lineId));
    }

    @Override
    public Volume reserve(String batchCode, WinningProduct product, String institutionCode, String lineId,
                          Volume volume, Instant at) {
        return load(batchCode, product).invoke(c -> c.reserve(institutionCode, lineId, volume, at));
    }

    @Override
    public void release(String batchCode, WinningProduct product, String institutionCode, String lineId,
                        Instant at) {
        load(batchCode, product).execute(c -> c.release(institutionCode, lineId, at));
    }

    private Aggregate<ProductCapacity> load(String batchCode, WinningProduct product) {
        try {
            return repository.get().loadOrCreate(AllocationIds.capacityOf(batchCode, product.drugCode()),
                    () -> new ProductCapacity(batchCode, product.drugCode(), product.maxCapacity()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the capacity of " + product.drugCode(), e);
        }
    }
}
