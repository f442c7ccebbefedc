package com.vbp.command.common;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RowProblem;

import java.util.List;
import java.util.Map;

/**
 * A domain rule refused a command. Aggregates throw it; {@link RefusalInterceptor} turns it into
 * Axon's {@code CommandExecutionException} carrying a {@link Refusal}, so the code, figures and bad
 * rows reach the gateway intact in both runtime modes.
 */
public class RuleViolation extends RuntimeException {

    private final transient Refusal refusal;

    public RuleViolation(String code, String message) {
        this(new Refusal(code, message, Map.of(), List.of()));
    }

    public RuleViolation(String code, String message, Map<String, Object> figures) {
        this(new Refusal(code, message, figures, List.of()));
    }

    public RuleViolation(String code, String message, List<RowProblem> rows) {
        this(new Refusal(code, message, Map.of(), rows));
    }

    public RuleViolation(Refusal refusal) {
        super(refusal.code() + ": " + refusal.message());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    public String code() {
        return refusal.code();
    }
}
