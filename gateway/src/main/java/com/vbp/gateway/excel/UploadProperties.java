package com.vbp.gateway.excel;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code app.upload.*}: the size of an uploaded xlsx file and its data rows (see {@link UploadLimits}). */
@ConfigurationProperties("app.upload")
@Validated
public record UploadProperties(@Positive @DefaultValue("" + UploadLimits.DEFAULT_MAX_BYTES) long maxBytes,
                               @Positive @DefaultValue("" + UploadLimits.DEFAULT_MAX_ROWS) int maxRows) {
}
