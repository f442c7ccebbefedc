package com.vbp.events.common;

/**
 * What is wrong with one cell of an uploaded file, for machines: the one catalogue of row codes, used alike by
 * the gateway's reading of cells and by the aggregates' rules, so a client can act on a problem without parsing
 * its message.
 */
public enum RowCode {
    /** A required cell is blank. */
    MISSING,
    /** Text that is no number where a number is expected. */
    NOT_A_NUMBER,
    /** A fraction where a whole number is expected. */
    NOT_WHOLE,
    /** More decimal places than the column allows (of the number as Excel shows it). */
    TOO_MANY_DECIMALS,
    /** A number outside the column's range, or too large for any quantity. */
    OUT_OF_RANGE,
    /** A date (a date-formatted number) where a number is expected. */
    DATE_NOT_NUMBER,
    /** TRUE or FALSE where a number is expected. */
    BOOLEAN_NOT_NUMBER,
    /** The cell shows an error such as #DIV/0! or #N/A (a formula that failed). */
    CELL_ERROR,
    /** Text longer than allowed. */
    TOO_LONG,
    /** Text holding a control character (NUL, BEL…) or a bidirectional override (U+202E) that cannot be seen. */
    CONTROL_CHARACTER,
    /** A word that is not one of the column's words (需求类型: 中选 or 待分配). */
    NOT_ALLOWED,
    /** The same key as an earlier row of the file, or as data already imported. */
    DUPLICATE,
    /** Differs from what an earlier row says of the same institution or product group. */
    CONFLICTING,
    /** An institution the batch does not know. */
    UNKNOWN_INSTITUTION,
    /** A product group not in the batch's catalogue. */
    UNKNOWN_GROUP,
    /** A drug code that is not a winning product of the batch (for a selected-product line). */
    UNKNOWN_PRODUCT,
    /** A winning product named under another product group than its own. */
    WRONG_GROUP,
    /** A winning product on a 待分配 line, which is for products that did not win. */
    WINNING_PRODUCT,
    /** An institution of another district than the uploader's. */
    OUTSIDE_DISTRICT
}
