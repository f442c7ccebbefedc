package com.vbp.gateway.reliability;

import com.vbp.gateway.benchmark.AppProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standalone application as a child process that is killed and started again on one data directory. Clients
 * ask it for the port of the process that is up now and wait while none is ({@link #awaitUp()}); each start is a
 * new generation on a new port, so an answer can never come from another process than the one asked.
 */
final class LiveApp implements AutoCloseable {

    private final Path dataDir;
    private final Path logs;
    private final String xmx;
    private final List<String> jvmOptions;
    private final List<Long> startMillis = new ArrayList<>();
    private AppProcess process;
    private volatile int port = -1;
    private volatile int generation;
    private volatile boolean up;

    LiveApp(Path dataDir, Path logs, String xmx, List<String> jvmOptions) {
        this.dataDir = dataDir;
        this.logs = logs;
        this.xmx = xmx;
        this.jvmOptions = jvmOptions;
    }

    /** Starts a process on the data directory and answers how long it took until readiness said UP, in ms. */
    synchronized long start() {
        long started = System.nanoTime();
        process = AppProcess.start(dataDir, xmx, jvmOptions, logs.resolve("app-" + (generation + 1) + ".log"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        startMillis.add(millis);
        port = process.port();
        generation++;
        up = true;
        return millis;
    }

    /** SIGKILL, no warning: clients find out from their broken connections. */
    synchronized void kill() {
        up = false;
        process.kill();
    }

    /** SIGTERM, as a service manager stops it; answers the exit code (143 when it obeyed). */
    synchronized int stop() {
        up = false;
        process.close();
        return process.exitCode();
    }

    int port() {
        return port;
    }

    int generation() {
        return generation;
    }

    /** Waits until a process is up and answers its generation. */
    int awaitUp() {
        while (!up) {
            sleep(50);
        }
        return generation;
    }

    /** Waits until a process of a later generation than {@code seen} is up. */
    void awaitGenerationAfter(int seen, java.util.function.BooleanSupplier giveUp) {
        while (!(up && generation > seen) && !giveUp.getAsBoolean()) {
            sleep(50);
        }
    }

    /** The time from each process start to readiness UP, in order, ms. */
    List<Long> startMillis() {
        return List.copyOf(startMillis);
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    /** A sleep that turns an interruption into a failure of the test. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
