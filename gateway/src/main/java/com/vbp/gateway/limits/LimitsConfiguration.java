package com.vbp.gateway.limits;

import com.vbp.gateway.security.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The abuse limits ({@code app.limits.*}): rate limits, transfers at once, request body sizes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitProperties.class)
public class LimitsConfiguration {

    @Bean
    public RateLimits rateLimits(LimitProperties limits, MeterRegistry meters) {
        return new RateLimits(limits, meters);
    }

    /** Placed in the security chain by {@code SecurityConfiguration}, where the token's account is known. */
    @Bean
    public AbuseLimitFilter abuseLimitFilter(RateLimits rates, LimitProperties limits, ProblemWriter problems,
                                             MeterRegistry meters) {
        return new AbuseLimitFilter(rates, limits, problems, meters);
    }

    @Bean
    public FilterRegistrationBean<AbuseLimitFilter> abuseLimitFilterOutsideSecurity(AbuseLimitFilter filter) {
        FilterRegistrationBean<AbuseLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** Before everything that might read a body (security included), after the correlation id is set. */
    @Bean
    public FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(LimitProperties limits, ProblemWriter problems,
                                                                    ObjectProvider<MultipartConfigElement> multipart) {
        MultipartConfigElement uploads = multipart.getIfAvailable();
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(new RequestBodyLimit(
                limits.maxBodySize().toBytes(), uploads == null ? -1 : uploads.getMaxRequestSize(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
