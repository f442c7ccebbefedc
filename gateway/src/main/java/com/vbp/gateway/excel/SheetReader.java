package com.vbp.gateway.excel;

import com.github.pjfanning.xlsx.StreamingReader;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.NumberToTextConverter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the first sheet of an uploaded xlsx, streaming (excel-streaming-reader), so that a
 * 200,000-row file never sits in memory as a POI workbook.
 *
 * <p>Row 1 holds the column titles, in any order; extra columns are ignored; titles are compared
 * after trimming and in their NFKC form, so the full-width "包装中选价（元）" a Chinese input method
 * types matches "包装中选价(元)". Rows whose layout columns are all blank are skipped (a row holding only an
 * ignored column carries nothing for the layout). Each cell comes back as its exact text:
 * <ul>
 *   <li>numeric cells: the number Excel shows (in the General format), that is the shortest decimal that gives
 *       back the stored double, at most 15 significant digits (POI's {@link NumberToTextConverter}), in plain
 *       notation without trailing zeros: 9.800000000000001 as openpyxl stores 9.80 is "9.8", a code stored as
 *       420102 is "420102", whatever the cell's number format;</li>
 *   <li>date-formatted numeric cells: the date, "2024-03-01" (or "2024-03-01 08:30:00"), marked
 *       {@link SheetRow.Kind#DATE};</li>
 *   <li>text cells: trimmed (also of full-width and non-breaking spaces);</li>
 *   <li>formulas: their cached result; error results as Excel shows them, e.g. "#DIV/0!", marked
 *       {@link SheetRow.Kind#ERROR};</li>
 *   <li>booleans: "TRUE" or "FALSE", marked {@link SheetRow.Kind#BOOLEAN}; blank cells: "".</li>
 * </ul>
 * Files that are not xlsx, too large or suspicious are refused before any row is read; a file with
 * more data rows than allowed is refused as soon as the limit is passed, without reading the rest.
 */
public final class SheetReader {

    /** Longer raw numbers are not Excel's (at most 17 digits and an exponent): left as written. */
    private static final int MAX_RAW_NUMBER_LENGTH = 40;

    private final List<String> titles;

    public SheetReader(List<String> titles) {
        this.titles = List.copyOf(titles);
    }

    public List<String> titles() {
        return titles;
    }

    public void read(InputStream upload, UploadLimits limits, Consumer<SheetRow> rows) {
        read(XlsxGuard.readAll(upload, limits.maxBytes()), limits, rows);
    }

    public void read(byte[] xlsx, UploadLimits limits, Consumer<SheetRow> rows) {
        XlsxGuard.check(xlsx, limits);
        try (Cursor cursor = new Cursor(xlsx)) {
            int dataRows = 0;
            SheetRow row;
            while ((row = cursor.next()) != null) {
                if (++dataRows > limits.maxRows()) {
                    throw UploadRefused.tooManyRows(limits.maxRows());
                }
                rows.accept(row);
            }
            if (dataRows == 0) {
                throw UploadRefused.emptyFile("The file has no data rows below the header");
            }
        }
    }

    /** Every data row in memory; for small files and tests. */
    public List<SheetRow> readAll(byte[] xlsx, UploadLimits limits) {
        List<SheetRow> rows = new ArrayList<>();
        read(xlsx, limits, rows::add);
        return rows;
    }

    /** The streaming reader as uploads use it; package-private so a test can check its zip-bomb guard. */
    static Workbook open(InputStream xlsx) {
        return StreamingReader.builder()
                .rowCacheSize(100)
                .bufferSize(8192)
                // Styles tell a date from a number (a date is a date-formatted number); numbers are still
                // read from their stored double, never from their formatted text. styles.xml is one small
                // part, read once, and the zip guard applies to it like to every other.
                .setReadStyles(true)
                // The default opens the package from a temp file through ZipSecureFile, whose guard
                // applies; avoiding temp files would inflate every entry into memory.
                .setAvoidTempFiles(false)
                .open(xlsx);
    }

    /** Walks the rows, turning every failure of the library into a refusal of the file. */
    private final class Cursor implements AutoCloseable {

        private final byte[] xlsx;
        private Workbook workbook;
        private Iterator<Row> rows;
        private Map<String, Integer> columns;

        Cursor(byte[] xlsx) {
            this.xlsx = xlsx;
        }

        SheetRow next() {
            try {
                if (workbook == null) {
                    workbook = open(new ByteArrayInputStream(xlsx));
                    rows = firstSheetRows();
                    columns = header();
                }
                while (rows.hasNext()) {
                    Row row = rows.next();
                    Map<String, String> cells = new LinkedHashMap<>();
                    Map<String, SheetRow.Kind> kinds = new HashMap<>();
                    boolean blank = true;
                    for (String title : titles) {
                        Value value = value(row.getCell(columns.get(title)));
                        blank &= value.text().isEmpty();
                        cells.put(title, value.text());
                        if (value.kind() != null) {
                            kinds.put(title, value.kind());
                        }
                    }
                    if (!blank) {
                        return new SheetRow(row.getRowNum() + 1, cells, kinds);
                    }
                }
                return null;
            } catch (UploadRefused refused) {
                throw refused;
            } catch (RuntimeException e) {
                throw unreadable(e);
            }
        }

        private Iterator<Row> firstSheetRows() {
            if (workbook.getNumberOfSheets() == 0) {
                throw UploadRefused.emptyFile("The workbook has no sheet");
            }
            return workbook.getSheetAt(0).rowIterator();
        }

        private Map<String, Integer> header() {
            if (!rows.hasNext()) {
                throw UploadRefused.emptyFile("The first sheet is empty");
            }
            Row first = rows.next();
            Map<String, String> byComparable = new HashMap<>();
            titles.forEach(title -> byComparable.put(comparable(title), title));
            Map<String, Integer> found = new HashMap<>();
            if (first.getRowNum() == 0) {
                for (Cell cell : first) {
                    String title = byComparable.get(comparable(text(cell)));
                    if (title != null) {
                        // The first of two equally titled columns wins.
                        found.putIfAbsent(title, cell.getColumnIndex());
                    }
                }
            }
            List<String> missing = titles.stream().filter(t -> !found.containsKey(t)).toList();
            if (!missing.isEmpty()) {
                throw UploadRefused.missingColumns(missing);
            }
            return found;
        }

        @Override
        public void close() {
            try {
                if (workbook != null) {
                    workbook.close();
                }
            } catch (IOException | RuntimeException e) {
                // Nothing is left to read; a failing close must not hide the outcome.
            }
        }
    }

    private static UploadRefused unreadable(RuntimeException e) {
        if (XlsxGuard.isZipBomb(e)) {
            return UploadRefused.suspicious("a zip entry inflates far beyond its compressed size", Map.of(), e);
        }
        return UploadRefused.notXlsx("its content could not be read as a workbook", e);
    }

    /** A cell's text and, for a date, boolean or error, its kind (null otherwise). */
    private record Value(String text, SheetRow.Kind kind) {
        static final Value BLANK = new Value("", null);
    }

    static String text(Cell cell) {
        return value(cell).text();
    }

    private static Value value(Cell cell) {
        if (cell == null) {
            return Value.BLANK;
        }
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) {
            type = cell.getCachedFormulaResultType();
        }
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? new Value(date(cell.getLocalDateTimeCellValue()), SheetRow.Kind.DATE)
                    : new Value(number(NumberToTextConverter.toText(cell.getNumericCellValue())), null);
            case STRING -> new Value(trim(cell.getStringCellValue()), null);
            case BOOLEAN -> new Value(cell.getBooleanCellValue() ? "TRUE" : "FALSE", SheetRow.Kind.BOOLEAN);
            case ERROR -> new Value(errorText(cell.getStringCellValue()), SheetRow.Kind.ERROR);
            default -> Value.BLANK;
        };
    }

    /** "2024-03-01", or "2024-03-01 08:30:00" when the date has a time of day. */
    private static String date(LocalDateTime when) {
        if (when == null) {
            return "";
        }
        return when.toLocalTime().toSecondOfDay() == 0 && when.getNano() == 0
                ? when.toLocalDate().toString()
                : when.withNano(0).toString().replace('T', ' ');
    }

    /**
     * The streaming reader gives an error result as "ERROR:  #DIV/0!" (and refuses
     * getErrorCellValue on formula cells): keep what Excel shows.
     */
    private static String errorText(String text) {
        String shown = text.startsWith("ERROR:") ? text.substring("ERROR:".length()) : text;
        return trim(shown);
    }

    /** A number's text in plain notation: "420102.0" → "420102", "1E-07" → "0.0000001". */
    static String number(String raw) {
        String stored = trim(raw);
        if (stored.length() > MAX_RAW_NUMBER_LENGTH) {
            return stored;
        }
        try {
            BigDecimal value = new BigDecimal(stored).stripTrailingZeros();
            // An exponent like 1E+999999 would become a million characters; leave it to be refused.
            if (Math.abs((long) value.scale()) > MAX_RAW_NUMBER_LENGTH) {
                return stored;
            }
            return value.toPlainString();
        } catch (NumberFormatException e) {
            return stored;
        }
    }

    private static String comparable(String title) {
        return trim(Normalizer.normalize(title, Normalizer.Form.NFKC));
    }

    /** Trims ordinary, full-width (U+3000), non-breaking and zero-width spaces. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }
}
