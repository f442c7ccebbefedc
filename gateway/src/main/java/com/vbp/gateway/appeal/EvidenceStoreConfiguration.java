package com.vbp.gateway.appeal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.service.MongoCheck;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Where the evidence files live: the read-model database in both modes. Distributed, a client of the gateway's
 * own to {@code app.mongodb.uri} / {@code app.mongodb.database} (the query side's keys); standalone, the read
 * store of the query side in the same JVM (the standalone module's {@code StandaloneEvidenceStore}).
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
    @Profile("distributed")
    static class Distributed {

        @Bean(destroyMethod = "close")
        MongoClient evidenceMongoClient(@Value("${app.mongodb.uri}") String uri) {
            return MongoClients.create(uri);
        }

        @Bean
        EvidenceStore evidenceStore(MongoClient evidenceMongoClient, @Value("${app.mongodb.uri}") String uri,
                                    @Value("${app.mongodb.database:vbp}") String database, MongoCheck mongoCheck) {
            MongoDatabase db = evidenceMongoClient.getDatabase(database);
            mongoCheck.reachable(db, uri);
            return new EvidenceStore(db, () -> {
            });
        }
    }
}
