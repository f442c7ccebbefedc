package com.vbp.gateway.appeal;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code app.appeals.evidence.*}: an appeal's evidence files, how many, how large each, and how large a zip-based
 * file (xlsx, docx) may inflate.
 */
@ConfigurationProperties("app.appeals.evidence")
@Validated
public record EvidenceProperties(@Positive @DefaultValue("10") int maxFiles,
                                 @Positive @DefaultValue("10485760") long maxFileBytes,
                                 @Positive @DefaultValue("104857600") long maxUncompressedBytes) {
}
