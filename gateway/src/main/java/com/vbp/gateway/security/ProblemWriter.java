package com.vbp.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.events.common.Refusal;
import com.vbp.gateway.problem.ProblemHandler;
import com.vbp.gateway.problem.RefusalStatus;
import jakarta.servlet.http.HttpServletResponse;
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
        HttpStatus status = RefusalStatus.of(refusal.code());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), ProblemHandler.problem(status, refusal));
    }

    @Override
    public void commence(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? "A bearer token is required" : e.getMessage();
        // A client (the console) tells an expired session (8 hours) from a revoked one by the code, not the words.
        String code = e instanceof TokenRevokedException ? "TOKEN_REVOKED"
                : message.contains("Jwt expired") ? "TOKEN_EXPIRED" : "UNAUTHENTICATED";
        write(response, new Refusal(code, message, java.util.Map.of(), java.util.List.of()));
    }

    @Override
    public void handle(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException e) throws IOException {
        write(response, Refusal.of("FORBIDDEN", "Your role may not do this"));
    }
}
