package com.vbp.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.problem.ProblemHandler;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import java.io.IOException;

/** Writes problem+json from the security filters, which run before Spring MVC's exception handling. */
@Component
public class ProblemWriter implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    public ProblemWriter(ObjectMapper json) {
        this.json = json;
    }

    public void write(HttpServletResponse response, Refusal refusal) throws IOException {
        HttpStatus status = ProblemHandler.status(refusal);
        response.setStatus(status.value());
        ProblemHandler.retryAfter(refusal).ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), ProblemHandler.problem(status, refusal));
    }

    @Override
    public void commence(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? RefusalCode.UNAUTHENTICATED.message() : e.getMessage();
        // A client (the console) tells an expired session (8 hours) from a revoked one by the code, not the words.
        RefusalCode code = e instanceof TokenRevokedException ? RefusalCode.TOKEN_REVOKED
                : message.contains("Jwt expired") ? RefusalCode.TOKEN_EXPIRED : RefusalCode.UNAUTHENTICATED;
        write(response, Refusal.of(code, message));
    }

    @Override
    public void handle(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException e) throws IOException {
        write(response, Refusal.of(RefusalCode.FORBIDDEN));
    }
}
