package com.vbp.gateway.excel;

import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The file-level checks made before any row is read (FILES.md): size, "is it an xlsx at all", and
 * zip-bomb defence ({@link ZipInflation}, against {@link UploadLimits#maxUncompressedBytes()}). The real
 * read goes through POI's guard again, but this pass makes the defence independent of how the streaming
 * reader opens the package.
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
        try {
            ZipInflation.inflateEverything(() -> ZipFile.builder().setByteArray(file).get(), maxUncompressed);
        } catch (ZipInflation.Failure f) {
            throw switch (f.reason()) {
                case TOO_MANY_ENTRIES -> UploadRefused.suspicious("it holds " + f.entries() + " zip entries",
                        Map.of("entries", f.entries(), "limitEntries", ZipSecureFile.getMaxFileCount()));
                case TOO_MUCH_DATA -> tooMuchData(maxUncompressed);
                case ZIP_BOMB -> UploadRefused.suspicious("a zip entry inflates far beyond its compressed size",
                        Map.of("minInflateRatio", ZipSecureFile.getMinInflateRatio()), f.getCause());
                case DAMAGED -> UploadRefused.notXlsx("the zip content is damaged or uses an unsupported compression",
                        f.getCause());
            };
        }
    }

    private static UploadRefused tooMuchData(long maxUncompressed) {
        return UploadRefused.suspicious("it expands to more than " + maxUncompressed + " bytes",
                Map.of("limitUncompressedBytes", maxUncompressed));
    }
}
