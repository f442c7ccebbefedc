package com.vbp.gateway.excel;

import org.apache.commons.io.output.CountingOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one sheet of an xlsx, streaming (POI SXSSF): only the last {@value #WINDOW_ROWS} rows stay
 * in memory, the rest goes to a temp file, so 100k+ row exports stay small. The first row holds the
 * column titles, bold and frozen; each column is as wide as its title and the widest value written
 * (CJK characters count double).
 *
 * <p>Values: {@code null} leaves the cell blank; a {@link String} is a text cell (formatted as text, so
 * an edit in Excel keeps it so); {@link Integer}/{@link Long} and {@link BigDecimal} are numeric cells,
 * typed by the column's {@link ColumnType}: codes stay text, whole numbers are integers ({@code <v>3</v>},
 * not POI's {@code 3.0}, which pandas and openpyxl read as a float), money is shown with two decimals,
 * other decimals with their own places. Excel stores numbers as doubles, so a number is written as a
 * numeric cell only when its double reads back as exactly the same value (every price with ≤ 4 decimals,
 * every volume up to 2^53); otherwise it is written as a text cell with its exact decimal digits, which
 * {@link SheetReader} reads back exactly too.
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

    /** Columns are never narrower than this, nor wider than {@link #MAX_WIDTH} (Excel characters). */
    private static final int MIN_WIDTH = 8;
    private static final int MAX_WIDTH = 80;
    /** More decimals than a double holds are noise. */
    private static final int MAX_PLACES = 15;

    private final Map<String, CellStyle> numberStyles;
    private final OutputStream out;
    private final String sheetName;
    private final int columns;
    private final List<ColumnType> types;
    private final int[] widths;
    private final SXSSFWorkbook workbook;
    private final SXSSFSheet sheet;
    private final CellStyle textStyle;
    private int nextRow;
    private boolean finished;

    private XlsxWriter(OutputStream out, String sheetName, List<String> titles) {
        this.out = out;
        this.sheetName = sheetName;
        this.columns = titles.size();
        this.types = titles.stream().map(ColumnType::of).toList();
        this.widths = new int[columns];
        this.workbook = new SXSSFWorkbook(WINDOW_ROWS) {
            @Override
            protected SheetDataWriter createSheetDataWriter() throws IOException {
                return new PlainNumbersWriter();
            }
        };
        this.sheet = workbook.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
        this.numberStyles = new HashMap<>();
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
                widths[i] = Math.max(widths[i], set(row.createCell(i), value, types.get(i)));
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
        for (int i = 0; i < columns; i++) {
            // SXSSF cannot auto-size without keeping every row; the widths of what was written serve instead.
            sheet.setColumnWidth(i, Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[i] + 2)) * 256);
        }
        try {
            CountingOutputStream counted = new CountingOutputStream(out);
            workbook.write(counted);
            out.flush();
            ExcelMetrics.exported(sheetName, nextRow - 1, counted.getByteCount());
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
            widths[i] = displayWidth(titles.get(i)) + 1; // bold
        }
        sheet.createFreezePane(0, 1);
    }

    /** Writes {@code value} as {@code type} says; answers the width of the text a reader sees. */
    private int set(Cell cell, Object value, ColumnType type) {
        if (value instanceof String text) {
            return text(cell, text);
        }
        BigDecimal number;
        if (value instanceof BigDecimal decimal) {
            number = decimal;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else {
            // Doubles and the like would silently lose exactness: convert to BigDecimal first.
            throw new IllegalArgumentException("unsupported cell value type " + value.getClass().getName());
        }
        if (type == ColumnType.CODE || !isExactAsDouble(number)) {
            return text(cell, number.toPlainString());
        }
        int significantPlaces = Math.max(0, number.stripTrailingZeros().scale());
        int places = Math.min(MAX_PLACES, switch (type) {
            case MONEY -> 2; // shown to the fen; the cell keeps the exact value (RETENTION.md: unrounded until display)
            case WHOLE -> significantPlaces; // 3.0 is 3; a fraction (never expected) keeps its places
            default -> Math.max(0, number.scale());
        });
        String format = (type == ColumnType.MONEY ? "#,##0" : "0") + (places == 0 ? "" : "." + "0".repeat(places));
        cell.setCellValue(number.doubleValue());
        cell.setCellStyle(numberStyles.computeIfAbsent(format, f -> {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(f));
            return style;
        }));
        return shownWidth(number, places, type == ColumnType.MONEY);
    }

    /**
     * Characters of the number as its format shows it ("#,##0.00": 1,234.50), counted without formatting it:
     * String.format for each numeric cell only to learn a length.
     */
    static int shownWidth(BigDecimal number, int places, boolean grouped) {
        BigDecimal shown = number.setScale(places, RoundingMode.HALF_UP);
        int width = shown.toPlainString().length();
        if (grouped) {
            int integerDigits = shown.abs().toBigInteger().toString().length();
            width += (integerDigits - 1) / 3;
        }
        return width;
    }

    private int text(Cell cell, String text) {
        cell.setCellValue(text);
        cell.setCellStyle(textStyle);
        return displayWidth(text);
    }

    /** POI writes a double with {@link Double#toString}; exact when that reads back as the same value. */
    static boolean isExactAsDouble(BigDecimal number) {
        double d = number.doubleValue();
        return Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(number) == 0;
    }

    /** Width in Excel characters: CJK characters take two. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            // below U+2E80 there is neither a Han character nor a full-width form: skip the script lookup
            width += c >= 0x2E80 && (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                    || (c >= 0xFF00 && c <= 0xFFEF)) ? 2 : 1;
        }
        return width;
    }

    /**
     * POI writes every number with {@link Double#toString}, so a whole number lands in the file as
     * {@code 3.0}; Excel writes {@code 3}, and pandas/openpyxl read the first as a float. This writes a
     * number's shortest exact decimal in plain notation instead; every other cell is POI's.
     */
    private static final class PlainNumbersWriter extends SheetDataWriter {

        PlainNumbersWriter() throws IOException {
            super();
        }

        @Override
        public void writeCell(int columnIndex, Cell cell) throws IOException {
            if (cell == null || cell.getCellType() != CellType.NUMERIC) {
                super.writeCell(columnIndex, cell);
                return;
            }
            _out.write("<c r=\"" + new CellReference(cell.getRowIndex(), columnIndex).formatAsString() + "\"");
            short style = cell.getCellStyle().getIndex();
            if (style != 0) {
                _out.write(" s=\"" + (style & 0xffff) + "\"");
            }
            _out.write(" t=\"n\"><v>" + plain(cell.getNumericCellValue()) + "</v></c>");
        }
    }

    /** The shortest decimal that reads back as {@code d}, without exponent or trailing zeros. */
    static String plain(double d) {
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
