package com.vbp.events.common;

/** A quantity in minimum preparation units (片, 粒, 袋, 支…): always a whole number. */
public record Volume(long minUnits) implements Comparable<Volume> {

    public static final Volume ZERO = new Volume(0);

    public static Volume of(long minUnits) {
        return new Volume(minUnits);
    }

    public Volume plus(Volume other) {
        return new Volume(Math.addExact(minUnits, other.minUnits));
    }

    public Volume minus(Volume other) {
        return new Volume(Math.subtractExact(minUnits, other.minUnits));
    }

    public boolean positive() {
        return minUnits > 0;
    }

    @Override
    public int compareTo(Volume o) {
        return Long.compare(minUnits, o.minUnits);
    }

    @Override
    public String toString() {
        return Long.toString(minUnits);
    }
}
