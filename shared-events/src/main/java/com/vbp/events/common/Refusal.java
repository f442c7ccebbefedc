package com.vbp.events.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a command or query was refused: a stable machine-readable code from the {@link RefusalCode} catalogue
 * (e.g. {@code UNKNOWN_BATCH}), a sentence for people, the figures that applied, and for uploads every bad row.
 * It travels as the details of Axon's execution exceptions, so it survives Axon Server.
 * <p>
 * The code is kept as its string, the wire form, rather than as the enum: a refusal deserialised from another
 * process (perhaps a newer version with a code this one does not know) must still arrive, and be answered 422,
 * rather than fail deserialisation and become a 500. Code that refuses builds a refusal from the catalogue
 * (the {@link RefusalCode} constructor and factories); the canonical constructor is for deserialisers and for
 * copying a refusal received.
 */
public record Refusal(String code, String message, Map<String, Object> figures, List<RowProblem> rows) {

    public Refusal {
        figures = figures == null ? Map.of() : Map.copyOf(figures);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    public Refusal(RefusalCode code, String message, Map<String, Object> figures, List<RowProblem> rows) {
        this(code.code(), message, figures, rows);
    }

    /** The refusal with the catalogue's own sentence. */
    public static Refusal of(RefusalCode code) {
        return of(code, code.message());
    }

    public static Refusal of(RefusalCode code, String message) {
        return new Refusal(code, message, Map.of(), List.of());
    }

    public static Refusal of(RefusalCode code, String message, Map<String, Object> figures) {
        return new Refusal(code, message, figures, List.of());
    }

    /** The catalogue's constant for this refusal's code; empty for a code this version does not know. */
    public Optional<RefusalCode> known() {
        return RefusalCode.find(code);
    }

    public boolean is(RefusalCode expected) {
        return expected.code().equals(code);
    }
}
