package com.vbp.gateway.startup;

import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-model store is derived data: with it removed, the application starts on the event store alone and
 * rebuilds it. The bootstrap administrator, already in the history, is not created a second time (which the event
 * store refuses, and which failed the start before: the bootstrap asked the accounts projection before it had
 * caught up).
 */
class StartWithoutReadModelsTest {

    @TempDir
    Path dataDir;

    @Test
    void the_application_starts_on_its_event_store_alone_and_the_administrator_keeps_its_password()
            throws IOException, InterruptedException {
        try (StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass")) {
            Http http = app.http();
            String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", "Start2026pass")).json().path("token").asText();
            assertThat(http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Start2026pass",
                    "newPassword", "Admin2026new")).status()).isEqualTo(200);
        }
        assertThat(FileSystemUtils.deleteRecursively(dataDir.resolve("readmodels"))).isTrue();
        assertThat(Files.exists(dataDir.resolve("readmodels"))).isFalse();

        try (StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass")) {
            // logins do not wait for the accounts projection, which is being rebuilt from the first event
            Answer login = app.http().postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", "Admin2026new"));
            for (long deadline = System.currentTimeMillis() + 30_000; login.status() != 200
                    && System.currentTimeMillis() < deadline; ) {
                Thread.sleep(200);
                login = app.http().postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                        "password", "Admin2026new"));
            }
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            assertThat(app.http().postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", "Start2026pass")).status()).as("not created again with the initial password")
                    .isEqualTo(401);
        }
    }
}
