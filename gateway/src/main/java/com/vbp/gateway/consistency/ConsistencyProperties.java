package com.vbp.gateway.consistency;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * {@code app.consistency.*} of the gateway: how long a command that must be visible everywhere at once waits for the
 * projections ({@code timeout-millis}, a number of milliseconds or a duration such as {@code 10s}; see
 * {@link Commands}).
 */
@ConfigurationProperties("app.consistency")
@Validated
public record ConsistencyProperties(@NotNull @DurationMin(millis = 1) @DurationUnit(ChronoUnit.MILLIS)
                                    @DefaultValue("10000") Duration timeoutMillis) {
}
