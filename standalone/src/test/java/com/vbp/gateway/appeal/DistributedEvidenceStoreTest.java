package com.vbp.gateway.appeal;

import com.mongodb.client.MongoClient;
import com.vbp.gateway.appeal.EvidenceStore.Stored;
import com.vbp.query.config.EmbeddedMongo;
import com.vbp.service.MongoCheck;
import com.vbp.service.StorageProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed profile's wiring of the evidence store: a client of the gateway's own to {@code app.mongodb.uri},
 * here pointed at a MongoDB-wire server, and the files in {@code app.mongodb.database}.
 */
class DistributedEvidenceStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void the_distributed_store_keeps_files_in_the_configured_database() throws Exception {
        try (EmbeddedMongo server = new EmbeddedMongo(dataDir)) {
            EvidenceStoreConfiguration.Distributed config = new EvidenceStoreConfiguration.Distributed();
            StorageProperties storage = new StorageProperties(dataDir,
                    new StorageProperties.Mongodb(server.connectionString(), "vbp-test"));
            try (MongoClient client = config.evidenceMongoClient(storage)) {
                EvidenceStore store = config.evidenceStore(client, storage, new MongoCheck(Duration.ofSeconds(5)));
                byte[] content = EvidenceFiles.docx();
                Stored stored = store.put(new ByteArrayInputStream(content), "申诉书.docx",
                        EvidenceType.DOCX.mediaType(), "A1", "inst-h1");
                store.commit(); // nothing to do on a real MongoDB

                assertThat(client.getDatabase("vbp-test").getCollection("evidence.files").countDocuments())
                        .isEqualTo(1);
                try (InputStream in = store.open(stored.fileId()).orElseThrow()) {
                    assertThat(in.readAllBytes()).isEqualTo(content);
                }
            }
            // EmbeddedMongo.close() interrupts its periodic committer: an interrupted MVStore write closes the
            // file channel (ClosedByInterruptException). Committing first leaves that committer nothing to write.
            server.commit();
        }
    }
}
