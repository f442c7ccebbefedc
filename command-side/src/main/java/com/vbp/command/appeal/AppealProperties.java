package com.vbp.command.appeal;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code app.appeals.*} of the command side: the appeal window, in days of 24 h after the latest calculation. */
@ConfigurationProperties("app.appeals")
@Validated
public record AppealProperties(@Positive @DefaultValue("" + AppealPeriod.DEFAULT_DAYS) int windowDays) {
}
