package com.vbp.command.config;

import com.vbp.command.allocation.AxonCapacityLedger;
import com.vbp.command.allocation.CapacityLedger;
import com.vbp.command.allocation.ProductCapacity;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.ObjectProvider;
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

    @Bean
    public SnapshotTriggerDefinition productCapacitySnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, CAPACITY_SNAPSHOT_EVERY);
    }
}
