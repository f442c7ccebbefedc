package com.vbp.query.audit;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * {@code app.integrity.*}: how long the integrity check waits for the chain to catch up with the events it verifies
 * ({@code wait-millis}, milliseconds or a duration such as {@code 10s}; see {@link IntegrityChainVerifier}).
 */
@ConfigurationProperties("app.integrity")
@Validated
public record IntegrityProperties(@NotNull @DurationMin(millis = 0) @DurationUnit(ChronoUnit.MILLIS)
                                  @DefaultValue("10000") Duration waitMillis) {
}
