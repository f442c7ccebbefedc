package com.vbp.gateway.excel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One data row of an uploaded sheet: its spreadsheet row number (1 is the header) and the exact
 * text of each cell under its column title, "" when the cell is blank.
 */
public record SheetRow(int rowNumber, Map<String, String> cellsByTitle) {

    public SheetRow {
        cellsByTitle = Collections.unmodifiableMap(new LinkedHashMap<>(cellsByTitle));
    }

    /** The cell's text under that title; "" when blank or when the title is not one of the layout's. */
    public String text(String title) {
        return cellsByTitle.getOrDefault(title, "");
    }

    public boolean isBlank(String title) {
        return text(title).isEmpty();
    }
}
