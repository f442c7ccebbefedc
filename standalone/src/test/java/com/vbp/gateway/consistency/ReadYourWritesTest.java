package com.vbp.gateway.consistency;

import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes on the read (shared/API.md, "Consistency"), on the standalone application with its demo data: a
 * command answers with its position without waiting for the projections; a read by the same token waits for the
 * projections it reads, and only those; past the wait it answers 503 READ_MODEL_BEHIND with Retry-After; eventual
 * reads do not wait; a bad X-Read-After refuses the whole request.
 */
class ReadYourWritesTest {

    private static final String DEMO_PASSWORD = "Demo2026pass";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static Http http;
    static String bureau;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.demo.enabled=true", "app.consistency.read-timeout-millis=400");
        http = app.http();
        Answer login = http.postJson("/api/v1/auth/login", null,
                Map.of("username", "bureau-420111", "password", DEMO_PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        Answer changed = http.postJson("/api/v1/auth/password", login.json().path("token").asText(),
                Map.of("oldPassword", DEMO_PASSWORD, "newPassword", "Bureau2026rw"));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        bureau = changed.json().path("token").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_read_waits_for_the_projection_it_reads_and_only_for_that_one() throws Exception {
        EventProcessor accounts = app.bean(EventProcessingConfiguration.class).eventProcessor("accounts").orElseThrow();
        CountDownLatch release = new CountDownLatch(1);
        Registration hold = accounts.registerHandlerInterceptor((unitOfWork, chain) -> {
            release.await(30, TimeUnit.SECONDS);
            return chain.proceed();
        });
        Answer changed;
        try {
            // The profile change is stored at once; its answer reads the account back, which waits for the held
            // projection only as long as the read timeout.
            changed = http.withHeader("Idempotency-Key", "rw-1").putJson("/api/v1/me", bureau,
                    Map.of("displayName", "武汉市东西湖区医保局（读写）"));
            assertThat(changed.status()).as(changed.text()).isEqualTo(503);
            assertThat(changed.code()).isEqualTo("READ_MODEL_BEHIND");
            assertThat(changed.json().path("figures").path("lagging").toString()).contains("accounts");
            assertThat(changed.json().path("figures").path("applied").asBoolean())
                    .as("the answer says the change itself was stored").isTrue();
            assertThat(changed.header("Retry-After")).isEqualTo("1");
            long position = Long.parseLong(changed.header("X-Event-Position"));
            assertThat(position).isPositive();

            Answer stale = http.withHeader("X-Consistency", "eventual").get("/api/v1/me", bureau);
            assertThat(stale.status()).as("an eventual read does not wait").isEqualTo(200);
            assertThat(stale.json().path("displayName").asText()).isNotEqualTo("武汉市东西湖区医保局（读写）");

            Answer other = http.get("/api/v1/procurement/batches", bureau);
            assertThat(other.status()).as("a read of another projection does not wait for the held one: "
                    + other.text()).isEqualTo(200);
        } finally {
            release.countDown();
            hold.cancel();
        }
        Answer after = http.get("/api/v1/me", bureau);
        assertThat(after.status()).as(after.text()).isEqualTo(200);
        assertThat(after.json().path("displayName").asText())
                .as("the token's own last write is read back without any header").isEqualTo("武汉市东西湖区医保局（读写）");
    }

    @Test
    void a_malformed_or_unknown_read_after_position_refuses_the_request_before_anything_is_done() {
        String before = http.get("/api/v1/me", bureau).json().path("displayName").asText();
        for (String bad : new String[]{"abc", "-1", "99999999999", "1e9"}) {
            Answer refused = http.withHeader("X-Read-After", bad).putJson("/api/v1/me", bureau,
                    Map.of("displayName", "不应保存"));
            assertThat(refused.status()).as(bad + ": " + refused.text()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_READ_AFTER");
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(http.get("/api/v1/me", bureau).json().path("displayName").asText()).isEqualTo(before);
    }

    @Test
    void the_position_a_command_answers_can_be_handed_over_as_read_after() {
        Answer command = http.putJson("/api/v1/me", bureau, Map.of("displayName", "武汉市东西湖区医保局"));
        assertThat(command.status()).as(command.text()).isEqualTo(200);
        String position = command.header("X-Event-Position");
        Answer read = http.withHeader("X-Read-After", position).get("/api/v1/me", bureau);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("displayName").asText()).isEqualTo("武汉市东西湖区医保局");
    }
}
