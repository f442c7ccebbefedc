package com.vbp.events.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount or a price in yuan (CNY), exact. Prices keep up to 4 decimals; amounts are
 * rounded to the fen (0.01) half up with {@link #toFen()} where DOMAIN.md says so.
 */
public record Money(BigDecimal yuan) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(yuan, "yuan");
    }

    public static Money of(String yuan) {
        return new Money(new BigDecimal(yuan));
    }

    public Money plus(Money other) {
        return new Money(yuan.add(other.yuan));
    }

    public Money minus(Money other) {
        return new Money(yuan.subtract(other.yuan));
    }

    public Money times(BigDecimal factor) {
        return new Money(yuan.multiply(factor));
    }

    /** Rounded to 0.01 yuan, half up: the rounding DOMAIN.md prescribes for every amount. */
    public Money toFen() {
        return new Money(yuan.setScale(2, RoundingMode.HALF_UP));
    }

    public boolean positive() {
        return yuan.signum() > 0;
    }

    @Override
    public int compareTo(Money o) {
        return yuan.compareTo(o.yuan);
    }

    @Override
    public String toString() {
        return yuan.toPlainString();
    }
}
