package com.vbp.gateway.excel;

import com.vbp.events.common.RowProblem;

import java.util.List;

/**
 * What an upload's cells gave: the rows that could be read, and a problem for every bad cell of the others.
 * Both go to the domain in one command, whose rules add their problems and answer them all at once.
 */
public record ParsedRows<T>(List<T> rows, List<RowProblem> problems) {

    public ParsedRows {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }
}
