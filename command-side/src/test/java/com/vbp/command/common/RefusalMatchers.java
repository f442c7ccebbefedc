package com.vbp.command.common;

import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Hamcrest matchers on a {@link RuleViolation}: its refusal code and, for uploads, exactly which
 * (row, column, row code) triples were named. Use with {@code expectException(...)} of a test fixture or with
 * {@code assertThat} on a caught violation.
 */
public final class RefusalMatchers {

    private RefusalMatchers() {
    }

    /** A RuleViolation whose refusal has this code. */
    public static Matcher<Object> violation(String code) {
        return new TypeSafeDiagnosingMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item, Description mismatch) {
                if (!(item instanceof RuleViolation v)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                if (!code.equals(v.refusal().code())) {
                    mismatch.appendText("code was ").appendValue(v.refusal().code())
                            .appendText(" (").appendText(v.getMessage()).appendText(")");
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation with code ").appendValue(code);
            }
        };
    }

    /**
     * A RuleViolation with code INVALID_ROWS naming exactly these problems (in any order), each
     * matched on row, column and code, and on a message fragment where one is given.
     */
    public static Matcher<Object> invalidRows(Problem... expected) {
        return new TypeSafeDiagnosingMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item, Description mismatch) {
                if (!(item instanceof RuleViolation v)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                if (!"INVALID_ROWS".equals(v.refusal().code())) {
                    mismatch.appendText("code was ").appendValue(v.refusal().code())
                            .appendText(" (").appendText(v.getMessage()).appendText(")");
                    return false;
                }
                List<RowProblem> rows = v.refusal().rows();
                boolean ok = rows.size() == expected.length
                        && Arrays.stream(expected).allMatch(p -> rows.stream().anyMatch(p::matches));
                if (!ok) {
                    mismatch.appendText("rows were ").appendValue(rows);
                }
                return ok;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation INVALID_ROWS naming exactly ")
                        .appendValue(Arrays.asList(expected));
            }
        };
    }

    /** An expected row problem: row, column title, its code and optionally a fragment of its message. */
    public static Problem problem(int row, String column, RowCode code) {
        return new Problem(row, column, code, null);
    }

    public static Problem problem(int row, String column, RowCode code, String messageFragment) {
        return new Problem(row, column, code, messageFragment);
    }

    public record Problem(int row, String column, RowCode code, String messageFragment) {

        public boolean matches(RowProblem p) {
            return p.row() == row && column.equals(p.column()) && code == p.code()
                    && (messageFragment == null || (p.message() != null && p.message().contains(messageFragment)));
        }

        @Override
        public String toString() {
            return "row " + row + " / " + column + " " + code
                    + (messageFragment == null ? "" : " ~ '" + messageFragment + "'");
        }
    }

    /** A refusal with its code and some of its figures (numbers compared by value, whatever their type). */
    public static Matcher<Object> refused(String code, Map<String, ?> figures) {
        return new TypeSafeDiagnosingMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object item, Description mismatch) {
                if (!(item instanceof RuleViolation v)) {
                    mismatch.appendText("was ").appendValue(item);
                    return false;
                }
                Map<String, Object> actual = v.refusal().figures();
                boolean ok = code.equals(v.code()) && figures.entrySet().stream()
                        .allMatch(e -> same(e.getValue(), actual.get(e.getKey())));
                if (!ok) {
                    mismatch.appendText("was ").appendValue(v.code()).appendText(" with ").appendValue(actual);
                }
                return ok;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation ").appendValue(code).appendText(" with ").appendValue(figures);
            }
        };
    }

    private static boolean same(Object expected, Object actual) {
        if (actual == null) {
            return expected == null;
        }
        if (expected instanceof Number || actual instanceof Number) {
            try {
                return new BigDecimal(expected.toString()).compareTo(new BigDecimal(actual.toString())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return expected.equals(actual);
    }
}
