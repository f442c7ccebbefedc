package com.vbp.gateway;

import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the distributed profile the gateway hosts neither the command side nor the query side: it
 * sends commands and queries through Axon Server and has no store of its own.
 */
class DistributedGatewayContextTest {

    @Test
    void the_distributed_gateway_only_talks_to_axon_server() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .profiles("distributed")
                .run("--server.port=0", "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off",
                        "--app.security.jwt-secret=0123456789abcdef0123456789abcdef-test",
                        "--app.startup.connect-timeout=0")) {
            assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
            assertThat(context.containsBean("readStore")).isFalse();
        }
    }
}
