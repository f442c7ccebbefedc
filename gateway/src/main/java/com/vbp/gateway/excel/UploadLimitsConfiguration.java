package com.vbp.gateway.excel;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The upload limits of every Excel upload endpoint, read once from {@code app.upload.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadProperties.class)
public class UploadLimitsConfiguration {

    @Bean
    public UploadLimits uploadLimits(UploadProperties upload) {
        return UploadLimits.defaults().withMaxBytes(upload.maxBytes()).withMaxRows(upload.maxRows());
    }
}
