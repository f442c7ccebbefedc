package com.vbp.gateway.appeal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vbp.query.config.ReadModelConfiguration.ReadStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Where the evidence files live: the read-model database in both modes. Standalone, the read store the
 * gateway hosts (embedded, or {@code app.mongodb.uri}), committed through it; distributed, a client of the
 * gateway's own to {@code app.mongodb.uri} / {@code app.mongodb.database} (the query side's keys).
 */
@Configuration
public class EvidenceStoreConfiguration {

    @Bean
    public EvidenceInspector evidenceInspector(
            @Value("${app.appeals.evidence.max-files:10}") int maxFiles,
            @Value("${app.appeals.evidence.max-file-bytes:10485760}") long maxFileBytes,
            @Value("${app.appeals.evidence.max-uncompressed-bytes:104857600}") long maxUncompressedBytes) {
        return new EvidenceInspector(new EvidenceLimits(maxFiles, maxFileBytes, maxUncompressedBytes));
    }

    @Configuration
    @Profile("!distributed")
    static class Standalone {

        @Bean
        EvidenceStore evidenceStore(ReadStore readStore) {
            return new EvidenceStore(readStore.database(), readStore::commit);
        }
    }

    @Configuration
    @Profile("distributed")
    static class Distributed {

        @Bean(destroyMethod = "close")
        MongoClient evidenceMongoClient(@Value("${app.mongodb.uri}") String uri) {
            return MongoClients.create(uri);
        }

        @Bean
        EvidenceStore evidenceStore(MongoClient evidenceMongoClient,
                                    @Value("${app.mongodb.database:vbp}") String database) {
            return new EvidenceStore(evidenceMongoClient.getDatabase(database), () -> {
            });
        }
    }
}
