package com.vbp.query;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side as its own process serves its metrics for Prometheus on the management server, among them the
 * lag of each projection (Axon's {@code eventProcessor_latency}, milliseconds, per {@code processorName}), which
 * Axon registers at a processor's first event: with no Axon Server here, the check is that Axon's meters go to the
 * registry Prometheus reads (the standalone process's test sees them). A throw-away MongoDB-wire server stands in
 * for MongoDB.
 */
class QuerySidePrometheusTest {

    @Test
    void prometheus_scrapes_the_query_side() throws Exception {
        MongoServer mongo = new MongoServer(H2Backend.inMemory());
        String uri = mongo.bindAndGetConnectionString();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=query-side", "--server.port=0", "--management.server.port=0",
                        "--app.startup.connect-timeout=0", "--app.mongodb.uri=" + uri,
                        "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off")) {
            String port = context.getEnvironment().getProperty("local.management.port");
            String metrics = scrape(port);
            assertThat(metrics).contains("jvm_memory_used_bytes");
            assertThat(context.getBean(GlobalMetricRegistry.class).getRegistry())
                    .isSameAs(context.getBean(MeterRegistry.class));
        } finally {
            mongo.shutdownNow();
        }
    }

    private static String scrape(String port) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
