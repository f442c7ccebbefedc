package com.vbp.events.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The auditors' reading of the event history, answered by the command side (it holds the event store in both
 * runtime modes). Payloads and aggregate states travel as JSON text, already redacted: no password hash or other
 * secret ever leaves the command side.
 */
public final class AuditQueries {

    private AuditQueries() {
    }

    /**
     * The metadata keys every event carries (who, correlation, idempotency); "when" is the event's timestamp.
     * An interface only so that the contract stays a family of records and constants.
     */
    public interface MetaDataKeys {

        String ACCOUNT = "account";
        String ORGANISATION = "organisation";
        String ROLE = "role";
        /** one per HTTP request (the client's {@code X-Correlation-Id} when well-formed) */
        String CORRELATION_ID = "correlationId";
        /** Axon's own: the identifier of the first message of the chain (the command) */
        String TRACE_ID = "traceId";
        String IDEMPOTENCY_KEY = "idempotencyKey";
        /** the account of commands sent outside any HTTP request (demo data, bootstrap admin, scheduled work) */
        String SYSTEM_ACCOUNT = "system";
        /** the account of commands sent by a request without a login (a login attempt itself) */
        String ANONYMOUS_ACCOUNT = "anonymous";
        /** the keys copied from a command onto its events */
        List<String> COPIED = List.of(ACCOUNT, ORGANISATION, ROLE, CORRELATION_ID, IDEMPOTENCY_KEY);
    }

    /**
     * The history, oldest first, from the position after {@code after} (null: from the start) and no further than
     * {@code upTo} (null: the head at the time of the query). Filters: {@code aggregateType} (Axon's type, e.g.
     * {@code InstitutionAllocation}, or a name of the aggregate registry, e.g. {@code allocation}),
     * {@code aggregateId}, {@code from} (inclusive) and {@code to} (exclusive) on the event timestamp,
     * {@code account} (metadata), {@code batchCode} (the payload's, or else that of its aggregate's first event).
     * At most {@code size} items.
     */
    public record FetchAuditEvents(Long after, Long upTo, String aggregateType, String aggregateId, Instant from,
                                   Instant to, String account, String batchCode, int size) {
    }

    /**
     * One stored event. {@code position} is its global position (null where the store's per-aggregate read does
     * not give it); {@code type} the payload's simple class name, {@code revision} its {@code @Revision};
     * {@code payload} JSON with secrets redacted.
     */
    public record AuditEvent(Long position, String eventId, String aggregateType, String aggregateId,
                             Long sequenceNumber, String type, String revision, Instant timestamp,
                             Map<String, String> metadata, String payload) {
    }

    /**
     * A page of the history. {@code next} is the cursor for the following page (the position of the last event
     * looked at, matched or not; null while the store is empty); {@code head} the store's head when the page was
     * read; {@code scanned} how many events were looked at; {@code complete} is true when no event after
     * {@code next} can match (the head or {@code upTo} was reached, or the time range is over).
     */
    public record AuditEventsPage(List<AuditEvent> items, Long next, Long head, long scanned, boolean complete) {
    }

    /** An aggregate's state rebuilt from its events with a timestamp up to {@code asOf} (null: now). */
    public record FetchAggregateAsOf(String type, String aggregateId, Instant asOf) {
    }

    /**
     * {@code version} is the sequence number of the last event applied; {@code state} the aggregate's fields as
     * JSON (secrets redacted); {@code events} the events that produced it, oldest first (the latest
     * {@code events.size()} of {@code eventCount} when there are very many).
     */
    public record AggregateAsOf(String type, String aggregateId, String aggregateType, Instant asOf, long version,
                                String state, long eventCount, List<AuditEvent> events) {
    }
}
