package com.vbp.service;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The start-up checks of every process: on Axon Server, that it is connected (see {@link AxonServerCheck});
 * with MongoDB, that it answers ({@link MongoCheck}, used where the client is made).
 */
@AutoConfiguration(after = AxonServerAutoConfiguration.class)
@EnableConfigurationProperties({StartupProperties.class, StorageProperties.class})
public class StartupChecksConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.mongodb.client.MongoDatabase")
    static class Mongo {

        @Bean
        MongoCheck mongoCheck(StartupProperties startup) {
            return new MongoCheck(startup.connectTimeout());
        }
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
    @ConditionalOnBean(AxonServerConnectionManager.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ApplicationRunner axonServerReachable(AxonServerConnectionManager connections, AxonServerConfiguration configuration,
                                          StartupProperties startup) {
        return args -> AxonServerCheck.connected(connections, configuration, startup.connectTimeout());
    }

    /**
     * {@code axonServer} in /actuator/health and in the distributed processes' readiness group: after the start too,
     * a process that lost Axon Server can neither send nor handle a command, so it should get no traffic. (Axon
     * 4.13's own indicator is written for Boot 3's health classes and is not registered on Boot 4.)
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
    @ConditionalOnBean(AxonServerConnectionManager.class)
    HealthIndicator axonServerHealthIndicator(AxonServerConnectionManager connections,
                                              AxonServerConfiguration configuration) {
        return () -> {
            String context = connections.getDefaultContext();
            Health.Builder health = connections.isConnected(context) ? Health.up() : Health.down();
            return health.withDetail("servers", configuration.getServers()).withDetail("context", context).build();
        };
    }
}
