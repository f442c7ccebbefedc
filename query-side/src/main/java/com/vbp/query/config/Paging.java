package com.vbp.query.config;

/** Page bounds shared by every list: page from 0, size from 1 to 500 (API.md). */
public final class Paging {

    public static final int MAX_SIZE = 500;

    private Paging() {
    }

    public static int size(int requested) {
        return requested <= 0 ? 20 : Math.min(requested, MAX_SIZE);
    }

    public static int page(int requested) {
        return Math.max(0, requested);
    }
}
