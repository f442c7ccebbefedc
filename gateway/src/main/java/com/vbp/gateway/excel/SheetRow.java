package com.vbp.gateway.excel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data row of an uploaded sheet: its spreadsheet row number (1 is the header), the exact
 * text of each cell under its column title, "" when the cell is blank, and the {@link Kind} of the
 * cells that are neither text nor a plain number, so that a number column can refuse them by name.
 */
public record SheetRow(int rowNumber, Map<String, String> cellsByTitle, Map<String, Kind> kindsByTitle) {

    /** Cells whose text is not what they mean in a number column. */
    public enum Kind {
        /** A date-formatted number; its text is the date, e.g. "2024-03-01". */
        DATE,
        /** TRUE or FALSE. */
        BOOLEAN,
        /** An error value such as #DIV/0!, usually a formula's cached result. */
        ERROR
    }

    public SheetRow {
        cellsByTitle = Collections.unmodifiableMap(new LinkedHashMap<>(cellsByTitle));
        kindsByTitle = Map.copyOf(kindsByTitle);
    }

    /** A row of text and plain numbers only. */
    public SheetRow(int rowNumber, Map<String, String> cellsByTitle) {
        this(rowNumber, cellsByTitle, Map.of());
    }

    /** The cell's text under that title; "" when blank or when the title is not one of the layout's. */
    public String text(String title) {
        return cellsByTitle.getOrDefault(title, "");
    }

    public boolean isBlank(String title) {
        return text(title).isEmpty();
    }

    /** The kind of a date, boolean or error cell; null for text, a plain number or a blank. */
    public Kind kind(String title) {
        return kindsByTitle.get(title);
    }
}
