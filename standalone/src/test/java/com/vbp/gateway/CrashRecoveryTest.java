package com.vbp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.HandOver;
import com.vbp.gateway.support.Http;
import com.vbp.standalone.StandaloneApplication;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The crash test for the embedded stores: the standalone app runs in a child JVM, acknowledges a
 * series of commands and is killed with SIGKILL straight after the last answer, without any chance
 * to flush. Restarted on the same data directory, every acknowledged change must be there, in the
 * event store and in the read models.
 */
class CrashRecoveryTest {

    @TempDir
    Path dataDir;

    @Test
    void nothing_acknowledged_is_lost_when_the_jvm_is_killed() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        HandOver.forget(port);
        Process child = startChild(port);
        List<String> batches = new ArrayList<>();
        String adminPassword = "Crash2026next";
        try {
            Http http = new Http(port);
            waitUntilUp(http, child);
            String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", "Crash2026init")).json().path("token").asText();
            String admin = http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Crash2026init",
                    "newPassword", adminPassword)).json().path("token").asText();
            for (int i = 0; i < 15; i++) {
                String code = "CRASH-" + i;
                Answer created = http.postJson("/api/v1/procurement/batches", admin, Map.of("code", code,
                        "name", "崩溃测试 " + i, "allocationOpensAt", "2026-01-01T00:00:00Z",
                        "allocationClosesAt", "2099-01-01T00:00:00Z"));
                assertThat(created.status()).isEqualTo(201);
                batches.add(code);
            }
            String last = "/api/v1/procurement/batches/" + batches.get(batches.size() - 1);
            assertThat(http.upload(last + "/catalogue", admin, "c.xlsx",
                    SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE)).status()).isEqualTo(200);
            assertThat(http.upload(last + "/demands", admin, "d.xlsx",
                    SmallBatch.demandXlsx(SmallBatch.DEMANDS)).status()).isEqualTo(200);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no clean close
            child.waitFor();
        }

        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            Http http = app.http();
            Answer login = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", adminPassword));
            assertThat(login.status()).as("the password change survived").isEqualTo(200);
            String admin = login.json().path("token").asText();
            JsonNode list = http.get("/api/v1/procurement/batches", admin).json();
            List<String> codes = new ArrayList<>();
            list.forEach(b -> codes.add(b.path("code").asText()));
            assertThat(codes).containsExactlyInAnyOrderElementsOf(batches);
            JsonNode supply = http.get("/api/v1/procurement/batches/" + batches.get(batches.size() - 1)
                    + "/supply-list", admin).json();
            assertThat(supply.path("total").asLong()).isEqualTo(5);
        }
    }

    private Process startChild(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true", "-cp", System.getProperty("java.class.path"),
                StandaloneApplication.class.getName(), "--server.port=" + port, "--app.data-dir=" + dataDir,
                "--app.demo.enabled=false", "--app.bootstrap.admin-password=Crash2026init",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("child.log").toFile()).start();
    }

    private void waitUntilUp(Http http, Process child) throws InterruptedException, IOException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the child app died: " + java.nio.file.Files.readString(
                        dataDir.resolve("child.log")));
            }
            try {
                if (http.get("/actuator/health", null).status() == 200
                        && http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                        "password", "x")).status() == 401) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the child app did not start; log in " + dataDir.resolve("child.log") + File.separator);
    }
}
