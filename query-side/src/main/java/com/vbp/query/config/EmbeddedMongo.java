package com.vbp.query.config;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.ZipOutputStream;

/**
 * The standalone read-model store: mongo-java-server speaking the MongoDB wire protocol on
 * 127.0.0.1, persisted in one H2 MVStore file under the data directory.
 * <p>
 * {@code H2Backend(String)} would open the MVStore with a one-second auto-commit delay, which loses
 * acknowledged writes when the JVM is killed. The store is opened here with auto-commit disabled and
 * committed explicitly, every 200 ms and on shutdown (after every event-processing batch until issue 14: 13
 * processors made that a chunk write per processor per command). Read models and tracking tokens live in this same store,
 * and an MVStore commit persists everything written before it, so after a crash a token is never
 * ahead of the read model it belongs to; the projection resumes from the token and its idempotent
 * writes redo the rest from the event store. A commit is made between two commands of the wire protocol, never in
 * the middle of one, whose document and index writes would otherwise be persisted apart ({@link CommandAtomicBackend}).
 */
public class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MVStore store;
    private final CommandAtomicBackend backend;
    private final MongoServer server;
    private final String connectionString;
    private final ScheduledExecutorService committer;
    /** Held by every explicit commit, and by a backup from its copy of this store until it lets go. */
    private final ReentrantLock commits = new ReentrantLock();

    public EmbeddedMongo(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize().resolve("readmodels");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the read-model directory " + dir, e);
        }
        this.store = new MVStore.Builder().fileName(dir.resolve("readmodels.mv").toString())
                .autoCommitDisabled().open();
        this.backend = new CommandAtomicBackend(new H2Backend(store));
        this.server = new MongoServer(backend);
        this.connectionString = server.bindAndGetConnectionString();
        this.committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-mongo-commit");
            t.setDaemon(true);
            return t;
        });
        committer.scheduleWithFixedDelay(this::commit, 200, 200, TimeUnit.MILLISECONDS);
        log.info("Embedded MongoDB-wire store at {} on {}", dir, connectionString);
    }

    public String connectionString() {
        return connectionString;
    }

    /**
     * Completes a {@code renameCollection} of {@code from} to {@code to} in {@code database}. mongo-java-server's H2
     * backend (1.47) moves the collection in its registry, but the MVStore maps holding its documents
     * ({@code databases.<db>.<name>}), its metadata ({@code meta.<db>.<name>}) and its indexes
     * ({@code <db>.<name>._index_*}) keep the old name, and empty ones of the new name are left beside them: after a
     * restart the moved collection would open empty, and a later collection of the old name would share its indexes
     * (found by {@code EmbeddedMongoRenameTest}). The maps are renamed here; MVStore's rename keeps the map objects the
     * server holds, so nothing changes for it until it opens them again.
     */
    public void renamedCollection(String database, String from, String to) {
        // all maps renamed between two commands, so no commit persists half of them
        backend.betweenCommands(() -> {
            rename("databases." + database + "." + from, "databases." + database + "." + to);
            rename("meta." + database + "." + from, "meta." + database + "." + to);
            String oldIndexes = database + "." + from + "._index_";
            for (String name : java.util.Set.copyOf(store.getMapNames())) {
                if (name.startsWith(oldIndexes)) {
                    rename(name, database + "." + to + "._index_" + name.substring(oldIndexes.length()));
                }
            }
        });
        commit();
    }

    private void rename(String from, String to) {
        if (!store.hasMap(from)) {
            return;
        }
        if (store.hasMap(to)) {
            store.removeMap(to);
        }
        store.renameMap(store.openMap(from), to);
    }

    /**
     * Persists every write made so far, between two commands: never half of one (see CommandAtomicBackend). Waits
     * while a backup holds the commits ({@link #backup}).
     */
    public void commit() {
        commits.lock();
        try {
            backend.betweenCommands(() -> {
                if (!store.isClosed() && store.hasUnsavedChanges()) {
                    store.commit();
                }
            });
        } finally {
            commits.unlock();
        }
    }

    /**
     * Online backup: commits every write made so far and copies the store file into {@code zip} (one entry,
     * {@code readmodels.mv}) with H2's own {@code FileStore.backup}, run as an MVStore file-store operation, which
     * holds the store's lock so no chunk is written while the file is read. Readers and writers of the read models
     * go on meanwhile (in memory). Further explicit commits wait until the returned hold is closed: the caller copies
     * the event store under it, so a piece of data acknowledged only after its commit (an appeal's evidence file)
     * cannot be referred to by an event in the backup without being in the backup itself.
     */
    public CommitHold backup(ZipOutputStream zip) throws IOException {
        commits.lock();
        try {
            backend.betweenCommands(() -> {
                if (store.hasUnsavedChanges()) {
                    store.commit();
                }
            });
            // The file changes only at commits (auto-commit is off), which wait for the hold: it can be copied
            // while commands go on in memory.
            IOException[] failed = new IOException[1];
            store.executeFilestoreOperation(() -> {
                try {
                    store.getFileStore().backup(zip);
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            return commits::unlock;
        } catch (IOException | RuntimeException e) {
            commits.unlock();
            throw e;
        }
    }

    /** Lets the commits a {@link #backup} held go on; closed by the thread that took the backup. */
    public interface CommitHold extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void close() {
        // Not shutdownNow(): interrupting a commit in flight closes the MVStore's file channel and the final
        // commit below would then fail, losing what was written since the last one.
        committer.shutdown();
        try {
            committer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
        server.shutdownNow(); // also closes the backend and its MVStore
    }
}
