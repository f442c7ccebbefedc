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
        // Set by Spring Boot once the servers listen (the real ports, also when configured as 0); a management
        // server without a port of its own has the application's.
        Integer port = environment.getProperty("local.management.port", Integer.class);
        Integer application = environment.getProperty("local.server.port", Integer.class);
        return port != null && port > 0 && !port.equals(application) && request.getLocalPort() == port;
    }
}
