package com.vbp.command.appeal;

import com.vbp.command.CommandSideApplication;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Spring wiring of appeals: the batch facts and the appeal period that the filing handler receives as
 * parameters, and the aggregate's repository. Started like the distributed command side, without an Axon Server
 * (the connector retries in the background).
 */
class AppealWiringTest {

    @Test
    void the_filing_handlers_parameters_and_the_repository_are_wired_with_a_period_of_30_days() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=command-side", "--server.port=0", "--app.startup.connect-timeout=0",
                        "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(RetentionFacts.class)).isNotNull();
            assertThat(context.getBean(AppealPeriod.class)).isEqualTo(new AppealPeriod(30));
            assertThat(context.getBean(Configuration.class).repository(Appeal.class)).isNotNull();
        }
    }

    @Test
    void the_period_is_whole_days_of_24_hours_and_never_negative() {
        Instant finalised = Instant.parse("2024-03-01T08:00:00Z");
        assertThat(new AppealPeriod(30).deadlineAfter(finalised)).isEqualTo(Instant.parse("2024-03-31T08:00:00Z"));
        assertThat(new AppealPeriod(0).deadlineAfter(finalised)).isEqualTo(finalised);
        assertThatThrownBy(() -> new AppealPeriod(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
