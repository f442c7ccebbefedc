package com.vbp.gateway.security;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Until the initial password is changed (seed 000 §2: 首次登陆必须修改密码) every call but changing the
 * password, reading {@code /me} and logging out is refused with 403 and a message saying so.
 */
public class PasswordChangeGate extends OncePerRequestFilter {

    static final String MUST_CHANGE = "MUST_CHANGE_PASSWORD";
    private static final Set<String> ALLOWED = Set.of("/api/v1/auth/password", "/api/v1/me", "/api/v1/auth/logout");

    private final ProblemWriter problems;

    public PasswordChangeGate(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && MUST_CHANGE.equals(auth.getDetails()) && !ALLOWED.contains(request.getRequestURI())) {
            problems.write(response, Refusal.of(RefusalCode.PASSWORD_CHANGE_REQUIRED));
            return;
        }
        chain.doFilter(request, response);
    }
}
