package com.vbp.gateway.startup;

import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.StandaloneApp;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the application while a command is under way (server.shutdown: graceful): the request is answered, its
 * command's events are stored, and only then do Axon and the stores stop. Standalone, a command runs on its request's
 * thread (Axon's SimpleCommandBus), so the web server's drain is what waits for it.
 */
class GracefulShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void a_command_under_way_when_the_application_is_stopped_completes_and_is_kept() throws Exception {
        StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass");
        String initial = app.http().postJson("/api/v1/auth/login", null,
                Map.of("username", "admin", "password", "Start2026pass")).json().path("token").asText();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        app.bean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            if (first.getAndSet(false)) {
                entered.countDown();
                release.await(30, TimeUnit.SECONDS);
            }
            return chain.proceed();
        });

        CompletableFuture<Answer> change = CompletableFuture.supplyAsync(() -> app.http().postJson(
                "/api/v1/auth/password", initial,
                Map.of("oldPassword", "Start2026pass", "newPassword", "Admin2026new")));
        assertThat(entered.await(20, TimeUnit.SECONDS)).as("the password change reached its handler").isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
        Thread.sleep(500);
        assertThat(stopping).as("the stop waits for the request under way").isNotDone();

        release.countDown();
        Answer changed = change.get(20, TimeUnit.SECONDS);
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        stopping.get(30, TimeUnit.SECONDS);

        try (StandaloneApp again = StandaloneApp.start(dataDir)) {
            Answer login = again.http().postJson("/api/v1/auth/login", null,
                    Map.of("username", "admin", "password", "Admin2026new"));
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            assertThat(login.json().path("mustChangePassword").asBoolean()).isFalse();
        }
    }
}
