package com.vbp.gateway.benchmark;

import java.util.Arrays;

/** Latencies of one thread (nanoseconds), merged after the run and read as percentiles in milliseconds. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    static Samples merge(Iterable<Samples> all) {
        Samples merged = new Samples();
        for (Samples s : all) {
            for (int i = 0; i < s.size; i++) {
                merged.add(s.values[i]);
            }
        }
        Arrays.sort(merged.values, 0, merged.size);
        return merged;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100, nearest rank) in milliseconds of merged samples; NaN when none. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * size);
        return values[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }
}
