package com.vbp.gateway.excel;

/**
 * How much an upload may hold (FILES.md: default 20 MiB and 200,000 rows).
 *
 * @param maxBytes             size of the xlsx file itself
 * @param maxRows              data rows, the header not counted
 * @param maxUncompressedBytes all zip entries together once inflated; an xlsx is a zip, and this
 *                             bounds the work a small file can cause even when each entry's inflate
 *                             ratio looks harmless to POI's zip-bomb guard
 */
public record UploadLimits(long maxBytes, int maxRows, long maxUncompressedBytes) {

    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final int DEFAULT_MAX_ROWS = 200_000;
    /**
     * A legitimate 200,000-row catalogue written with inline strings is about 250 MB of sheet XML;
     * 512 MiB leaves room for that and still stops a bomb long before it hurts.
     */
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 512L * 1024 * 1024;

    public UploadLimits {
        if (maxBytes <= 0 || maxRows <= 0 || maxUncompressedBytes <= 0) {
            throw new IllegalArgumentException("upload limits must be positive");
        }
    }

    public UploadLimits(long maxBytes, int maxRows) {
        this(maxBytes, maxRows, DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    public static UploadLimits defaults() {
        return new UploadLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS, DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    public UploadLimits withMaxBytes(long bytes) {
        return new UploadLimits(bytes, maxRows, maxUncompressedBytes);
    }

    public UploadLimits withMaxRows(int rows) {
        return new UploadLimits(maxBytes, rows, maxUncompressedBytes);
    }

    public UploadLimits withMaxUncompressedBytes(long bytes) {
        return new UploadLimits(maxBytes, maxRows, bytes);
    }
}
