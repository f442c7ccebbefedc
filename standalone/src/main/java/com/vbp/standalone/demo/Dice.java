package com.vbp.standalone.demo;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The generator's only source of chance: one seeded {@link SplittableRandom}. Every draw goes
 * through {@code nextLong()} (SplitMix64, unchanged since Java 8) rather than the bounded default
 * methods of {@link RandomGenerator}, so a seed gives the same data byte for byte on any JDK.
 */
final class Dice {

    private final RandomGenerator random;

    Dice(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A whole number from {@code low} to {@code high}, both included. */
    long between(long low, long high) {
        return low + Math.floorMod(random.nextLong(), high - low + 1);
    }

    int between(int low, int high) {
        return (int) between((long) low, high);
    }

    /** True with the given probability in percent. */
    boolean chance(int percent) {
        return between(0, 99) < percent;
    }

    <T> T pick(List<T> items) {
        return items.get(between(0, items.size() - 1));
    }

    /** Moves {@code count} distinct, randomly chosen elements to the front of {@code items} (partial Fisher–Yates). */
    void shuffleFront(int[] items, int count) {
        for (int i = 0; i < count; i++) {
            int j = between(i, items.length - 1);
            int t = items[i];
            items[i] = items[j];
            items[j] = t;
        }
    }
}
