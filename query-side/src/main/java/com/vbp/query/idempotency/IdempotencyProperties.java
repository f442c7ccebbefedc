package com.vbp.query.idempotency;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * {@code app.idempotency.*}: how long a request holding an idempotency key keeps it before a retry may take it over
 * ({@code lease-millis}, milliseconds or a duration such as {@code 60s}; see {@link IdempotentAnswers}).
 */
@ConfigurationProperties("app.idempotency")
@Validated
public record IdempotencyProperties(@NotNull @DurationMin(millis = 1) @DurationUnit(ChronoUnit.MILLIS)
                                    @DefaultValue("60000") Duration leaseMillis) {
}
