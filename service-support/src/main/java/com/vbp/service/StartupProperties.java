package com.vbp.service;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code app.startup.*}: how long a process waits at start for Axon Server and MongoDB before it gives up with one
 * clear line ({@link AxonServerCheck}, {@link MongoCheck}); zero skips the checks (tests of the wiring alone).
 */
@ConfigurationProperties("app.startup")
@Validated
public record StartupProperties(@NotNull @DurationMin(millis = 0) @DefaultValue("PT60S") Duration connectTimeout) {
}
