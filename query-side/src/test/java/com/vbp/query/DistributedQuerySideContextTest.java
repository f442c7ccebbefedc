package com.vbp.query;

import com.mongodb.client.MongoDatabase;
import com.vbp.query.config.ReadModelConfiguration.ReadStore;
import com.vbp.query.config.ProjectionThreads;
import com.vbp.query.config.ProjectionThreads.Threads;
import com.vbp.query.config.ReadModelFirstTokenStore;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side as its own process (distributed profile) answers queries through Axon Server and
 * keeps read models and tokens in the external MongoDB named by {@code app.mongodb.uri}; it starts
 * no embedded store. A throw-away in-memory MongoDB-wire server stands in for the external MongoDB.
 */
class DistributedQuerySideContextTest {

    @Test
    void the_distributed_query_side_uses_axon_server_and_the_external_mongodb() {
        MongoServer external = new MongoServer(H2Backend.inMemory());
        String uri = external.bindAndGetConnectionString();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=query-side", "--server.port=0", "--app.startup.connect-timeout=0", "--app.mongodb.uri=" + uri,
                        "--app.mongodb.database=vbp-distributed", "--axon.axonserver.servers=localhost:1",
                        "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            assertThat(context.getBean(TokenStore.class)).isInstanceOfSatisfying(ReadModelFirstTokenStore.class,
                    t -> assertThat(t.delegate()).isInstanceOf(MongoTokenStore.class));
            ReadStore store = context.getBean(ReadStore.class);
            assertThat(store.embedded()).as("no embedded store when an external MongoDB is configured").isNull();
            assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("vbp-distributed");
            assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
            assertThat(external.getLocalAddress()).isNotNull();
            assertThat(context.getBean(ProjectionThreads.class).parallel()).as("query-side.yml: 2 instances x 2 threads")
                    .containsEntry("allocation-lines", new Threads(2, 4)).containsEntry("allocation-report", new Threads(2, 4));
        } finally {
            external.shutdownNow();
        }
    }
}
