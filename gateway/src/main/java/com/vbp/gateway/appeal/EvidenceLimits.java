package com.vbp.gateway.appeal;

/**
 * How much evidence an appeal may carry ({@code app.appeals.evidence.*}).
 *
 * @param maxFiles             files per appeal (10)
 * @param maxFileBytes         bytes per file (10 MiB)
 * @param maxUncompressedBytes all entries of a zip-based file (xlsx, docx) once inflated (100 MiB): bounds the
 *                             work a small file can cause when POI's inflate-ratio guard alone would let it pass
 */
public record EvidenceLimits(int maxFiles, long maxFileBytes, long maxUncompressedBytes) {

    public static final int DEFAULT_MAX_FILES = 10;
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 100L * 1024 * 1024;

    public EvidenceLimits {
        if (maxFiles < 0 || maxFileBytes <= 0 || maxUncompressedBytes <= 0) {
            throw new IllegalArgumentException("evidence limits must be positive");
        }
    }

    public static EvidenceLimits defaults() {
        return new EvidenceLimits(DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }
}
