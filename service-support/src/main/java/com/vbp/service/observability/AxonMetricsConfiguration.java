package com.vbp.service.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Axon's meters (event-processor latency and capacity per processor, bus message counts and timers) in the registry
 * that {@code /actuator/prometheus} shows. Axon 4.13's {@link MicrometerMetricsAutoConfiguration} orders itself
 * after Boot 3's registry auto-configuration by class names that Boot 4 moved: run first, it would make a private
 * {@code SimpleMeterRegistry} and every Axon meter would be invisible. This configuration, after Boot 4's registry
 * and before Axon's, gives Axon the application's registry (Axon's beans give way to it).
 */
@AutoConfiguration(after = CompositeMeterRegistryAutoConfiguration.class,
        before = MicrometerMetricsAutoConfiguration.class)
@ConditionalOnClass({GlobalMetricRegistry.class, MeterRegistry.class})
public class AxonMetricsConfiguration {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new GlobalMetricRegistry(registry);
    }
}
