package com.vbp.gateway.excel;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one sheet of an xlsx, streaming (POI SXSSF): only the last {@value #WINDOW_ROWS} rows stay
 * in memory, the rest goes to a temp file, so 100k+ row exports stay small. The first row holds the
 * column titles, bold and frozen.
 *
 * <p>Values: {@code null} leaves the cell blank; a {@link String} is a text cell (codes stay text,
 * "001" keeps its zeros, and the cell is formatted as text so an edit in Excel keeps it so);
 * {@link Integer}/{@link Long} and {@link BigDecimal} are numeric cells. Excel stores numbers as
 * doubles, so a number is written as a numeric cell only when its double reads back as exactly the
 * same value (every price with ≤ 4 decimals, every volume up to 2^53); otherwise it is written as a
 * text cell with its exact decimal digits, which {@link SheetReader} reads back exactly too.
 *
 * <pre>{@code
 * try (XlsxWriter sheet = XlsxWriter.open(out, "供应清单", titles)) {
 *     for (...) sheet.append(code, name, price);
 *     sheet.finish();   // writes the file; close() alone abandons it
 * }
 * }</pre>
 */
public final class XlsxWriter implements AutoCloseable {

    public static final int WINDOW_ROWS = 100;
    private static final long MAX_EXACT_LONG = 1L << 53;

    private final Map<Integer, CellStyle> decimalStyles;
    private final OutputStream out;
    private final int columns;
    private final SXSSFWorkbook workbook;
    private final SXSSFSheet sheet;
    private final CellStyle textStyle;
    private int nextRow;
    private boolean finished;

    private XlsxWriter(OutputStream out, String sheetName, List<String> titles) {
        this.out = out;
        this.columns = titles.size();
        this.workbook = new SXSSFWorkbook(WINDOW_ROWS);
        this.sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
        this.decimalStyles = new HashMap<>();
        this.textStyle = workbook.createCellStyle();
        textStyle.setDataFormat(workbook.createDataFormat().getFormat("@"));
        writeHeader(titles);
    }

    /** Starts a sheet; the caller keeps ownership of {@code out} (it is flushed, never closed). */
    public static XlsxWriter open(OutputStream out, String sheetName, List<String> titles) {
        return new XlsxWriter(out, sheetName, titles);
    }

    /** Writes a whole sheet at once; {@code rows} may be a lazy Iterable for large exports. */
    public static void write(OutputStream out, String sheetName, List<String> titles,
                             Iterable<? extends List<?>> rows) {
        try (XlsxWriter writer = open(out, sheetName, titles)) {
            for (List<?> row : rows) {
                writer.append(row);
            }
            writer.finish();
        }
    }

    public XlsxWriter append(Object... values) {
        return append(Arrays.asList(values));
    }

    /** Appends one row, values in the order of the titles. */
    public XlsxWriter append(List<?> values) {
        if (finished) {
            throw new IllegalStateException("the workbook is already written");
        }
        if (values.size() > columns) {
            throw new IllegalArgumentException(values.size() + " values for " + columns + " columns");
        }
        Row row = sheet.createRow(nextRow++);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null) {
                set(row.createCell(i), value);
            }
        }
        return this;
    }

    /** Data rows written so far. */
    public int rowCount() {
        return nextRow - 1;
    }

    /** Writes the workbook to the stream. Call once, after the last row. */
    public void finish() {
        if (finished) {
            throw new IllegalStateException("the workbook is already written");
        }
        finished = true;
        try {
            workbook.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the xlsx", e);
        }
    }

    /** Deletes SXSSF's temp files; without {@link #finish()} nothing is written. */
    @Override
    public void close() {
        try {
            workbook.close(); // in POI 5.5 this also disposes of the temp files
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the xlsx", e);
        }
    }

    private void writeHeader(List<String> titles) {
        Font bold = workbook.createFont();
        bold.setBold(true);
        CellStyle headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        Row header = sheet.createRow(nextRow++);
        for (int i = 0; i < titles.size(); i++) {
            Cell cell = header.createCell(i);
            cell.setCellValue(titles.get(i));
            cell.setCellStyle(headerStyle);
            // SXSSF cannot auto-size without tracking every row; size from the title instead.
            sheet.setColumnWidth(i, Math.min(255, Math.max(12, displayWidth(titles.get(i)) + 4)) * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    private void set(Cell cell, Object value) {
        if (value instanceof String text) {
            text(cell, text);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long number = ((Number) value).longValue();
            if (Math.abs(number) <= MAX_EXACT_LONG) {
                cell.setCellValue(number);
            } else {
                text(cell, Long.toString(number));
            }
        } else if (value instanceof BigDecimal number) {
            if (isExactAsDouble(number)) {
                cell.setCellValue(number.doubleValue());
                if (number.scale() > 0 && number.scale() <= 10) {
                    // Shown with its own decimals (2,700.60, not Excel's General 2700.6); the value stays exact.
                    cell.setCellStyle(decimalStyles.computeIfAbsent(number.scale(), scale -> {
                        CellStyle style = workbook.createCellStyle();
                        style.setDataFormat(workbook.createDataFormat().getFormat("0." + "0".repeat(scale)));
                        return style;
                    }));
                }
            } else {
                text(cell, number.toPlainString());
            }
        } else {
            // Doubles and the like would silently lose exactness: convert to BigDecimal first.
            throw new IllegalArgumentException("unsupported cell value type " + value.getClass().getName());
        }
    }

    private void text(Cell cell, String text) {
        cell.setCellValue(text);
        cell.setCellStyle(textStyle);
    }

    /** POI writes a double with {@link Double#toString}; exact when that reads back as the same value. */
    static boolean isExactAsDouble(BigDecimal number) {
        double d = number.doubleValue();
        return Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(number) == 0;
    }

    /** Column width in Excel characters: CJK characters take two. */
    private static int displayWidth(String title) {
        return title.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || (c >= 0xFF00 && c <= 0xFFEF) ? 2 : 1).sum();
    }
}
