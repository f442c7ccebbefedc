package com.vbp.gateway.appeal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.gateway.appeal.EvidenceStore.Stored;
import com.vbp.query.config.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** GridFS on the real embedded MongoDB-wire store: put, read back, digest, delete, and durability across a restart. */
class EvidenceStoreTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private EvidenceStore store;
    private final AtomicInteger commits = new AtomicInteger();

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        MongoDatabase db = client.getDatabase("vbp");
        store = new EvidenceStore(db, () -> {
            commits.incrementAndGet();
            embedded.commit();
        });
    }

    @AfterEach
    void close() {
        // EmbeddedMongo.close() interrupts its periodic committer, and an interrupted MVStore write closes the
        // file channel: commit first so that committer has nothing to write.
        embedded.commit();
        client.close();
        embedded.close();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void a_stored_file_reads_back_byte_for_byte_with_its_digest_taken_while_streaming() throws Exception {
        byte[] content = EvidenceFiles.pdf(1_000_000); // several GridFS chunks of 255 KiB
        Stored stored = store.put(new ByteArrayInputStream(content), "说明.pdf", "application/pdf", "A1", "inst-h1");

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(stored.sha256()).isEqualTo(sha256(content));
        try (InputStream in = store.open(stored.fileId()).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        Document meta = client.getDatabase("vbp").getCollection("evidence.files").find().first().get("metadata",
                Document.class);
        assertThat(meta.getString("appealId")).isEqualTo("A1");
        assertThat(meta.getString("sha256")).isEqualTo(stored.sha256());
        assertThat(meta.getString("contentType")).isEqualTo("application/pdf");
    }

    @Test
    void a_deleted_file_is_gone_with_its_chunks() {
        Stored stored = store.put(new ByteArrayInputStream(EvidenceFiles.pdf(600_000)), "a.pdf", "application/pdf",
                "A1", "inst-h1");
        assertThat(store.exists(stored.fileId())).isTrue();

        store.delete(stored.fileId());
        store.delete(stored.fileId()); // twice is fine

        assertThat(store.exists(stored.fileId())).isFalse();
        assertThat(store.open(stored.fileId())).isEmpty();
        assertThat(client.getDatabase("vbp").getCollection("evidence.chunks").countDocuments()).isZero();
        assertThat(store.open("not-an-object-id")).isEmpty();
    }

    @Test
    void a_committed_file_survives_a_restart_of_the_embedded_store() throws Exception {
        byte[] content = EvidenceFiles.png();
        Stored stored = store.put(new ByteArrayInputStream(content), "scan.png", "image/png", "A1", "inst-h1");
        store.commit();
        assertThat(commits.get()).isEqualTo(1);

        close();
        open();

        try (InputStream in = store.open(stored.fileId()).orElseThrow()) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(sha256(content));
        }
    }
}
