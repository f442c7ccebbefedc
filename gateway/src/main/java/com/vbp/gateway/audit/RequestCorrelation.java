package com.vbp.gateway.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One correlation id per HTTP request: the client's {@value #HEADER} when it is well-formed (1 to 64 letters,
 * digits, {@code . _ : -}, starting with a letter or digit), otherwise a new UUID. It is echoed in the response's
 * {@value #HEADER} (on every answer, refusals included), put on every command the request sends
 * ({@link AuditMetaData}), so every event it causes carries it, and into the logging MDC as {@value #MDC_KEY} for
 * every log line written while the request is handled. A header that is not well-formed (control characters, more
 * than 64 characters…) is neither echoed nor logged.
 */
public class RequestCorrelation extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    static final String ATTRIBUTE = RequestCorrelation.class.getName() + ".id";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = idOf(request);
        response.setHeader(HEADER, id);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
            chain.doFilter(request, response);
        }
    }

    /** The request's correlation id, decided once per request. */
    static String idOf(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id instanceof String s) {
            return s;
        }
        String sent = request.getHeader(HEADER);
        String decided = isWellFormed(sent) ? sent : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, decided);
        return decided;
    }

    static boolean isWellFormed(String id) {
        return id != null && WELL_FORMED.matcher(id).matches();
    }
}
