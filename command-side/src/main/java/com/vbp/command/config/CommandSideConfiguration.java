package com.vbp.command.config;

import com.vbp.command.audit.AuditCorrelationData;
import com.vbp.command.common.CommandMetrics;
import com.vbp.command.common.LogContext;
import com.vbp.command.common.RefusalInterceptor;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Clock;

/**
 * Everything the aggregates need, in both runtime modes: the clock and password encoder their
 * handlers receive as parameters, the interceptors of the command bus (log context, metrics, refusals), and the
 * correlation data that puts who, the request and its idempotency key on every event.
 */
@Configuration
// The distributed-mode application class in the same package must not be picked up in standalone mode.
@ComponentScan(basePackages = "com.vbp.command",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class CommandSideConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * Copies the audit metadata of a command ({@code account}, {@code organisation}, {@code role},
     * {@code correlationId}, {@code idempotencyKey}) onto every event of its unit of work, in both runtime modes.
     * Declaring a provider switches off Axon's auto-configured {@code MessageOriginProvider}; this one includes it.
     * Static, because Axon's configuration needs it before this class, whose {@code @Autowired} method needs the
     * command bus, could be created.
     */
    @Bean
    public static CorrelationDataProvider auditCorrelationData() {
        return new AuditCorrelationData();
    }

    /**
     * Outermost first: the log context covers every line a command causes, the metrics see a refusal as the
     * {@code Refusal} it travels as, and the refusal interceptor turns a rule's exception into that.
     */
    @Autowired
    public void registerCommandInterceptors(CommandBus commandBus, MeterRegistry meterRegistry) {
        commandBus.registerHandlerInterceptor(new LogContext());
        commandBus.registerHandlerInterceptor(new CommandMetrics(meterRegistry));
        commandBus.registerHandlerInterceptor(new RefusalInterceptor());
    }
}
