package com.vbp.command.common;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.RowProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain rule refused a command. Aggregates throw it; {@link RefusalInterceptor} turns it into
 * Axon's {@code CommandExecutionException} carrying a {@link Refusal}, so the code, figures and bad
 * rows reach the gateway intact in both runtime modes.
 */
public class RuleViolation extends RuntimeException {

    private final transient Refusal refusal;

    /** With the catalogue's own sentence. */
    public RuleViolation(RefusalCode code) {
        this(Refusal.of(code));
    }

    public RuleViolation(RefusalCode code, String message) {
        this(Refusal.of(code, message));
    }

    public RuleViolation(RefusalCode code, String message, Map<String, Object> figures) {
        this(Refusal.of(code, message, figures));
    }

    public RuleViolation(RefusalCode code, String message, List<RowProblem> rows) {
        this(new Refusal(code, message, Map.of(), rows));
    }

    public RuleViolation(Refusal refusal) {
        super(refusal.code() + ": " + refusal.message());
        this.refusal = refusal;
    }

    /**
     * Refuses an upload with INVALID_ROWS when it has any problem: the cells the gateway could not read and what
     * the rules found in the readable rows, in one answer sorted by row then column. Returns when there is none.
     */
    public static void refuseInvalidRows(List<RowProblem> cellProblems, List<RowProblem> ruleProblems) {
        List<RowProblem> all = new ArrayList<>(cellProblems == null ? List.of() : cellProblems);
        all.addAll(ruleProblems);
        if (all.isEmpty()) {
            return;
        }
        all.sort(RowProblem.ORDER);
        long badRows = all.stream().mapToInt(RowProblem::row).distinct().count();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("badRows", badRows);
        figures.put("problems", all.size());
        throw new RuleViolation(new Refusal(RefusalCode.INVALID_ROWS,
                badRows + (badRows == 1 ? " row is" : " rows are") + " invalid; nothing was imported",
                figures, all));
    }

    public Refusal refusal() {
        return refusal;
    }

    public String code() {
        return refusal.code();
    }
}
