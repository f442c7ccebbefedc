package com.vbp.gateway.excel;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The upload limits of every Excel upload endpoint, read once from {@code app.upload.*}. */
@Configuration(proxyBeanMethods = false)
public class UploadLimitsConfiguration {

    @Bean
    public UploadLimits uploadLimits(@Value("${app.upload.max-bytes:20971520}") long maxBytes,
                                     @Value("${app.upload.max-rows:200000}") int maxRows) {
        return UploadLimits.defaults().withMaxBytes(maxBytes).withMaxRows(maxRows);
    }
}
