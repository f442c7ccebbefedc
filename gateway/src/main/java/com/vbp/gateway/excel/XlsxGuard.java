package com.vbp.gateway.excel;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The file-level checks made before any row is read (FILES.md): size, "is it an xlsx at all", and
 * zip-bomb defence. The whole zip is inflated once, into nothing, through POI's own guard stream
 * ({@link ZipArchiveThresholdInputStream}, i.e. {@link ZipSecureFile}'s minimum inflate ratio and
 * maximum entry size) while the inflated bytes of all entries are counted against
 * {@link UploadLimits#maxUncompressedBytes()}. The real read goes through POI's guard again, but this
 * pass makes the defence independent of how the streaming reader opens the package.
 */
final class XlsxGuard {

    private static final int BUFFER = 64 * 1024;

    private XlsxGuard() {
    }

    /** Reads the upload into memory, refusing it as soon as it passes the byte limit. */
    static byte[] readAll(InputStream in, long maxBytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[BUFFER];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    // Keep counting without keeping, so the refusal can say how large the file was;
                    // the web layer's own request size limit bounds this.
                    long actual = total + in.transferTo(OutputStream.nullOutputStream());
                    throw UploadRefused.fileTooLarge(maxBytes, actual);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the upload", e);
        }
    }

    static void check(byte[] file, UploadLimits limits) {
        if (file.length == 0) {
            throw UploadRefused.emptyFile("The file is empty (0 bytes)");
        }
        if (file.length > limits.maxBytes()) {
            throw UploadRefused.fileTooLarge(limits.maxBytes(), file.length);
        }
        FileMagic magic = FileMagic.valueOf(file);
        if (magic == FileMagic.OLE2) {
            // Both an Excel 97-2003 .xls and a password-protected .xlsx are OLE2 containers.
            throw UploadRefused.notXlsx("it is an Excel 97-2003 (.xls) or password-protected workbook; "
                    + "save it as .xlsx without a password");
        }
        if (magic != FileMagic.OOXML) {
            throw UploadRefused.notXlsx("its content is not an Office Open XML (zip) file");
        }
        inflateEverything(file, limits.maxUncompressedBytes());
    }

    private static void inflateEverything(byte[] file, long maxUncompressed) {
        try (ZipFile zip = ZipFile.builder().setByteArray(file).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            if (entries.size() > ZipSecureFile.getMaxFileCount()) {
                throw UploadRefused.suspicious("it holds " + entries.size() + " zip entries",
                        Map.of("entries", entries.size(), "limitEntries", ZipSecureFile.getMaxFileCount()));
            }
            long declared = entries.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
            if (declared > maxUncompressed) {
                throw tooMuchData(maxUncompressed);
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
                            throw tooMuchData(maxUncompressed);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UploadRefused refused) {
                throw refused;
            }
            if (isZipBomb(e)) {
                throw UploadRefused.suspicious("a zip entry inflates far beyond its compressed size",
                        Map.of("minInflateRatio", ZipSecureFile.getMinInflateRatio()), e);
            }
            throw UploadRefused.notXlsx("the zip content is damaged or uses an unsupported compression", e);
        }
    }

    private static UploadRefused tooMuchData(long maxUncompressed) {
        return UploadRefused.suspicious("it expands to more than " + maxUncompressed + " bytes",
                Map.of("limitUncompressedBytes", maxUncompressed));
    }

    /**
     * POI signals its zip-bomb guard with plain IOExceptions, often wrapped by the XML parser and the
     * streaming reader; the messages are the only mark ("Zip bomb detected!", "potentially malicious").
     */
    static boolean isZipBomb(Throwable failure) {
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
