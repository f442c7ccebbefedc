package com.vbp.command.config;

import com.vbp.command.allocation.AxonCapacityLedger;
import com.vbp.command.allocation.CapacityLedger;
import com.vbp.command.allocation.ProductCapacity;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The allocation workflow's wiring: the capacity ledger the institutions' handlers receive as a parameter, and the
 * snapshot trigger of {@link ProductCapacity}, which gathers one event per confirmed line of every institution.
 */
@Configuration
public class AllocationConfiguration {

    /** A product's capacity is snapshotted after this many events. */
    public static final int CAPACITY_SNAPSHOT_EVERY = 100;

    @Bean
    public CapacityLedger capacityLedger(ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new AxonCapacityLedger(() -> axon.getObject().repository(ProductCapacity.class));
    }

    /**
     * An institution's allocation stays in memory between commands (its tens of events are otherwise read and
     * deserialised again for every save, confirm and withdrawal). Not the products' capacities: cached, 64 confirmations
     * on one product at once ran into Axon's handler timeout (docs/decisions.md, "Aggregate cache"). Axon evicts an
     * aggregate whose unit of work rolled back, and Axon Server routes an aggregate's commands to one command-side
     * instance, so a cached aggregate is never stale. A weak-reference cache leaves the memory bound to the GC;
     * {@code app.command.aggregate-cache=false} switches it off (measured in docs/benchmarks.md).
     */
    @Bean
    public Cache allocationAggregateCache(@Value("${app.command.aggregate-cache:true}") boolean enabled) {
        return enabled ? new WeakReferenceCache() : NoCache.INSTANCE;
    }

    @Bean
    public SnapshotTriggerDefinition productCapacitySnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, CAPACITY_SNAPSHOT_EVERY);
    }
}
