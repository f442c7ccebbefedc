package com.vbp.command;

import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side as its own process (distributed profile) wires Axon Server as command bus and
 * event store and has no embedded database. No Axon Server runs here: the connector keeps retrying
 * in the background, which is enough to check the wiring.
 */
class DistributedCommandSideContextTest {

    @Test
    void the_distributed_command_side_uses_axon_server_for_commands_and_events() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=command-side", "--server.port=0", "--app.startup.connect-timeout=0",
                        "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
            // No Axon Server here: its health is DOWN, and so is readiness, which includes it.
            HealthIndicator axonServer = context.getBean("axonServerHealthIndicator", HealthIndicator.class);
            assertThat(axonServer.health(true).getStatus()).isEqualTo(Status.DOWN);
            assertThat(axonServer.health(true).getDetails()).containsEntry("servers", "localhost:1");
        }
    }
}
