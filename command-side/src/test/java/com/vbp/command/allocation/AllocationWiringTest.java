package com.vbp.command.allocation;

import com.vbp.command.CommandSideApplication;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring wiring of the allocation workflow: one capacity ledger for the handlers' parameters, backed by Axon's
 * repository of {@link ProductCapacity}, and the product's snapshot trigger. Started like the distributed command
 * side, without an Axon Server (the connector retries in the background).
 */
class AllocationWiringTest {

    @Test
    void the_ledger_and_the_capacity_snapshot_trigger_are_wired() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=command-side", "--server.port=0", "--app.startup.connect-timeout=0",
                        "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(CapacityLedger.class)).isInstanceOf(AxonCapacityLedger.class);
            assertThat(context.getBean("productCapacitySnapshotTrigger", SnapshotTriggerDefinition.class))
                    .isInstanceOf(EventCountSnapshotTriggerDefinition.class);
            assertThat(context.getBean(Configuration.class).repository(ProductCapacity.class)).isNotNull();
        }
    }
}
