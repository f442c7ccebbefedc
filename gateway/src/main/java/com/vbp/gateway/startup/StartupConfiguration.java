package com.vbp.gateway.startup;

import com.vbp.gateway.security.ProblemWriter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
public class StartupConfiguration {

    /** After the correlation id (so the 503 carries one), before security (so a login is not even tried). */
    @Bean
    public FilterRegistrationBean<StartupGate> startupGate(Startup startup, ProblemWriter problems) {
        FilterRegistrationBean<StartupGate> registration = new FilterRegistrationBean<>(
                new StartupGate(startup, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
