package com.vbp.service;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import java.time.Duration;

/**
 * The start-up checks of every process: on Axon Server, that it is connected (see {@link AxonServerCheck});
 * with MongoDB, that it answers ({@link MongoCheck}, used where the client is made).
 */
@AutoConfiguration(after = AxonServerAutoConfiguration.class)
public class StartupChecksConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.mongodb.client.MongoDatabase")
    static class Mongo {

        @Bean
        MongoCheck mongoCheck(@Value("${app.startup.connect-timeout:PT60S}") Duration within) {
            return new MongoCheck(within);
        }
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
    @ConditionalOnBean(AxonServerConnectionManager.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApplicationRunner axonServerReachable(AxonServerConnectionManager connections, AxonServerConfiguration configuration,
                                          @Value("${app.startup.connect-timeout:PT60S}") Duration within) {
        return args -> AxonServerCheck.connected(connections, configuration, within);
    }
}
