package com.vbp.service;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Fail fast: a process that cannot reach what it needs stops with one clear line instead of running on and
 * answering every request with a timeout (Axon's connector would retry in the background for ever).
 * Meanwhile readiness stays DOWN: Spring Boot accepts traffic only once every runner has returned.
 */
public final class AxonServerCheck {

    private static final Logger log = LoggerFactory.getLogger(AxonServerCheck.class);

    private AxonServerCheck() {
    }

    /** Waits up to {@code within} for the connection to Axon Server's default context; {@code 0} does not wait. */
    public static void connected(AxonServerConnectionManager connections, AxonServerConfiguration configuration,
                                  Duration within) {
        if (within.isZero()) {
            return;
        }
        String context = connections.getDefaultContext();
        long deadline = System.nanoTime() + within.toNanos();
        while (!connections.isConnected(context)) {
            if (System.nanoTime() > deadline) {
                throw new Unreachable("Axon Server cannot be reached at " + configuration.getServers() + " (context "
                        + context + ") within " + within.toSeconds() + " s: start Axon Server, or set AXONSERVER_SERVERS"
                        + " to its host:port (app.startup.connect-timeout sets the wait)", null);
            }
            sleep();
        }
        log.info("Connected to Axon Server at {} (context {})", configuration.getServers(), context);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Axon Server", e);
        }
    }
}
