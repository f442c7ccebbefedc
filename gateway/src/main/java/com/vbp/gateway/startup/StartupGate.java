package com.vbp.gateway.startup;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.problem.ProblemHandler;
import com.vbp.gateway.security.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The one gate of the start: until the application is ready (readiness {@code ACCEPTING_TRAFFIC}, after the demo
 * data is loaded) every API call answers 503 {@code STARTING} with {@code Retry-After}, rather than, say, a login
 * refused as {@code BAD_CREDENTIALS} because its account is not loaded yet. Health and the OpenAPI pages stay open.
 */
public class StartupGate extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 5;

    private final Startup startup;
    private final ProblemWriter problems;

    public StartupGate(Startup startup, ProblemWriter problems) {
        this.startup = startup;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (startup.ready()) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(response, new Refusal(RefusalCode.STARTING, "The service is starting (" + startup.phase()
                + "); try again in a few seconds", Map.of(ProblemHandler.RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS), List.of()));
    }
}
