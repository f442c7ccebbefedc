package com.vbp.gateway.consistency;

import com.vbp.events.common.Refusal;
import com.vbp.gateway.security.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Refuses a request with a malformed or unknown {@code X-Read-After} (400) before any of it is done. */
public class ReadAfterFilter extends OncePerRequestFilter {

    private final ReadPositions positions;
    private final ProblemWriter problems;

    public ReadAfterFilter(ReadPositions positions, ProblemWriter problems) {
        this.positions = positions;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Refusal refusal = positions.checkReadAfter(request);
        if (refusal != null) {
            problems.write(response, refusal);
            return;
        }
        chain.doFilter(request, response);
    }
}
