package com.vbp.query.config;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * mongo-java-server's backend with the store's commits kept between commands. The H2 backend keeps a collection's
 * documents and its {@code _id} index in separate MVStore maps and writes them one after the other; a commit made
 * between the two persists a document its index does not name. After a kill such a document is invisible to every
 * lookup by {@code _id} (a projection's change to it is silently skipped) and every upsert of it fails with
 * "Document with key ... already existed" (the projection stops for good); the crash test found both. Commands run
 * side by side as before (a shared lock); a commit waits until those under way have finished (the exclusive lock,
 * fair so that a stream of commands cannot put it off).
 */
final class CommandAtomicBackend implements MongoBackend {

    private final MongoBackend delegate;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    CommandAtomicBackend(MongoBackend delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code action} (a commit) while no command is under way. */
    void betweenCommands(Runnable action) {
        lock.writeLock().lock();
        try {
            action.run();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T command(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        return command(() -> delegate.handleCommand(channel, database, command, query));
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return command(() -> delegate.handleQuery(query));
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        return command(() -> delegate.handleMessage(message));
    }

    @Override
    public void dropDatabase(String database) {
        command(() -> {
            delegate.dropDatabase(database);
            return null;
        });
    }

    @Override
    public void handleClose(Channel channel) {
        delegate.handleClose(channel);
    }

    @Override
    public Collection<Document> getCurrentOperations(MongoQuery query) {
        return delegate.getCurrentOperations(query);
    }

    @Override
    public Document getServerStatus() {
        return delegate.getServerStatus();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void closeCursors(List<Long> cursorIds) {
        delegate.closeCursors(cursorIds);
    }

    @Override
    public Clock getClock() {
        return delegate.getClock();
    }

    @Override
    public void enableOplog() {
        delegate.enableOplog();
    }

    @Override
    public void disableOplog() {
        delegate.disableOplog();
    }

    @Override
    public MongoDatabase resolveDatabase(String database) {
        return delegate.resolveDatabase(database);
    }

    @Override
    public MongoBackend version(MongoVersion version) {
        delegate.version(version);
        return this;
    }
}
