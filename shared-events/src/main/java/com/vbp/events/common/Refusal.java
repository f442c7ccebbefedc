package com.vbp.events.common;

import java.util.List;
import java.util.Map;

/**
 * Why a command or query was refused: a stable machine-readable code (e.g. {@code UNKNOWN_BATCH}),
 * a sentence for people, the figures that applied, and for uploads every bad row.
 * It travels as the details of Axon's execution exceptions, so it survives Axon Server.
 */
public record Refusal(String code, String message, Map<String, Object> figures, List<RowProblem> rows) {

    public Refusal {
        figures = figures == null ? Map.of() : Map.copyOf(figures);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    public static Refusal of(String code, String message) {
        return new Refusal(code, message, Map.of(), List.of());
    }
}
