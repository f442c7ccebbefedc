package com.vbp.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A setting out of its range stops the start with Boot's binding message, which names the key and the rule. */
class ConfigurationValidationTest {

    @Test
    void a_negative_row_limit_stops_the_start_naming_the_key() {
        assertThatThrownBy(() -> start("--app.upload.max-rows=-1", "--app.startup.connect-timeout=0"))
                .hasStackTraceContaining("app.upload.max-rows")
                .hasStackTraceContaining("must be greater than 0");
    }

    @Test
    void a_negative_start_up_wait_stops_the_start_naming_the_key() {
        assertThatThrownBy(() -> start("--app.startup.connect-timeout=-5s"))
                .hasStackTraceContaining("app.startup.connect-timeout");
    }

    private static void start(String... settings) {
        String[] common = {"--server.port=0", "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off",
                "--app.security.jwt-secret=0123456789abcdef0123456789abcdef-test"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.Arrays.stream(settings))
                .toArray(String[]::new);
        new SpringApplicationBuilder(Application.class).profiles("distributed").run(args).close();
    }
}
