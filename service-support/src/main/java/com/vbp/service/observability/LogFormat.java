package com.vbp.service.observability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Locale;
import java.util.Map;

/**
 * {@code LOG_FORMAT=json} (environment, system property or argument) writes the console log as one JSON object per
 * line, in the Elastic Common Schema of Spring Boot's structured logging; unset or {@code text}, the usual lines. One
 * switch for every process and every deployment, instead of Boot's format names in each configuration file. An
 * explicit {@code logging.structured.format.console} still wins; any other value stops the start with a message.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String SWITCH = "LOG_FORMAT";
    static final String STRUCTURED = "logging.structured.format.console";
    static final String JSON_FORMAT = "ecs";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(SWITCH, "text").trim().toLowerCase(Locale.ROOT);
        switch (format) {
            case "", "text" -> {
                // Boot's pattern lines
            }
            case "json" -> {
                if (!environment.containsProperty(STRUCTURED)) {
                    environment.getPropertySources().addLast(
                            new MapPropertySource("LOG_FORMAT", Map.of(STRUCTURED, JSON_FORMAT)));
                }
            }
            default -> throw new IllegalStateException(
                    "LOG_FORMAT must be json or text (unset is text), not '" + format + "'");
        }
    }
}
