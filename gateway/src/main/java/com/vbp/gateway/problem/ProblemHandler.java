package com.vbp.gateway.problem;

import com.vbp.events.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.vbp.gateway.excel.UploadRefused;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns every refusal into {@code application/problem+json} (RFC 9457) with a machine-readable
 * {@code code}, the figures that applied and, for uploads, every bad row. Anything unexpected is a
 * 500 with a log entry: a 5xx is a bug.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    public static ProblemDetail problem(HttpStatus status, Refusal refusal) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, refusal.message());
        p.setTitle(status.getReasonPhrase());
        p.setProperty("code", refusal.code());
        if (!refusal.figures().isEmpty()) {
            p.setProperty("figures", refusal.figures());
        }
        if (!refusal.rows().isEmpty()) {
            p.setProperty("rows", refusal.rows());
        }
        return p;
    }

    public static ResponseEntity<Object> respond(Refusal refusal) {
        return respond(RefusalStatus.of(refusal.code()), refusal);
    }

    private static ResponseEntity<Object> respond(HttpStatus status, Refusal refusal) {
        return ResponseEntity.status(status).body(problem(status, refusal));
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<Object> refused(Refused e) {
        return respond(e.status(), e.refusal());
    }

    @ExceptionHandler(UploadRefused.class)
    ResponseEntity<Object> upload(UploadRefused e) {
        return respond(e.refusal());
    }

    @ExceptionHandler(HandlerExecutionException.class)
    ResponseEntity<Object> domain(HandlerExecutionException e) {
        Optional<Object> details = e.getDetails();
        if (details.isPresent() && details.get() instanceof Refusal refusal) {
            return respond(refusal);
        }
        return axonFailure(e);
    }

    @ExceptionHandler({AggregateNotFoundException.class, ConcurrencyException.class})
    ResponseEntity<Object> axon(RuntimeException e) {
        return axonFailure(e);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, Refusal.of("FORBIDDEN", "Your role may not do this"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, Refusal.of("INTERNAL_ERROR", "An unexpected error occurred"));
    }

    /** Axon's own failures, possibly wrapped when they crossed Axon Server. */
    private ResponseEntity<Object> axonFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return respond(HttpStatus.NOT_FOUND, Refusal.of("NOT_FOUND", "No such record"));
            }
            if (t instanceof ConcurrencyException) {
                return respond(HttpStatus.CONFLICT,
                        Refusal.of("CONFLICT", "The record already exists or was changed at the same time; try again"));
            }
        }
        return unexpected(e instanceof Exception ex ? ex : new RuntimeException(e));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> fields = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandler::field).toList();
        String detail = fields.stream().map(f -> f.get("field") + " " + f.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("The request is not valid");
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, Refusal.of("INVALID_REQUEST", detail));
        p.setProperty("fields", fields);
        return ResponseEntity.badRequest().body(p);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, new Refusal("FILE_TOO_LARGE",
                "The upload is larger than allowed", Map.of("maxBytes", ex.getMaxUploadSize()), List.of()));
    }

    /** Spring MVC's own 4xx (malformed JSON, missing parameter, wrong method…) also get a code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail p
                && (p.getProperties() == null || !p.getProperties().containsKey("code"))) {
            p.setProperty("code", statusCode.value() == 404 ? "NOT_FOUND"
                    : statusCode.value() == 405 ? "METHOD_NOT_ALLOWED"
                    : statusCode.value() == 415 ? "UNSUPPORTED_MEDIA_TYPE" : "INVALID_REQUEST");
        }
        return response;
    }

    private static Map<String, Object> field(FieldError e) {
        return Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage()));
    }
}
