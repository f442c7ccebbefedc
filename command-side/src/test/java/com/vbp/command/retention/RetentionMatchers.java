package com.vbp.command.retention;

import com.vbp.command.common.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.math.BigDecimal;
import java.util.Map;

/** A refusal with its code and some of its figures (numbers compared by value, whatever their type). */
final class RetentionMatchers {

    private RetentionMatchers() {
    }

    static Matcher<Object> refused(String code, Map<String, ?> figures) {
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
