package com.vbp.command.common;

import com.vbp.events.common.RefusalCode;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Commands are timed by type, outcome and refusal code, with the interceptors in the order the application uses. */
class CommandMetricsTest {

    record Accept(String id) {
    }

    record Refuse(String id) {
    }

    record Break(String id) {
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void each_outcome_is_timed_with_its_type_and_refusal_code() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(new LogContext());
        bus.registerHandlerInterceptor(new CommandMetrics(registry));
        bus.registerHandlerInterceptor(new RefusalInterceptor());
        bus.subscribe(Accept.class.getName(), message -> "ok");
        bus.subscribe(Refuse.class.getName(), message -> {
            throw new RuleViolation(RefusalCode.UNKNOWN_BATCH, "no such batch");
        });
        bus.subscribe(Break.class.getName(), message -> {
            throw new IllegalStateException("disk full");
        });
        DefaultCommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();

        assertThat((String) gateway.sendAndWait(GenericCommandMessage.asCommandMessage(new Accept("1"))))
                .isEqualTo("ok");
        gateway.sendAndWait(new Accept("2"));
        assertThatThrownBy(() -> gateway.sendAndWait(new Refuse("3"))).isInstanceOf(CommandExecutionException.class);
        assertThatThrownBy(() -> gateway.sendAndWait(new Break("4"))).isInstanceOf(IllegalStateException.class);

        assertThat(timer("Accept", "success", "none").count()).isEqualTo(2);
        assertThat(timer("Refuse", "refused", "UNKNOWN_BATCH").count()).isEqualTo(1);
        assertThat(timer("Break", "failed", "none").count()).isEqualTo(1);
        assertThat(registry.find(CommandMetrics.NAME).timers()).hasSize(3);
    }

    private Timer timer(String type, String outcome, String code) {
        Timer timer = registry.find(CommandMetrics.NAME).tags("type", type, "outcome", outcome, "code", code).timer();
        assertThat(timer).as(type + " " + outcome + " " + code).isNotNull();
        return timer;
    }
}
