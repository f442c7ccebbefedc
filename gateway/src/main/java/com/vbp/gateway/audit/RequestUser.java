package com.vbp.gateway.audit;

import com.vbp.events.audit.AuditQueries.MetaDataKeys;
import com.vbp.gateway.security.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Puts the request's user into the logging MDC as {@value #MDC_KEY}, beside {@link RequestCorrelation}'s id: the
 * account's username, or {@code anonymous} (as in the audit metadata, {@link AuditMetaData}). It runs in the
 * security chain right after the bearer token is read, so every line written after authentication names the user.
 */
public class RequestUser extends OncePerRequestFilter {

    public static final String MDC_KEY = "user";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String user = authentication != null && authentication.getPrincipal() instanceof CurrentUser current
                ? current.username() : MetaDataKeys.ANONYMOUS_ACCOUNT;
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, user)) {
            chain.doFilter(request, response);
        }
    }
}
