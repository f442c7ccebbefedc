package com.vbp.gateway.appeal;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.excel.ZipInflation;
import com.vbp.gateway.problem.Refused;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks on an appeal's evidence files, all made before anything is stored: how many, how large, the
 * file name, and the kind of content. The kind is detected from the bytes (Apache Tika's magic numbers; the
 * name is not consulted), so a renamed executable or a text file named {@code .pdf} is refused. A zip-based
 * file is opened as an Office Open XML package (POI's {@link OPCPackage}, through POI's zip-bomb guard
 * {@link ZipSecureFile}) and its main part's content type tells a workbook from a Word document from any
 * other zip. The name's extension must then name the kind found, so the file downloads under a name that
 * opens it. Every refusal names the file (its name and its 1-based position) and the figures that applied.
 */
public final class EvidenceInspector {

    static final int MAX_NAME_LENGTH = 200;

    private static final MediaType ZIP = MediaType.application("zip");
    private static final String XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String DOCX_MAIN =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    private static final int BUFFER = 64 * 1024;

    private final EvidenceLimits limits;
    private final MimeTypes mimeTypes = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();

    public EvidenceInspector(EvidenceLimits limits) {
        this.limits = limits;
    }

    public EvidenceLimits limits() {
        return limits;
    }

    /** Opens the upload's content; may be called more than once. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** One uploaded file as the client sent it. */
    public record Upload(String name, long size, Content content) {
    }

    /** A file that passed every check: its cleaned name, its size and the kind of its content. */
    public record Inspected(int position, String name, long size, EvidenceType type, Upload upload) {
    }

    /** Checks every file, in order; the first bad one refuses them all. */
    public List<Inspected> inspect(List<Upload> uploads) {
        if (uploads.size() > limits.maxFiles()) {
            throw refused(RefusalCode.TOO_MANY_FILES, "An appeal may carry at most " + limits.maxFiles()
                    + " evidence files, not "
                    + uploads.size(), figures("limitFiles", limits.maxFiles(), "actualFiles", uploads.size()));
        }
        List<Inspected> checked = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            checked.add(inspect(i + 1, uploads.get(i)));
        }
        return checked;
    }

    Inspected inspect(int position, Upload upload) {
        String name = cleanName(position, upload.name());
        if (upload.size() <= 0) {
            throw refused(RefusalCode.EMPTY_FILE, "Evidence file " + position + " (" + name + ") is empty (0 bytes)",
                    file(position, name));
        }
        if (upload.size() > limits.maxFileBytes()) {
            Map<String, Object> f = file(position, name);
            f.put("limitBytes", limits.maxFileBytes());
            f.put("actualBytes", upload.size());
            throw refused(RefusalCode.FILE_TOO_LARGE, "Evidence file " + position + " (" + name + ") has "
                    + upload.size() + " bytes, more than the limit of " + limits.maxFileBytes(), f);
        }
        EvidenceType type = detect(position, name, upload);
        EvidenceType named = EvidenceType.byName(name).orElse(null);
        if (named != type) {
            Map<String, Object> f = file(position, name);
            f.put("detectedType", type.mediaType());
            f.put("expectedExtensions", type.extensions());
            throw refused(RefusalCode.FILE_TYPE_MISMATCH, "Evidence file " + position + " (" + name + ") is a "
                    + type.label() + " but its name does not end in ." + String.join(" or .", type.extensions())
                    + "; rename it (or attach the file you meant)", f);
        }
        return new Inspected(position, name, upload.size(), type, upload);
    }

    /** The name without any directory a browser may have sent; no control characters, at most 200 characters. */
    static String cleanName(int position, String submitted) {
        String name = submitted == null ? "" : submitted.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        boolean control = name.codePoints().anyMatch(Character::isISOControl);
        if (name.isEmpty() || control || name.length() > MAX_NAME_LENGTH) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("position", position);
            f.put("file", submitted == null ? "" : submitted);
            f.put("maxLength", MAX_NAME_LENGTH);
            throw refused(RefusalCode.INVALID_FILE_NAME, "Evidence file " + position + " needs a file name of 1 to "
                    + MAX_NAME_LENGTH + " characters without control characters", f);
        }
        return name;
    }

    private EvidenceType detect(int position, String name, Upload upload) {
        MediaType detected;
        try (InputStream in = new BufferedInputStream(upload.content().open(), BUFFER)) {
            detected = mimeTypes.detect(in, new Metadata()).getBaseType();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read evidence file " + position, e);
        }
        switch (detected.toString()) {
            case "application/pdf":
                return EvidenceType.PDF;
            case "image/jpeg":
                return EvidenceType.JPEG;
            case "image/png":
                return EvidenceType.PNG;
            default:
                break;
        }
        if (detected.equals(ZIP) || registry.isSpecializationOf(detected, ZIP)) {
            return officeType(position, name, upload);
        }
        throw unsupported(position, name, detected.toString());
    }

    /** A zip: which Office Open XML document it is, if any, by its main part's content type. */
    private EvidenceType officeType(int position, String name, Upload upload) {
        Path copy = null;
        try {
            copy = Files.createTempFile("evidence-", ".zip");
            try (InputStream in = upload.content().open()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            inflateEverything(position, name, copy);
            String main = mainPartType(copy);
            if (XLSX_MAIN.equals(main)) {
                return EvidenceType.XLSX;
            }
            if (DOCX_MAIN.equals(main)) {
                return EvidenceType.DOCX;
            }
            throw unsupported(position, name, main == null ? ZIP.toString() : main);
        } catch (IOException e) {
            throw new UncheckedIOException("could not inspect evidence file " + position, e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file the JVM's temp directory cleanup will meet
                }
            }
        }
    }

    /**
     * Inflates every entry once, into nothing, through POI's guard (minimum inflate ratio, maximum entry size),
     * counting the bytes against {@link EvidenceLimits#maxUncompressedBytes()}: a file that is stored may later
     * be opened by a reviewer's Office, so a bomb is refused here even in parts the type check never reads.
     */
    private void inflateEverything(int position, String name, Path zipFile) {
        try {
            ZipInflation.inflateEverything(() -> ZipFile.builder().setFile(zipFile.toFile()).get(),
                    limits.maxUncompressedBytes());
        } catch (ZipInflation.Failure f) {
            throw switch (f.reason()) {
                case TOO_MANY_ENTRIES -> suspicious(position, name, "it holds " + f.entries() + " zip entries");
                case TOO_MUCH_DATA -> suspicious(position, name, "it expands to more than "
                        + limits.maxUncompressedBytes() + " bytes");
                case ZIP_BOMB -> suspicious(position, name, "a zip entry inflates far beyond its compressed size");
                case DAMAGED -> unsupported(position, name,
                        "application/zip (damaged or with an unsupported compression)");
            };
        }
    }

    /** The content type of the package's main part (officeDocument relationship), null when it has none. */
    private static String mainPartType(Path zipFile) {
        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(zipFile.toFile(), PackageAccess.READ);
            PackageRelationshipCollection rels = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
            if (rels.isEmpty()) {
                rels = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
            }
            if (rels.isEmpty()) {
                return null;
            }
            PackagePart main = pkg.getPart(rels.getRelationship(0));
            return main == null ? null : main.getContentType();
        } catch (InvalidFormatException | OpenXML4JRuntimeException | IllegalArgumentException e) {
            // a zip, but not an Office Open XML package (IllegalArgumentException: POI's NotOfficeXmlFileException)
            return null;
        } finally {
            if (pkg != null) {
                pkg.revert();
            }
        }
    }

    private static Refused unsupported(int position, String name, String detected) {
        Map<String, Object> f = file(position, name);
        f.put("detectedType", detected);
        f.put("allowedTypes", List.of("pdf", "jpeg", "png", "xlsx", "docx"));
        return refused(RefusalCode.UNSUPPORTED_FILE_TYPE, "Evidence file " + position + " (" + name + ") is " + detected
                + " by its content; only PDF, JPEG, PNG, Excel (.xlsx) and Word (.docx) files are accepted", f);
    }

    private static Refused suspicious(int position, String name, String why) {
        return refused(RefusalCode.SUSPICIOUS_FILE, "Evidence file " + position + " (" + name
                + ") was refused because it expands suspiciously: " + why, file(position, name));
    }

    private static Map<String, Object> file(int position, String name) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("position", position);
        f.put("file", name);
        return f;
    }

    private static Map<String, Object> figures(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(k1, v1);
        f.put(k2, v2);
        return f;
    }

    private static Refused refused(RefusalCode code, String message, Map<String, Object> figures) {
        return new Refused(new Refusal(code, message, figures, List.of()));
    }
}
