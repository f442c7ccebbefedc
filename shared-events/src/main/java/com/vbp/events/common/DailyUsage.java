package com.vbp.events.common;

import java.math.BigDecimal;
import java.util.Objects;

/** 日均使用量: minimum units used per day, a positive decimal. */
public record DailyUsage(BigDecimal minUnitsPerDay) {

    public DailyUsage {
        Objects.requireNonNull(minUnitsPerDay, "minUnitsPerDay");
    }

    public static DailyUsage of(String value) {
        return new DailyUsage(new BigDecimal(value));
    }

    @Override
    public String toString() {
        return minUnitsPerDay.toPlainString();
    }
}
