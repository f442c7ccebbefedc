package com.vbp.standalone.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The backup archive's format, one home for the backup and the restore: a zip with one entry per store file
 * ({@link Part}) and {@value #MANIFEST}, written last, which makes a zip a backup of this service. A part's place in
 * the data directory is fixed here, never read from the archive, so an archive cannot write outside its target.
 */
public final class BackupArchive {

    public static final String MANIFEST = "backup.json";
    public static final int FORMAT = 1;
    static final String SUFFIX = ".zip";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private BackupArchive() {
    }

    /** The files of a data directory a backup holds, with the entry names H2's own backups give them. */
    public enum Part {
        READ_MODELS("readmodels.mv", "readmodels/readmodels.mv", true),
        EVENTS("events.mv.db", "events/events.mv.db", true),
        /** Absent when the tokens are signed with {@code app.security.jwt-secret} instead of a generated key. */
        TOKEN_KEY("jwt.key", "jwt.key", false);

        private final String entry;
        private final String path;
        private final boolean required;

        Part(String entry, String path, boolean required) {
            this.entry = entry;
            this.path = path;
            this.required = required;
        }

        public String entry() {
            return entry;
        }

        /** Where it goes, relative to {@code app.data-dir}. */
        public Path in(Path dataDir) {
            return dataDir.resolve(path);
        }

        public boolean required() {
            return required;
        }
    }

    /**
     * What {@value #MANIFEST} says: {@code eventPosition} is the event store's head read just before its copy, so
     * every event up to it is in the backup; {@code durationMillis} is how long the copies took.
     */
    public record Manifest(int format, String name, String createdAt, long eventPosition, long durationMillis,
                           List<Part> parts) {
    }

    static byte[] write(Manifest manifest) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manifest of an open archive, empty when it has none or one this service cannot read. */
    static Optional<Manifest> manifest(ZipFile zip) {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            return Optional.empty();
        }
        try (var in = zip.getInputStream(entry)) {
            Manifest manifest = JSON.readValue(in, Manifest.class);
            return manifest.format() == FORMAT && manifest.parts() != null ? Optional.of(manifest) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
