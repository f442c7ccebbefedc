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

    /** Persists every write made so far, between two commands: never half of one (see CommandAtomicBackend). */
    public void commit() {
        backend.betweenCommands(() -> {
            if (!store.isClosed() && store.hasUnsavedChanges()) {
                store.commit();
            }
        });
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
