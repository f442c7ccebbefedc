package com.vbp.gateway.appeal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.service.MongoCheck;
import com.vbp.service.StorageProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Where the evidence files live: the read-model database in both modes. Distributed, a client of the gateway's
 * own to {@code app.mongodb.uri} / {@code app.mongodb.database} (the query side's keys); standalone, the read
 * store of the query side in the same JVM (the standalone module's {@code StandaloneEvidenceStore}).
 */
@Configuration
@EnableConfigurationProperties(EvidenceProperties.class)
public class EvidenceStoreConfiguration {

    @Bean
    public EvidenceInspector evidenceInspector(EvidenceProperties evidence) {
        return new EvidenceInspector(new EvidenceLimits(evidence.maxFiles(), evidence.maxFileBytes(),
                evidence.maxUncompressedBytes()));
    }

    @Configuration
    @Profile("distributed")
    static class Distributed {

        @Bean(destroyMethod = "close")
        MongoClient evidenceMongoClient(StorageProperties storage) {
            if (storage.mongodb().uri().isBlank()) {
                // the distributed gateway has no embedded store to fall back on
                throw new IllegalStateException("app.mongodb.uri (APP_MONGODB_URI) must name the read-model MongoDB");
            }
            return MongoClients.create(storage.mongodb().uri());
        }

        @Bean
        EvidenceStore evidenceStore(MongoClient evidenceMongoClient, StorageProperties storage,
                                    MongoCheck mongoCheck) {
            MongoDatabase db = evidenceMongoClient.getDatabase(storage.mongodb().database());
            mongoCheck.reachable(db, storage.mongodb().uri());
            return new EvidenceStore(db, () -> {
            });
        }
    }
}
