package com.vbp.events.common;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A volume expressed in a pending line's units (列表已分配量 = C / U_pe × U_d): exact and possibly
 * fractional, because it converts one product's min units into another's by daily usage.
 */
public record AllocatedVolume(BigDecimal minUnits) implements Comparable<AllocatedVolume> {

    public static final AllocatedVolume ZERO = new AllocatedVolume(BigDecimal.ZERO);

    public AllocatedVolume {
        Objects.requireNonNull(minUnits, "minUnits");
    }

    public AllocatedVolume plus(AllocatedVolume other) {
        return new AllocatedVolume(minUnits.add(other.minUnits));
    }

    @Override
    public int compareTo(AllocatedVolume o) {
        return minUnits.compareTo(o.minUnits);
    }

    @Override
    public String toString() {
        return minUnits.toPlainString();
    }
}
