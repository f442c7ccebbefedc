package com.vbp.query.config;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A commit of the embedded store never lands in the middle of a command (the crash test's finding). */
class CommandAtomicBackendTest {

    @Test
    void a_commit_waits_until_the_command_under_way_has_finished() throws InterruptedException {
        CountDownLatch inCommand = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean commandFinished = new AtomicBoolean();
        // a command that has written its document and not yet its index entry, held there
        H2Backend slow = new H2Backend(MVStore.open(null)) {
            @Override
            public Document handleMessage(MongoMessage message) {
                inCommand.countDown();
                try {
                    finish.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                commandFinished.set(true);
                return new Document();
            }
        };
        CommandAtomicBackend backend = new CommandAtomicBackend(slow);
        Thread command = new Thread(() -> backend.handleMessage(null));
        command.start();
        assertThat(inCommand.await(10, TimeUnit.SECONDS)).isTrue();

        AtomicBoolean committedAfterTheCommand = new AtomicBoolean();
        Thread commit = new Thread(() -> backend.betweenCommands(() -> committedAfterTheCommand.set(
                commandFinished.get())));
        commit.start();
        commit.join(300);
        assertThat(commit.isAlive()).as("the commit waits for the command").isTrue();

        finish.countDown();
        commit.join(10_000);
        command.join(10_000);
        assertThat(committedAfterTheCommand).isTrue();
        slow.close();
    }
}
