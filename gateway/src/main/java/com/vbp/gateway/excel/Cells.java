package com.vbp.gateway.excel;

import com.vbp.events.common.District;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the typed values of one {@link SheetRow}, collecting a {@link RowProblem} for every bad cell
 * instead of throwing, so that one upload reports every bad row at once. Numbers are read exactly,
 * as {@link BigDecimal}, from numeric cells (the number Excel shows, see {@link SheetReader}) and from
 * text cells holding a number (" 12 ", "1,200"); a date, TRUE/FALSE or an error value is no number
 * and is named as such. A getter returns null when the cell is bad; the caller then leaves the row
 * out of the command and sends the problems with it, for the domain to answer with its own.
 */
public final class Cells {

    /** Past 15 integer digits a value is no quantity or price of this domain (and costs to compute). */
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final int MAX_NUMBER_LENGTH = 50;
    private static final int MAX_TEXT_LENGTH = 500;
    /** Thousands separators as other systems export them: 1,200 or 12,345.67. */
    private static final Pattern GROUPED = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    private final SheetRow row;
    private final List<RowProblem> problems;
    private final int problemsBefore;

    /** @param problems the file's list of problems; this row's are added to it */
    public Cells(SheetRow row, List<RowProblem> problems) {
        this.row = row;
        this.problems = problems;
        this.problemsBefore = problems.size();
    }

    public int rowNumber() {
        return row.rowNumber();
    }

    /** True when this row has a problem so far. */
    public boolean hasProblems() {
        return problems.size() > problemsBefore;
    }

    public boolean isBlank(String title) {
        return row.isBlank(title);
    }

    public void problem(String title, RowCode code, String message) {
        problems.add(new RowProblem(row.rowNumber(), title, code, message));
    }

    /** Required text; null (and "missing") when blank. */
    public String text(String title) {
        if (row.isBlank(title)) {
            problem(title, RowCode.MISSING, "missing");
            return null;
        }
        return optionalText(title);
    }

    /**
     * 所属区县, which FILES.md allows as a code or a name: a name the district table knows (江岸区) is read as its
     * code (420102), so that the institution lands in its bureau's district whichever way the file wrote it.
     * Any other text is kept as given (a district outside the table is still a district).
     */
    public String district(String title) {
        String text = text(title);
        return text == null ? null : District.byCodeOrName(text).map(District::code).orElse(text);
    }

    /** Text that may be left blank: null when blank. */
    public String optionalText(String title) {
        String text = row.text(title);
        if (text.isEmpty()) {
            return null;
        }
        if (row.kind(title) == SheetRow.Kind.ERROR) {
            cellError(title, text);
            return null;
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            problem(title, RowCode.TOO_LONG, "too long (at most " + MAX_TEXT_LENGTH + " characters)");
            return null;
        }
        if (text.codePoints().anyMatch(Cells::invisible)) {
            problem(title, RowCode.CONTROL_CHARACTER, "holds a control or text-direction character that cannot be "
                    + "seen (such as U+0000 or U+202E): retype the text");
            return null;
        }
        return text;
    }

    /**
     * Control characters but tab and line breaks (Alt+Enter in a cell), and the bidirectional overrides that make
     * one code look like another on screen.
     */
    private static boolean invisible(int c) {
        return Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r'
                || c == '\u200E' || c == '\u200F' || c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    private void cellError(String title, String shown) {
        problem(title, RowCode.CELL_ERROR, "the cell shows the error " + shown + ": correct the formula or "
                + "enter the value");
    }

    /** A required whole number within the range. */
    public Long whole(String title, Range range) {
        BigDecimal value = number(title);
        if (value == null) {
            return null;
        }
        if (value.scale() > 0) {
            problem(title, RowCode.NOT_WHOLE, "must be a whole number");
            return null;
        }
        if (!range.contains(value)) {
            problem(title, RowCode.OUT_OF_RANGE, range.rule());
            return null;
        }
        return value.longValueExact();
    }

    /** A required whole number within the range that also fits an int. */
    public Integer wholeInt(String title, Range range) {
        Long value = whole(title, range);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            problem(title, RowCode.OUT_OF_RANGE, "too large");
            return null;
        }
        return value.intValue();
    }

    /** A required decimal within the range, with at most {@code maxPlaces} decimal places. */
    public BigDecimal decimal(String title, Range range, int maxPlaces) {
        BigDecimal value = number(title);
        if (value == null) {
            return null;
        }
        if (!range.contains(value)) {
            problem(title, RowCode.OUT_OF_RANGE, range.rule());
            return null;
        }
        if (value.scale() > maxPlaces) {
            problem(title, RowCode.TOO_MANY_DECIMALS, "at most " + maxPlaces + " decimal places");
            return null;
        }
        return value;
    }

    /** Like {@link #decimal} but a blank cell is allowed: null, without a problem. */
    public BigDecimal optionalDecimal(String title, Range range, int maxPlaces) {
        return row.isBlank(title) ? null : decimal(title, range, maxPlaces);
    }

    /**
     * The cell as an exact number without trailing zeros, never in exponent form: "12.50" → 12.5,
     * "100" → 100. Null and a problem when missing, a date, a boolean, an error, not a number or absurdly large.
     */
    private BigDecimal number(String title) {
        String text = row.text(title);
        if (text.isEmpty()) {
            problem(title, RowCode.MISSING, "missing");
            return null;
        }
        SheetRow.Kind kind = row.kind(title);
        if (kind == SheetRow.Kind.DATE) {
            problem(title, RowCode.DATE_NOT_NUMBER, "a date (" + text + "), not a number: format the cell as "
                    + "a number");
            return null;
        }
        if (kind == SheetRow.Kind.BOOLEAN) {
            problem(title, RowCode.BOOLEAN_NOT_NUMBER, "a boolean (" + text + "), not a number");
            return null;
        }
        if (kind == SheetRow.Kind.ERROR) {
            cellError(title, text);
            return null;
        }
        if (text.length() > MAX_NUMBER_LENGTH) {
            problem(title, RowCode.NOT_A_NUMBER, "not a number");
            return null;
        }
        if (GROUPED.matcher(text).matches()) {
            text = text.replace(",", "");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text).stripTrailingZeros();
        } catch (NumberFormatException e) {
            problem(title, RowCode.NOT_A_NUMBER, "not a number");
            return null;
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            problem(title, RowCode.OUT_OF_RANGE, value.signum() < 0 ? "too small" : "too large");
            return null;
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /**
     * The range a number must be in. {@code min} is exclusive when {@code minExclusive}; {@code max}
     * is inclusive, or null for none.
     */
    public record Range(BigDecimal min, boolean minExclusive, BigDecimal max) {

        public static final Range GREATER_THAN_ZERO = new Range(BigDecimal.ZERO, true, null);
        public static final Range AT_LEAST_ZERO = new Range(BigDecimal.ZERO, false, null);

        public static Range between(long min, long max) {
            return new Range(BigDecimal.valueOf(min), false, BigDecimal.valueOf(max));
        }

        public boolean contains(BigDecimal value) {
            int vsMin = value.compareTo(min);
            if (minExclusive ? vsMin <= 0 : vsMin < 0) {
                return false;
            }
            return max == null || value.compareTo(max) <= 0;
        }

        /** The rule as a message: "must be greater than 0", "must be between 0 and 100"… */
        public String rule() {
            String low = min.toPlainString();
            if (max == null) {
                return minExclusive ? "must be greater than " + low : "must be at least " + low;
            }
            String high = max.toPlainString();
            return minExclusive
                    ? "must be greater than " + low + " and at most " + high
                    : "must be between " + low + " and " + high;
        }
    }
}
