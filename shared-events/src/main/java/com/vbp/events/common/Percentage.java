package com.vbp.events.common;

import java.math.BigDecimal;
import java.util.Objects;

/** A percentage from 0 to 100, e.g. a price reduction (降幅). */
public record Percentage(BigDecimal percent) implements Comparable<Percentage> {

    public Percentage {
        Objects.requireNonNull(percent, "percent");
    }

    public static Percentage of(String value) {
        return new Percentage(new BigDecimal(value));
    }

    @Override
    public int compareTo(Percentage o) {
        return percent.compareTo(o.percent);
    }

    @Override
    public String toString() {
        return percent.toPlainString();
    }
}
