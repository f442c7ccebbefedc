package com.vbp.command.retention;

import com.vbp.command.CommandSideApplication;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RetentionBatch} is a Spring {@code @Aggregate} found by the command side's component scan: it needs no
 * configuration of its own (no snapshot trigger: see the class's Javadoc). Started like the distributed command
 * side, without an Axon Server (the connector retries in the background).
 */
class RetentionWiringTest {

    @Test
    void the_retention_batch_has_an_event_sourced_repository() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=command-side", "--server.port=0", "--app.startup.connect-timeout=0",
                        "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(Configuration.class).repository(RetentionBatch.class)).isNotNull();
        }
    }
}
