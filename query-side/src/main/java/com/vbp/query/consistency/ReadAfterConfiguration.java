package com.vbp.query.consistency;

import org.axonframework.queryhandling.QueryBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Read-your-writes on the query bus this process answers on (Axon's local bus standalone, Axon Server's otherwise). */
@Configuration
public class ReadAfterConfiguration {

    @Autowired
    public void registerReadAfter(QueryBus queryBus, ProjectionBarrier barrier, ApplicationContext context,
                                  @Value("${app.consistency.read-timeout-millis:5000}") long timeoutMillis) {
        queryBus.registerHandlerInterceptor(
                new ReadAfterInterceptor(barrier, new ProjectionQueries(context), timeoutMillis));
    }
}
