package com.vbp.service.observability;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFormatTest {

    private final SpringApplication application = new SpringApplication();

    @Test
    void json_selects_boots_ecs_console_format() {
        MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "json");
        new LogFormat().postProcessEnvironment(environment, application);
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void unset_or_text_keeps_the_pattern_lines_and_an_explicit_format_wins() {
        MockEnvironment unset = new MockEnvironment();
        new LogFormat().postProcessEnvironment(unset, application);
        assertThat(unset.getProperty("logging.structured.format.console")).isNull();

        MockEnvironment text = new MockEnvironment().withProperty("LOG_FORMAT", "text");
        new LogFormat().postProcessEnvironment(text, application);
        assertThat(text.getProperty("logging.structured.format.console")).isNull();

        MockEnvironment explicit = new MockEnvironment().withProperty("LOG_FORMAT", "json")
                .withProperty("logging.structured.format.console", "logstash");
        new LogFormat().postProcessEnvironment(explicit, application);
        assertThat(explicit.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void another_value_stops_the_start() {
        MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "xml");
        assertThatThrownBy(() -> new LogFormat().postProcessEnvironment(environment, application))
                .hasMessageContaining("LOG_FORMAT must be json or text");
    }
}
