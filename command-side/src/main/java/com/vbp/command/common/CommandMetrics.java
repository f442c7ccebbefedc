package com.vbp.command.common;

import com.vbp.events.common.Refusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Times every handled command as {@value #NAME} with its {@code type} (the command's simple name), {@code outcome}
 * ({@code success}, {@code refused} by a domain rule, {@code failed} otherwise) and the refusal {@code code}
 * ({@code none} unless refused). Measured where commands are handled (this process, or the standalone one), so that
 * every sender is counted, start-up and scheduled work included, and the time is the handling's, not the network's.
 * The outcome is read when the unit of work ends: a command whose events could not be stored counts as failed.
 * Registered before {@link RefusalInterceptor}, so a refusal arrives here as the {@link Refusal} it travels as.
 */
public class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String NAME = "vbp.commands";
    static final String NONE = "none";

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Timer.Sample started = Timer.start(registry);
        String type = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.afterCommit(u -> {
            var result = u.getExecutionResult();
            stop(started, type, result == null || !result.isExceptionResult() ? null : result.getExceptionResult());
        });
        unitOfWork.onRollback(u -> {
            Throwable cause = u.getExecutionResult() == null ? null : u.getExecutionResult().getExceptionResult();
            stop(started, type, cause == null ? new IllegalStateException("rolled back") : cause);
        });
        return chain.proceed();
    }

    private void stop(Timer.Sample started, String type, Throwable failure) {
        String outcome = "success";
        String code = NONE;
        if (failure != null) {
            Refusal refusal = refusalOf(failure);
            outcome = refusal == null ? "failed" : "refused";
            code = refusal == null ? NONE : refusal.code();
        }
        started.stop(Timer.builder(NAME).description("Commands handled, by type, outcome and refusal code")
                .tag("type", type).tag("outcome", outcome).tag("code", code)
                .register(registry));
    }

    private static Refusal refusalOf(Throwable failure) {
        if (failure instanceof RuleViolation violation) {
            return violation.refusal();
        }
        if (failure instanceof CommandExecutionException e && e.getDetails().orElse(null) instanceof Refusal r) {
            return r;
        }
        return null;
    }
}
