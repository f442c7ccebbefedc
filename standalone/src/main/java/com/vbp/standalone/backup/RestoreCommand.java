package com.vbp.standalone.backup;

import com.vbp.standalone.backup.BackupArchive.Manifest;
import com.vbp.standalone.backup.BackupArchive.Part;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code java -jar vbp-standalone-exec.jar --restore=<archive> --app.data-dir=<fresh directory>}: unpacks a backup
 * ({@link BackupArchive}) into a data directory that is empty or does not exist yet, without starting the service.
 * Every part is checked against the zip's own checksum and size as it is written; a broken archive leaves the
 * target as it found it. Exit codes: {@value #RESTORED} restored, {@value #USAGE} a missing argument,
 * {@value #TARGET_NOT_EMPTY} the target is not an empty directory, {@value #NOT_A_BACKUP} the archive is missing,
 * broken or not a backup of this service, {@value #FAILED} it could not be written.
 */
public final class RestoreCommand {

    public static final String OPTION = "--restore=";
    private static final String DATA_DIR = "--app.data-dir=";

    public static final int RESTORED = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int TARGET_NOT_EMPTY = 3;
    public static final int NOT_A_BACKUP = 4;

    private RestoreCommand() {
    }

    /** Whether the command line asks for a restore rather than the service. */
    public static boolean asked(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith(OPTION));
    }

    /** Runs the restore the command line asks for and answers its exit code; says what happened on out or err. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Optional<String> archive = value(args, OPTION);
        Optional<String> dataDir = value(args, DATA_DIR);
        if (archive.isEmpty() || dataDir.isEmpty()) {
            err.println("ERROR name the backup and a fresh data directory: --restore=<backup.zip> "
                    + "--app.data-dir=<empty or new directory>");
            return USAGE;
        }
        return restore(Path.of(archive.get()), Path.of(dataDir.get()).toAbsolutePath().normalize(), out, err);
    }

    static int restore(Path archive, Path target, PrintStream out, PrintStream err) {
        long t = System.nanoTime();
        if (!Files.isRegularFile(archive)) {
            err.println("ERROR " + archive + " is not a file");
            return NOT_A_BACKUP;
        }
        try {
            if (Files.exists(target) && !isEmptyDirectory(target)) {
                err.println("ERROR " + target + " is not an empty directory: a backup is restored into a fresh one, "
                        + "never over a data directory");
                return TARGET_NOT_EMPTY;
            }
        } catch (IOException e) {
            err.println("ERROR cannot read the target directory " + target + ": " + e.getMessage());
            return FAILED;
        }
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Optional<Manifest> manifest = BackupArchive.manifest(zip);
            if (manifest.isEmpty()) {
                err.println("ERROR " + archive + " is not a backup of this service: it has no readable "
                        + BackupArchive.MANIFEST + " of format " + BackupArchive.FORMAT);
                return NOT_A_BACKUP;
            }
            for (Part part : Part.values()) {
                boolean listed = manifest.get().parts().contains(part);
                if ((part.required() || listed) && zip.getEntry(part.entry()) == null) {
                    err.println("ERROR " + archive + " is broken: it lacks " + part.entry());
                    return NOT_A_BACKUP;
                }
            }
            Files.createDirectories(target);
            try {
                for (Part part : manifest.get().parts()) {
                    unpack(zip, zip.getEntry(part.entry()), part.in(target));
                }
            } catch (BrokenPart e) {
                clear(target);
                err.println("ERROR " + archive + " is broken (" + e.getMessage() + "); " + target
                        + " is left empty");
                return NOT_A_BACKUP;
            } catch (IOException e) {
                clear(target);
                err.println("ERROR cannot write into " + target + ": " + e.getMessage() + "; it is left empty");
                return FAILED;
            }
            Manifest m = manifest.get();
            out.printf("Restored %s (taken %s, events up to position %d) into %s in %d ms. Start the service with "
                            + "--app.data-dir=%s%n", m.name(), m.createdAt(), m.eventPosition(), target,
                    (System.nanoTime() - t) / 1_000_000, target);
            return RESTORED;
        } catch (ZipException e) {
            err.println("ERROR " + archive + " is not a backup of this service, or is broken: it is not a readable zip ("
                    + e.getMessage() + ")");
            return NOT_A_BACKUP;
        } catch (IOException e) {
            err.println("ERROR cannot read " + archive + ": " + e.getMessage());
            return FAILED;
        }
    }

    /** Writes the entry to its place, checking its size and CRC-32 against the zip's as it goes. */
    private static void unpack(ZipFile zip, ZipEntry entry, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(to)) {
            for (int n = read(in, buffer, entry); n >= 0; n = read(in, buffer, entry)) {
                crc.update(buffer, 0, n);
                size += n;
                out.write(buffer, 0, n);
            }
        }
        if (size != entry.getSize() || crc.getValue() != entry.getCrc()) {
            throw new BrokenPart(entry.getName() + " does not match its checksum");
        }
    }

    /** A read that fails is a broken archive (a damaged deflate stream, a cut entry), not a failed write. */
    private static int read(InputStream in, byte[] buffer, ZipEntry entry) throws BrokenPart {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new BrokenPart(entry.getName() + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Removes what a failed restore wrote; the target was empty before it. */
    private static void clear(Path target) throws IOException {
        try (Stream<Path> all = Files.walk(target)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(target)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Optional<String> value(String[] args, String option) {
        return Arrays.stream(args).filter(a -> a.startsWith(option)).map(a -> a.substring(option.length()))
                .filter(v -> !v.isBlank()).findFirst();
    }

    private static final class BrokenPart extends IOException {
        BrokenPart(String message) {
            super(message);
        }
    }
}
