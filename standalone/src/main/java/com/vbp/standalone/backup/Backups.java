package com.vbp.standalone.backup;

import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.problem.Refused;
import com.vbp.query.config.EmbeddedMongo;
import com.vbp.query.config.ReadModelConfiguration.ReadStore;
import com.vbp.service.StorageProperties;
import com.vbp.standalone.backup.BackupArchive.Manifest;
import com.vbp.standalone.backup.BackupArchive.Part;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Online backups of the standalone instance's data directory into one zip ({@link BackupArchive}) under
 * {@code app.backup.dir}, while requests are served.
 * <p>
 * Consistent because of the order: first the read-model store (read models, tracking tokens, evidence files) as of
 * one commit, then the event store. Events are only ever appended and a read model or token only reflects committed
 * events, so every event the copied read models and tokens have seen was committed before their copy and is in the
 * later copy of the event store: restored, the projections continue from their tokens over the events after them
 * (an event committed meanwhile with a lower position is a gap the token still waits for). The read-model store's
 * explicit commits wait until the event store is copied (see {@link EmbeddedMongo#backup}), so an appeal filing,
 * which commits its evidence before it sends its command, never gets an event into the backup without its file;
 * that filing is the only request that pauses, for as long as the event store copy takes. Every other request goes
 * on: H2's {@code BACKUP TO} is its own online backup, and the read models are written in memory meanwhile.
 */
@Component
@EnableConfigurationProperties(BackupProperties.class)
public class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter NAMES = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final DataSource events;
    private final ReadStore readStore;
    private final Path dataDir;
    private final Path dir;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public Backups(@Qualifier("eventStoreDataSource") DataSource events, ReadStore readStore,
                   StorageProperties storage, BackupProperties properties) {
        this.events = events;
        this.readStore = readStore;
        this.dataDir = storage.dataDir().toAbsolutePath().normalize();
        this.dir = properties.dirUnder(dataDir);
        this.clock = Clock.systemUTC();
    }

    /** A backup as listed: the archive's name and size, and what its manifest says. */
    public record Backup(String name, long sizeBytes, String createdAt, long eventPosition, long durationMillis) {

        static Backup of(Manifest manifest, long size) {
            return new Backup(manifest.name(), size, manifest.createdAt(), manifest.eventPosition(),
                    manifest.durationMillis());
        }
    }

    public Path dir() {
        return dir;
    }

    /** Takes a backup now; refused while another one is being taken. */
    public Backup take() {
        EmbeddedMongo embedded = readStore.embedded();
        if (embedded == null) {
            throw new Refused(RefusalCode.BACKUP_NOT_AVAILABLE, "The read models are in the MongoDB of app.mongodb.uri, "
                    + "not in the data directory: back that database up with mongodump, and the event store offline");
        }
        if (!running.tryLock()) {
            throw new Refused(RefusalCode.BACKUP_RUNNING);
        }
        try {
            return take(embedded);
        } catch (IOException e) {
            throw new UncheckedIOException("The backup could not be written to " + dir, e);
        } catch (SQLException e) {
            throw new IllegalStateException("The event store could not be backed up", e);
        } finally {
            running.unlock();
        }
    }

    private Backup take(EmbeddedMongo embedded) throws IOException, SQLException {
        Instant started = clock.instant();
        long t = System.nanoTime();
        String name = "vbp-backup-" + NAMES.format(started) + BackupArchive.SUFFIX;
        Files.createDirectories(dir);
        Path part = dir.resolve(name + ".part");
        Path eventsZip = dir.resolve(name + ".events.part");
        List<Part> parts = new ArrayList<>();
        long position;
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(part), 1 << 16);
                 ZipOutputStream zip = new ZipOutputStream(file)) {
                // The stores compress well, and a backup should not hold a core for long: the fast level.
                zip.setLevel(Deflater.BEST_SPEED);
                long readModelsMillis;
                long eventsMillis;
                try (EmbeddedMongo.CommitHold held = embedded.backup(zip)) {
                    parts.add(Part.READ_MODELS);
                    readModelsMillis = (System.nanoTime() - t) / 1_000_000;
                    position = head();
                    backUpEvents(eventsZip);
                    eventsMillis = (System.nanoTime() - t) / 1_000_000 - readModelsMillis;
                }
                long c = System.nanoTime();
                copyEntry(eventsZip, Part.EVENTS.entry(), zip);
                log.info("Backup {}: read models copied in {} ms, event store in {} ms (commits held meanwhile), "
                        + "moved into the archive in {} ms", name, readModelsMillis, eventsMillis,
                        (System.nanoTime() - c) / 1_000_000);
                parts.add(Part.EVENTS);
                Path key = Part.TOKEN_KEY.in(dataDir);
                if (Files.exists(key)) {
                    zip.putNextEntry(new ZipEntry(Part.TOKEN_KEY.entry()));
                    Files.copy(key, zip);
                    zip.closeEntry();
                    parts.add(Part.TOKEN_KEY);
                }
                long millis = (System.nanoTime() - t) / 1_000_000;
                zip.putNextEntry(new ZipEntry(BackupArchive.MANIFEST));
                zip.write(BackupArchive.write(new Manifest(BackupArchive.FORMAT, name, started.toString(), position,
                        millis, parts)));
                zip.closeEntry();
            }
            Path done = Files.move(part, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            Backup backup;
            try (ZipFile zip = new ZipFile(done.toFile())) {
                backup = Backup.of(BackupArchive.manifest(zip).orElseThrow(), Files.size(done));
            }
            log.info("Backup {} taken: {} bytes, events up to position {}, in {} ms", name, backup.sizeBytes(),
                    position, backup.durationMillis());
            return backup;
        } finally {
            Files.deleteIfExists(eventsZip);
            Files.deleteIfExists(part);
        }
    }

    /** The event store's head: every event up to it is in a copy taken after this. */
    private long head() throws SQLException {
        try (Connection c = events.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** H2's online backup of the event store, a zip with the database file. */
    private void backUpEvents(Path target) throws SQLException {
        try (Connection c = events.getConnection(); PreparedStatement s = c.prepareStatement("BACKUP TO ?")) {
            s.setString(1, target.toString());
            s.execute();
        }
    }

    private static void copyEntry(Path from, String entry, ZipOutputStream to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(from))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    to.putNextEntry(new ZipEntry(entry));
                    in.transferTo(to);
                    to.closeEntry();
                    return;
                }
            }
        }
        throw new IOException("H2's backup " + from + " has no entry " + entry);
    }

    /** The backups in {@link #dir()}, newest first; a zip without a manifest of this service is not one. */
    public List<Backup> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Backup> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(BackupArchive.SUFFIX)).toList()) {
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    BackupArchive.manifest(zip).ifPresent(m -> found.add(Backup.of(m, size(file))));
                } catch (IOException notABackup) {
                    log.debug("{} in the backup directory is not a backup", file, notABackup);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the backup directory " + dir, e);
        }
        found.sort(Comparator.comparing((Backup b) -> Instant.parse(b.createdAt())).reversed());
        return found;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
