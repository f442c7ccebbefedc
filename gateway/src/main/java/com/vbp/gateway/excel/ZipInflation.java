package com.vbp.gateway.excel;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;

/**
 * The zip-bomb defence of every uploaded zip (an xlsx upload, an appeal's Office evidence): the whole zip is
 * inflated once, into nothing, through POI's own guard stream ({@link ZipArchiveThresholdInputStream}, i.e.
 * {@link ZipSecureFile}'s minimum inflate ratio and maximum entry size, and its maximum entry count) while the
 * inflated bytes of all entries are counted against the caller's limit. It says why a zip fails; each caller
 * words its own refusal with its own code and figures.
 */
public final class ZipInflation {

    private static final int BUFFER = 64 * 1024;

    private ZipInflation() {
    }

    /** Why a zip failed the check. */
    public enum Reason {
        /** more entries than {@link ZipSecureFile#getMaxFileCount()} */
        TOO_MANY_ENTRIES,
        /** more inflated bytes, declared or real, than the caller's limit */
        TOO_MUCH_DATA,
        /** an entry inflates beyond POI's ratio or entry size */
        ZIP_BOMB,
        /** not a readable zip (damaged, or an unsupported compression) */
        DAMAGED
    }

    /** A zip that failed; checked, so no caller forgets to word it. {@code entries} is set for TOO_MANY_ENTRIES. */
    public static final class Failure extends Exception {

        private final Reason reason;
        private final int entries;

        Failure(Reason reason, int entries, Throwable cause) {
            super(reason.name(), cause);
            this.reason = reason;
            this.entries = entries;
        }

        public Reason reason() {
            return reason;
        }

        public int entries() {
            return entries;
        }
    }

    /** Opens the zip to check; it is closed by the check. */
    @FunctionalInterface
    public interface Opener {
        ZipFile open() throws IOException;
    }

    public static void inflateEverything(Opener opener, long maxUncompressed) throws Failure {
        try (ZipFile zip = opener.open()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            if (entries.size() > ZipSecureFile.getMaxFileCount()) {
                throw new Failure(Reason.TOO_MANY_ENTRIES, entries.size(), null);
            }
            long declared = entries.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
            if (declared > maxUncompressed) {
                throw new Failure(Reason.TOO_MUCH_DATA, entries.size(), null);
            }
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            for (ZipArchiveEntry entry : entries) {
                // Sizes in the zip directory can lie: count what actually comes out.
                try (InputStream in = new ZipArchiveThresholdInputStream(zip.getInputStream(entry))) {
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        total += n;
                        if (total > maxUncompressed) {
                            throw new Failure(Reason.TOO_MUCH_DATA, entries.size(), null);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new Failure(isZipBomb(e) ? Reason.ZIP_BOMB : Reason.DAMAGED, 0, e);
        }
    }

    /**
     * POI signals its zip-bomb guard with plain IOExceptions, often wrapped by the XML parser and the
     * streaming reader; the messages are the only mark ("Zip bomb detected!", "potentially malicious").
     */
    public static boolean isZipBomb(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null && (message.contains("Zip bomb detected") || message.contains("potentially malicious"))) {
                return true;
            }
        }
        return false;
    }
}
