package com.vbp.gateway.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ApplicationRunner;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the application runners still run (the demo data loader among them) the web server already accepts
 * connections: a login then answers 503 STARTING with Retry-After, not BAD_CREDENTIALS, and readiness says
 * OUT_OF_SERVICE with what is being done; once they are done, the same login works and readiness is UP. A runner
 * of the test's own holds the start on a latch.
 */
class StartupGateTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void until_the_runners_are_done_every_api_call_answers_503_starting_and_readiness_is_out_of_service()
            throws Exception {
        int port = freePort();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ApplicationRunner hold = args -> {
            holding.countDown();
            release.await(2, TimeUnit.MINUTES);
        };
        CompletableFuture<StandaloneApp> starting = CompletableFuture.supplyAsync(() -> StandaloneApp.start(dataDir,
                Map.of("holdTheStart", hold), "server.port=" + port, "app.bootstrap.admin-password=Start2026pass"));
        StandaloneApp app = null;
        try {
            assertThat(holding.await(2, TimeUnit.MINUTES)).as("the runners started").isTrue();
            String base = "http://localhost:" + port;

            // given the start is held, when one logs in, then 503 STARTING with Retry-After
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"admin\",\"password\":\"Start2026pass\"}")));
            assertThat(login.statusCode()).as(login.body()).isEqualTo(503);
            assertThat(login.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(login.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(Http.readJson(login.body()).path("code").asText()).isEqualTo("STARTING");
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me")).GET()).statusCode())
                    .as("every API call, with or without a token").isEqualTo(503);
            HttpResponse<String> readiness = send(HttpRequest.newBuilder(URI.create(base
                    + "/actuator/health/readiness")).GET());
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
            JsonNode health = Http.readJson(readiness.body());
            assertThat(health.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.path("components").path("startup").path("details").path("phase").asText())
                    .isNotBlank();
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).GET())
                    .statusCode()).isEqualTo(200);

            // when the runners are done, then the same login works and readiness is UP
            release.countDown();
            app = starting.get(2, TimeUnit.MINUTES);
            Http.Answer ready = new Http(port).postJson("/api/v1/auth/login", null,
                    Map.of("username", "admin", "password", "Start2026pass"));
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            HttpResponse<String> up = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                    .GET());
            assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
            assertThat(Http.readJson(up.body()).path("status").asText()).isEqualTo("UP");
            assertThat(app.bean(Startup.class).phase()).isEqualTo("ready");
        } finally {
            release.countDown();
            if (app == null) {
                app = starting.get(2, TimeUnit.MINUTES);
            }
            app.close();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
