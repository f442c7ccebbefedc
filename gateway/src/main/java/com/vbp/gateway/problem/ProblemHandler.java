package com.vbp.gateway.problem;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.consistency.ReadPositions;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.messaging.RemoteHandlingException;
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
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.vbp.gateway.excel.UploadRefused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Turns every refusal into {@code application/problem+json} (RFC 9457) with a machine-readable
 * {@code code}, the figures that applied and, for uploads, every bad row. Anything unexpected is a
 * 500 with a log entry: a 5xx is a bug.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Refusal INTERNAL_ERROR = Refusal.of(RefusalCode.INTERNAL_ERROR);
    /** The figure of a refusal worth retrying later: the answer's {@code Retry-After} header repeats it. */
    public static final String RETRY_AFTER_SECONDS = "retryAfterSeconds";

    public static ProblemDetail problem(HttpStatus status, Refusal refusal) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, refusal.message());
        p.setTitle(status.getReasonPhrase());
        p.setProperty("code", refusal.code());
        // The fields a refusal names are always at the top, as {field, message}, wherever it was decided.
        Map<String, Object> figures = new LinkedHashMap<>(refusal.figures());
        Object fields = figures.remove("fields");
        if (fields == null && figures.get("field") instanceof String field) {
            fields = List.of(RequestProblems.fieldEntry(field, refusal.message()));
        }
        if (fields != null) {
            p.setProperty("fields", fields);
        }
        if (!figures.isEmpty()) {
            p.setProperty("figures", figures);
        }
        if (!refusal.rows().isEmpty()) {
            p.setProperty("rows", refusal.rows());
        }
        return p;
    }

    /**
     * The one place where a refusal gets its HTTP status: its code's in the catalogue. A code the catalogue does not
     * know (a refusal from another version of a side) is a broken domain rule, 422.
     */
    public static HttpStatus status(Refusal refusal) {
        return refusal.known().map(code -> HttpStatus.valueOf(code.status())).orElse(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    public static ResponseEntity<Object> respond(Refusal refusal) {
        return respond(status(refusal), refusal);
    }

    /** Every answer of this handler: a refusal (4xx) is one INFO line with its code, no stack trace. */
    private static ResponseEntity<Object> respond(HttpStatus status, Refusal refusal) {
        if (status.is4xxClientError()) {
            log.info("Refused {} {}: {} {}", status.value(), refusal.code(), request(), loggable(refusal.message()));
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            // READ_MODEL_BEHIND: the projections are busy; a second is long past the usual catch-up.
            log.warn("Answered 503 {}: {} {}", refusal.code(), request(), loggable(refusal.message()));
            return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, retryAfter(refusal).orElse("1"))
                    .body(problem(status, refusal));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
        retryAfter(refusal).ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, seconds));
        return answer.body(problem(status, refusal));
    }

    /** The {@code Retry-After} of a refusal that names one ({@value #RETRY_AFTER_SECONDS}), in seconds. */
    public static Optional<String> retryAfter(Refusal refusal) {
        return refusal.figures().get(RETRY_AFTER_SECONDS) instanceof Number seconds
                ? Optional.of(String.valueOf(seconds.longValue())) : Optional.empty();
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<Object> refused(Refused e) {
        return respond(e.refusal());
    }

    @ExceptionHandler(UploadRefused.class)
    ResponseEntity<Object> upload(UploadRefused e) {
        return respond(e.refusal());
    }

    @ExceptionHandler(HandlerExecutionException.class)
    ResponseEntity<Object> domain(HandlerExecutionException e) {
        Optional<Object> details = e.getDetails();
        if (details.isPresent() && details.get() instanceof Refusal refusal) {
            return respond(ReadPositions.afterCommand(refusal));
        }
        return axonFailure(e);
    }

    /** A query's failure, as {@code join()} throws it: answered as the failure itself. */
    @ExceptionHandler(CompletionException.class)
    ResponseEntity<Object> query(CompletionException e) {
        if (e.getCause() instanceof HandlerExecutionException handlerFailure) {
            return domain(handlerFailure);
        }
        if (e.getCause() instanceof Refused refused) {
            return refused(refused);
        }
        return unexpected(e);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> notMultipart(MultipartException e) {
        return respond(RequestProblems.of(e, HttpStatus.BAD_REQUEST.value()));
    }

    @ExceptionHandler({AggregateNotFoundException.class, ConcurrencyException.class,
            AggregateStreamCreationException.class})
    ResponseEntity<Object> axon(RuntimeException e) {
        return axonFailure(e);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e) {
        return respond(Refusal.of(RefusalCode.FORBIDDEN));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        // The one log entry of a 5xx, with its stack trace; the correlation id is in the MDC (RequestCorrelation).
        log.error("Unexpected failure answering {}", request(), e);
        return respond(INTERNAL_ERROR);
    }

    /** Axon's own failures, possibly wrapped when they crossed Axon Server. */
    private ResponseEntity<Object> axonFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return respond(Refusal.of(RefusalCode.NOT_FOUND));
            }
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return respond(Refusal.of(RefusalCode.CONFLICT));
            }
            // Through Axon Server a failure at commit arrives described, not as itself: the command side's connector
            // sends a ConcurrencyException (two instances appending to one aggregate) as a plain execution error.
            if (t instanceof RemoteHandlingException remote && remote.getExceptionDescriptions().stream()
                    .anyMatch(ProblemHandler::describesConflict)) {
                return respond(Refusal.of(RefusalCode.CONFLICT));
            }
        }
        return unexpected(e instanceof Exception ex ? ex : new RuntimeException(e));
    }

    private static boolean describesConflict(String description) {
        return description.startsWith(ConcurrencyException.class.getName())
                || description.startsWith(AggregateStreamCreationException.class.getName());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, Object>> fields = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemHandler::field).toList();
        String detail = fields.stream().map(f -> f.get("field") + " " + f.get("message"))
                .reduce((a, b) -> a + "; " + b).map(d -> d + ": correct " + (fields.size() == 1 ? "it" : "them")
                        + " and send again").orElse(RefusalCode.INVALID_REQUEST.message());
        return respond(Refusal.of(RefusalCode.INVALID_REQUEST, detail, Map.of("fields", fields)));
    }

    /** Without Spring's own WARN line: a wrong method is a refusal like any other. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException ex,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return handleExceptionInternal(ex, null, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return respond(Refusal.of(RefusalCode.FILE_TOO_LARGE, RefusalCode.FILE_TOO_LARGE.message(),
                Map.of("maxBytes", ex.getMaxUploadSize())));
    }

    /**
     * Spring MVC's own 4xx (malformed or strictly refused JSON, a missing or mistyped parameter, a wrong method…)
     * in the project's words, with a code and the fields concerned ({@link RequestProblems}).
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (request instanceof ServletWebRequest web && web.getResponse() != null
                && web.getResponse().isCommitted()) {
            return super.handleExceptionInternal(ex, body, headers, statusCode, request);
        }
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status == null || !status.is4xxClientError()) {
            log.error("Unexpected failure answering {}", request(), ex);
            HttpStatus failed = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
            return ResponseEntity.status(failed).headers(headers).body(problem(failed, INTERNAL_ERROR));
        }
        // The code RequestProblems picks for Spring's status carries that same status in the catalogue.
        ResponseEntity<Object> answer = respond(RequestProblems.of(ex, status.value()));
        return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
    }

    private static Map<String, Object> field(FieldError e) {
        return RequestProblems.fieldEntry(e.getField(), e.isBindingFailure() ? "has the wrong type"
                : String.valueOf(e.getDefaultMessage()));
    }

    /** The request being answered, for the log: method and path (the query is left out). */
    private static String request() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            return a.getRequest().getMethod() + " " + loggable(a.getRequest().getRequestURI());
        }
        return "";
    }

    /** Text that may repeat what a client sent, as it may go into a log line: one line, not too long. */
    private static String loggable(String text) {
        String line = String.valueOf(text).replaceAll("\\p{Cntrl}", "?");
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
