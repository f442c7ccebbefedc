package com.vbp.command.common;

import java.math.BigDecimal;

/** Small value checks shared by the aggregates' rules. */
public final class Checks {

    private Checks() {
    }

    public static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public static boolean positive(BigDecimal d) {
        return d != null && d.signum() > 0;
    }

    /** At most {@code places} digits after the decimal point, ignoring trailing zeros. */
    public static boolean hasAtMostDecimals(BigDecimal d, int places) {
        return d.stripTrailingZeros().scale() <= places;
    }

    public static boolean between(BigDecimal d, BigDecimal low, BigDecimal high) {
        return d != null && d.compareTo(low) >= 0 && d.compareTo(high) <= 0;
    }
}
