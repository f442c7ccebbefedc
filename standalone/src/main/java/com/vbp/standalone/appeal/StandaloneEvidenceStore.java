package com.vbp.standalone.appeal;

import com.vbp.gateway.appeal.EvidenceStore;
import com.vbp.query.config.ReadModelConfiguration.ReadStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Standalone, appeal evidence files live in the read store the query side hosts in the same JVM (embedded, or
 * {@code app.mongodb.uri}), committed through it; the distributed gateway opens a client of its own.
 */
@Configuration
public class StandaloneEvidenceStore {

    @Bean
    EvidenceStore evidenceStore(ReadStore readStore) {
        return new EvidenceStore(readStore.database(), readStore::commit);
    }
}
