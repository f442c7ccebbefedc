package com.vbp.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.env.Environment;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A request that arrived on the management server's own port ({@code management.server.port}, when it differs
 * from {@code server.port}). That port is meant for the operators' network only (Prometheus, probes); it is never
 * published to the internet, so what it serves needs no token. Without a port of its own nothing matches.
 */
final class ManagementPort implements RequestMatcher {

    private final Environment environment;

    ManagementPort(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        // Set by Spring Boot once the separate management server listens (the real port, also when configured as 0).
        Integer port = environment.getProperty("local.management.port", Integer.class);
        return port != null && port > 0 && request.getLocalPort() == port;
    }
}
