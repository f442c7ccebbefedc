package com.vbp.events.common;

import java.util.Comparator;

/**
 * One problem of one row of an uploaded file: the spreadsheet row number (1 is the header), the
 * column title as in FILES.md, a machine-readable {@link RowCode} and what is wrong, for people.
 */
public record RowProblem(int row, String column, RowCode code, String message) {

    /** The order of an answer: by row, then by column title. */
    public static final Comparator<RowProblem> ORDER = Comparator.comparingInt(RowProblem::row)
            .thenComparing(RowProblem::column, Comparator.nullsFirst(Comparator.naturalOrder()));
}
