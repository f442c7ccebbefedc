package com.vbp.query.consistency;

import org.axonframework.queryhandling.QueryBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Read-your-writes on the query bus this process answers on (Axon's local bus standalone, Axon Server's otherwise). */
@Configuration
@EnableConfigurationProperties(ReadConsistencyProperties.class)
public class ReadAfterConfiguration {

    @Autowired
    public void registerReadAfter(QueryBus queryBus, ProjectionBarrier barrier, ApplicationContext context,
                                  ReadConsistencyProperties properties) {
        queryBus.registerHandlerInterceptor(
                new ReadAfterInterceptor(barrier, new ProjectionQueries(context), properties.readTimeoutMillis()));
    }
}
