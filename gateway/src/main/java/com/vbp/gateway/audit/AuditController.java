package com.vbp.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.events.audit.AuditQueries.AggregateAsOf;
import com.vbp.events.audit.AuditQueries.AuditEvent;
import com.vbp.events.audit.AuditQueries.AuditEventsPage;
import com.vbp.events.audit.AuditQueries.FetchAggregateAsOf;
import com.vbp.events.audit.AuditQueries.FetchAuditEvents;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.audit.AuditViews.AggregateView;
import com.vbp.gateway.audit.AuditViews.EventItem;
import com.vbp.gateway.audit.AuditViews.EventsPage;
import com.vbp.gateway.problem.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * The auditors' event history (API.md "Audit and analytics"): every stored event with who sent it, when, the
 * request's correlation id and idempotency key, oldest first, paged by a position cursor; a whole batch's history
 * as an NDJSON download; an aggregate rebuilt as of a point in time. Read-only, for auditors — and the
 * administrator, who may read whatever any other role may (API.md conventions). The reading is the command side's
 * ({@code EventHistory}, {@code AggregateHistory}), which holds the event store in both runtime modes.
 */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize(AuditController.READERS)
@Tag(name = "Audit")
public class AuditController {

    static final String READERS = "hasAnyRole('AUDITOR','ADMIN')";
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;
    /** the page size of the NDJSON download: memory stays flat however long the history */
    static final int DOWNLOAD_PAGE = 500;
    /**
     * how long the download waits for pages that do not move on (the history steps over a position left empty after
     * a couple of seconds; a stream that stays silent is another matter): past it the download is broken off, so
     * that an auditor never takes away a history cut short without noticing
     */
    static final Duration DOWNLOAD_STALL = Duration.ofMinutes(2);

    private final QueryGateway queries;
    private final ObjectMapper json;

    public AuditController(QueryGateway queries, ObjectMapper json) {
        this.queries = queries;
        this.json = json;
    }

    @GetMapping("/events")
    @Operation(operationId = "listAuditEvents",
            summary = "The event history, oldest first, with who, when, correlation id and idempotency key. "
            + "Filters aggregateType (e.g. InstitutionAllocation or allocation), aggregateId, from (inclusive), "
            + "to (exclusive), user (the account that sent the command); pass the answer's next as after for the "
            + "following page")
    public EventsPage events(@RequestParam(required = false) String aggregateType,
                             @RequestParam(required = false) String aggregateId,
                             @Parameter(description = "ISO-8601 instant, e.g. 2026-05-01T00:00:00Z")
                             @RequestParam(required = false) String from,
                             @Parameter(description = "ISO-8601 instant, exclusive")
                             @RequestParam(required = false) String to,
                             @RequestParam(required = false) String user,
                             @Parameter(description = "the global position of the last event seen (the previous "
                                     + "answer's next)")
                             @RequestParam(required = false) String after,
                             @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new Refused(new Refusal(RefusalCode.INVALID_PAGE,
                    "size must be between 1 and " + MAX_SIZE, Map.of("size", size, "maxSize", MAX_SIZE), List.of()));
        }
        Long cursor = cursor(after);
        Instant fromAt = instant("from", from);
        Instant toAt = instant("to", to);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            throw new Refused(new Refusal(RefusalCode.INVALID_TIME, "from must be before to",
                    Map.of("from", from, "to", to), List.of()));
        }
        AuditEventsPage page = ask(new FetchAuditEvents(cursor, null, blankToNull(aggregateType),
                blankToNull(aggregateId), fromAt, toAt, blankToNull(user), null, size), AuditEventsPage.class);
        return EventsPage.of(page, size, cursor);
    }

    @GetMapping("/events.ndjson")
    @Operation(operationId = "exportBatchEvents",
            summary = "Every event of a batch (its payload's batchCode, or that of its aggregate's first event) as "
            + "newline-delimited JSON, one event per line, oldest first, up to the head when the download began; "
            + "404 UNKNOWN_BATCH when no batch has that code")
    public void batchHistory(@RequestParam String batch, HttpServletResponse response) throws IOException {
        String code = batch.trim();
        if (code.isEmpty()) {
            throw new Refused(RefusalCode.INVALID_REQUEST, "batch must not be empty");
        }
        // the first page is asked before anything is written, so a failure is still a problem+json answer
        AuditEventsPage page = ask(new FetchAuditEvents(null, null, null, null, null, null, null, code,
                DOWNLOAD_PAGE), AuditEventsPage.class);
        Long upTo = page.head();
        response.setContentType("application/x-ndjson;charset=UTF-8");
        String name = URLEncoder.encode("audit-" + code + ".ndjson", StandardCharsets.UTF_8);
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + name);
        OutputStream out = response.getOutputStream();
        long stalledSince = 0;
        while (true) {
            for (AuditEvent event : page.items()) {
                out.write(json.writeValueAsBytes(EventItem.of(event)));
                out.write('\n');
            }
            out.flush();
            if (page.complete()) {
                return;
            }
            Long after = page.next();
            page = ask(new FetchAuditEvents(after, upTo, null, null, null, null, null, code, DOWNLOAD_PAGE),
                    AuditEventsPage.class);
            if (!page.items().isEmpty() || !Objects.equals(after, page.next())) {
                stalledSince = 0;
            } else if (stalledSince == 0) {
                stalledSince = System.nanoTime();
            } else if (System.nanoTime() - stalledSince > DOWNLOAD_STALL.toNanos()) {
                // a position below the head never settled: break the download rather than end it short
                throw new IllegalStateException("The history of " + code + " did not settle after position " + after);
            } else {
                pause();
            }
        }
    }

    /** A page that cannot move on waits for a transaction in flight to commit (on the JDBC store). */
    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @GetMapping("/aggregates/{type}/{*id}")
    @Operation(operationId = "getAggregateState",
            summary = "An aggregate's state rebuilt from its events up to asOf (default now), with those events. "
            + "Types: allocation (id BATCH/INSTITUTION), procurement-batch (id BATCH), capacity "
            + "(id capacity/BATCH/DRUG), retention (id BATCH), appeal (id APPEAL); the id is written as it is, "
            + "slashes included")
    public AggregateView aggregate(@PathVariable String type, @PathVariable String id,
                                   @Parameter(description = "ISO-8601 instant; default now")
                                   @RequestParam(required = false) String asOf) {
        String aggregateId = id.startsWith("/") ? id.substring(1) : id;
        Instant at = instant("asOf", asOf);
        if (aggregateId.isBlank()) {
            throw new Refused(RefusalCode.UNKNOWN_AGGREGATE, "An aggregate identifier is required");
        }
        return AggregateView.of(ask(new FetchAggregateAsOf(type, aggregateId, at), AggregateAsOf.class));
    }

    /** Asks the command side; a refusal it sends back reaches {@code ProblemHandler} as it was thrown. */
    private <R> R ask(Object query, Class<R> answer) {
        try {
            return queries.query(query, answer).join();
        } catch (CompletionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof HandlerExecutionException h && h.getDetails().orElse(null) instanceof Refusal) {
                    throw h;
                }
            }
            throw e;
        }
    }

    private static Long cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(after.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new Refused(new Refusal(RefusalCode.INVALID_CURSOR,
                "after must be the position of an event (a whole number from 0): the previous page's next",
                Map.of("after", after), List.of()));
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refused(new Refusal(RefusalCode.INVALID_TIME, name
                    + " must be an ISO-8601 instant with its offset, e.g. 2026-05-01T08:00:00+08:00 or "
                    + "2026-05-01T00:00:00Z", Map.of(name, value), List.of()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
