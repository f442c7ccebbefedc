package com.vbp.gateway.audit;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The audit metadata's wiring, in both runtime modes: the dispatch interceptor on the command bus the gateway sends
 * through (Axon's local bus standalone, Axon Server's otherwise), registered once, and the correlation-id filter,
 * ahead of Spring Security so that refused requests are answered with the header too.
 */
@Configuration
public class AuditConfiguration {

    @Autowired
    public void registerAuditMetaData(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new AuditMetaData());
    }

    @Bean
    public FilterRegistrationBean<RequestCorrelation> requestCorrelation() {
        FilterRegistrationBean<RequestCorrelation> registration = new FilterRegistrationBean<>(new RequestCorrelation());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
