package com.vbp.gateway.consistency;

import com.vbp.gateway.security.ProblemWriter;
import org.axonframework.queryhandling.QueryBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Read-your-writes wiring (both runtime modes): every query the gateway sends carries the position its request's
 * reads must see, and a bad {@code X-Read-After} is refused before security or any handler runs.
 */
@Configuration
public class ReadPositionsConfiguration {

    @Autowired
    public void registerReadAfter(QueryBus queryBus, ReadPositions positions) {
        queryBus.registerDispatchInterceptor(new ReadAfterMetaData(positions));
    }

    @Bean
    public FilterRegistrationBean<ReadAfterFilter> readAfterFilter(ReadPositions positions, ProblemWriter problems) {
        FilterRegistrationBean<ReadAfterFilter> registration = new FilterRegistrationBean<>(
                new ReadAfterFilter(positions, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
