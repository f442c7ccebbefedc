package com.vbp.query.audit;

import com.vbp.query.QuerySideApplication;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed query side (no Axon Server runs here; its connector retries in the background) reads the
 * stored events for the integrity chain from Axon Server without upcasters, runs the chain in its own tracking
 * processor and handles the replay messages.
 */
class IntegrityChainWiringTest {

    @Test
    void the_distributed_query_side_reads_the_chain_from_axon_server_and_can_replay() {
        MongoServer external = new MongoServer(H2Backend.inMemory());
        String uri = external.bindAndGetConnectionString();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=query-side", "--server.port=0", "--app.startup.connect-timeout=0", "--app.mongodb.uri=" + uri,
                        "--app.mongodb.database=vbp-distributed", "--axon.axonserver.servers=localhost:1",
                        "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(IntegrityChainSource.class)).isInstanceOf(IntegrityChainAxonServerSource.class);
            assertThat(context.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(IntegrityChainProjection.GROUP, StreamingEventProcessor.class)).isPresent();
            assertThat(context.getBean(ProjectionReplayHandler.class)).isNotNull();
            assertThat(context.getBean(IntegrityChainVerifier.class)).isNotNull();
        } finally {
            external.shutdownNow();
        }
    }
}
