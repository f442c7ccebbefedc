package com.vbp.events.common;

/**
 * One bad row of an uploaded file: the spreadsheet row number (1 is the header), the
 * column title as in FILES.md, and what is wrong with it.
 */
public record RowProblem(int row, String column, String message) {
}
