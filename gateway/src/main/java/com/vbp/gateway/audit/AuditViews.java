package com.vbp.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.vbp.events.audit.AuditQueries.AggregateAsOf;
import com.vbp.events.audit.AuditQueries.AuditEvent;
import com.vbp.events.audit.AuditQueries.AuditEventsPage;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the audit endpoints: the command side's answers with payloads and states as JSON trees (the
 * records carry them as JSON text, which would reach a client as one escaped string), and a page of events with
 * the request's {@code size} and {@code after} beside the cursor.
 */
final class AuditViews {

    /** keeps every decimal of a payload exact, trailing zeros included */
    private static final JsonMapper PARSER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();

    private AuditViews() {
    }

    static JsonNode tree(String json) {
        try {
            return json == null ? null : PARSER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // the event store holds what Axon's serializer wrote
        }
    }

    /**
     * One event: {@code position} its global position (the cursor), {@code type} and {@code revision} its
     * payload's, {@code metadata} who sent it (account, organisation, role), the request's {@code correlationId},
     * Axon's {@code traceId} and the {@code idempotencyKey}; {@code payload} with secrets redacted.
     */
    public record EventItem(Long position, String eventId, String aggregateType, String aggregateId,
                            Long sequenceNumber, String type, String revision, Instant timestamp,
                            Map<String, String> metadata, JsonNode payload) {
        static EventItem of(AuditEvent e) {
            return new EventItem(e.position(), e.eventId(), e.aggregateType(), e.aggregateId(), e.sequenceNumber(),
                    e.type(), e.revision(), e.timestamp(), e.metadata(), tree(e.payload()));
        }
    }

    /**
     * A page of the history: pass {@code next} as {@code after} for the following one (it moves on even when no
     * event matched); {@code complete} says nothing after {@code next} can match yet.
     */
    public record EventsPage(List<EventItem> items, int size, Long after, Long next, Long head, long scanned,
                             boolean complete) {
        static EventsPage of(AuditEventsPage p, int size, Long after) {
            return new EventsPage(p.items().stream().map(EventItem::of).toList(), size, after, p.next(), p.head(),
                    p.scanned(), p.complete());
        }
    }

    /** An aggregate rebuilt from its events up to {@code asOf}, with those events. */
    public record AggregateView(String type, String id, String aggregateType, Instant asOf, long version,
                                JsonNode state, long eventCount, List<EventItem> events) {
        static AggregateView of(AggregateAsOf a) {
            return new AggregateView(a.type(), a.aggregateId(), a.aggregateType(), a.asOf(), a.version(),
                    tree(a.state()), a.eventCount(), a.events().stream().map(EventItem::of).toList());
        }
    }
}
