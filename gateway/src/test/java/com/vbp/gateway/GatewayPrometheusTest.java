package com.vbp.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed gateway serves its metrics without a token only on a management port of its own (the operators'
 * network); on the public port they need an ADMIN token (no Axon Server runs here, so no login: the refusal is
 * what is checked there; the standalone process's test reads them with a token).
 */
class GatewayPrometheusTest {

    @Test
    void prometheus_scrapes_the_gateway_on_its_management_port_only() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
                .profiles("distributed")
                .run("--server.port=0", "--management.server.port=0", "--axon.axonserver.servers=localhost:1",
                        "--spring.main.banner-mode=off", "--app.security.jwt-secret=0123456789abcdef0123456789abcdef-test",
                        "--app.startup.connect-timeout=0")) {
            String publicPort = context.getEnvironment().getProperty("local.server.port");
            String managementPort = context.getEnvironment().getProperty("local.management.port");
            assertThat(get(publicPort, "/v3/api-docs").statusCode()).isEqualTo(200);
            assertThat(get(publicPort, "/actuator/prometheus").statusCode()).isEqualTo(401);
            assertThat(get(managementPort, "/actuator/health").statusCode()).isIn(200, 503);
            HttpResponse<String> scraped = get(managementPort, "/actuator/prometheus");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("jvm_memory_used_bytes").containsPattern(
                    "http_server_requests_seconds_bucket\\{[^}]*uri=\"/v3/api-docs\"");
        }
    }

    private static HttpResponse<String> get(String port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
