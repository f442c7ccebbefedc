package com.vbp.command.audit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code app.audit.*}: how far one page of the event history may look ({@code max-scan} events, {@code max-page-time})
 * before it answers with what it found and where to go on ({@link EventHistory}).
 */
@ConfigurationProperties("app.audit")
@Validated
public record AuditProperties(@Positive @DefaultValue("" + EventHistory.DEFAULT_MAX_SCAN) int maxScan,
                              @NotNull @DurationMin(millis = 0) @DefaultValue(EventHistory.MAX_PAGE_TIME)
                              Duration maxPageTime) {
}
