package com.vbp.gateway.audit;

import com.vbp.events.audit.IntegrityQueries.IntegrityReport;
import com.vbp.events.audit.IntegrityQueries.VerifyIntegrity;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.problem.Refused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit/verify}, for the auditor: recomputes the hash chain of the event history from the
 * event store and reports the first event where it breaks, and the head link to write down and compare later
 * ({@code ?upTo=<position>} recomputes the link of that position).
 */
@RestController
@RequestMapping("/api/v1/audit")
// Auditors, and the administrator who may read what any role reads (API.md), like the audit history.
@PreAuthorize(AuditController.READERS)
@Tag(name = "Audit")
public class IntegrityController {

    private final QueryGateway queries;

    public IntegrityController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/verify")
    @Operation(operationId = "verifyEventChain",
            summary = "Verify the event history's hash chain: {verifiedEvents, headPosition, headHash, intact, "
            + "firstBreak: {position, eventId, type, aggregateId, expectedHash, storedHash, kind} or null}; "
            + "upTo stops at a position")
    public IntegrityReport verify(@RequestParam(required = false) Long upTo) {
        if (upTo != null && upTo < 0) {
            throw new Refused(RefusalCode.INVALID_REQUEST, "upTo must be a position, 0 or more");
        }
        return queries.query(new VerifyIntegrity(upTo), IntegrityReport.class).join();
    }
}
