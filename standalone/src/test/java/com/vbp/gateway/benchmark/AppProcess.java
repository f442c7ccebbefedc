package com.vbp.gateway.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone application in a JVM of its own, as production runs it: the benchmark's clients then share
 * neither heap, JIT nor CPU accounting with it. Started from {@code -Dbench.jar} (the packaged jar) when given,
 * else from the test JVM's class path; answers once {@code /actuator/health/readiness} says UP.
 */
public final class AppProcess implements AutoCloseable {

    /** The password of the bootstrap administrator every process started here gets. */
    public static final String BOOTSTRAP_PASSWORD = BenchAdmin.BOOTSTRAP_PASSWORD;

    private static final Duration READY_WITHIN = Duration.ofSeconds(Long.getLong("bench.startSeconds", 300));

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the application with the heap {@code xmx} (e.g. {@code 512m}) and more {@code jvmOptions} on a free port over {@code dataDir},
     * the demo data off and the benchmark's bootstrap admin password; {@code properties} ({@code key=value}) come
     * on top. Its output goes to {@code log}.
     */
    public static AppProcess start(Path dataDir, String xmx, List<String> jvmOptions, Path log, String... properties) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + xmx, "-Duser.timezone=Asia/Shanghai", "-Djava.awt.headless=true",
                "-Daxoniq.update-checker.disabled=true"));
        command.addAll(jvmOptions);
        String jar = System.getProperty("bench.jar");
        if (jar != null && !jar.isBlank()) {
            command.addAll(List.of("-jar", jar));
        } else {
            // Under surefire this is its booter jar, whose manifest names the whole test class path.
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.vbp.standalone.StandaloneApplication"));
        }
        command.addAll(List.of("--server.port=" + port, "--app.data-dir=" + dataDir.toAbsolutePath(),
                "--app.demo.enabled=false", "--spring.main.banner-mode=off",
                "--app.bootstrap.admin-password=" + BenchAdmin.BOOTSTRAP_PASSWORD,
                // Every simulated client logs in from 127.0.0.1: the per-address budgets (app.limits.*, 300 a minute)
                // stand for one real address, not for hundreds of institutions scripted on one machine.
                "--app.limits.login.per-address=1000000", "--app.limits.password-change.per-address=1000000"));
        for (String p : properties) {
            command.add("--" + p);
        }
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AppProcess app = new AppProcess(process, port, log);
        try {
            app.awaitReady();
        } catch (RuntimeException | Error e) {
            app.close();
            throw e;
        }
        return app;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue()
                        + " before it was ready; see " + log);
            }
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException("The application was not ready within " + READY_WITHIN + "; see " + log);
    }

    /** The exit code of the stopped process: 143 after a SIGTERM it obeyed, 137 after a SIGKILL. */
    public int exitCode() {
        return process.exitValue();
    }

    /** Kills the application with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook, no flush. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The application " + process.pid() + " did not die of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the application the way a service manager does (SIGTERM), and kills it if it will not go. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
