package com.vbp.command.audit;

import com.vbp.events.audit.AuditQueries.AuditEvent;
import com.vbp.events.audit.AuditQueries.AuditEventsPage;
import com.vbp.events.audit.AuditQueries.FetchAuditEvents;
import com.vbp.events.common.RefusalCode;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The event history for auditors ({@code GET /api/v1/audit/events}), read with {@link EventStore#openStream} from a
 * position cursor, so it works the same on the JDBC store and on Axon Server, and a page stays stable however many
 * events arrive meanwhile.
 * <p>
 * <b>Cursor.</b> {@code after} is the global position of the last event the client has been given or skipped;
 * the page starts right after it. A page ends at the first of: {@code size} matches, {@link #maxScan} events looked
 * at (so a sparse filter cannot scan the whole store in one request), about {@link #MAX_PAGE_CHARS} of payload (an
 * Axon Server answer must stay well below its 4 MB message limit), the head of the store when the query began (or
 * {@code upTo}), and — on the JDBC store — the first position below the head that is not settled yet: a concurrent
 * transaction may have taken position 41 and not committed while 42 already has, so the page stops at 40 and the
 * next one delivers 41 once it is there (see {@link Page} and {@link #tokenAt}). A position left empty for good (a
 * transaction that rolled back: a refused command, a duplicate identifier) must not hold the cursor: a page that
 * would otherwise answer nothing waits up to {@link #GAP_SETTLE} for it and then steps over it, as committed
 * transactions of this service take milliseconds (Axon's own gap timeout, a minute, would leave a client polling the
 * same cursor meanwhile). The answer's {@code next} is the position of the last event looked at, matched or not, and
 * is beyond {@code after} unless the page is {@code complete}, so a client following it reaches the head in a
 * bounded number of pages; events come in ascending position order. A page also ends after {@code maxPageTime}
 * (property {@code app.audit.max-page-time}), so a sparse filter answers at once with where to continue.
 * <p>
 * <b>Time.</b> Event timestamps are taken when the command is handled and positions when it commits, so they agree
 * to within a transaction's length. {@code from} therefore starts the scan at Axon's token for one minute before
 * {@code from}, and the history is complete for {@code to} once an event more than a minute after {@code to} is seen.
 */
@Component
@EnableConfigurationProperties(AuditProperties.class)
public class EventHistory {

    /** the events one request looks at, at most (property {@code app.audit.max-scan}) */
    public static final int DEFAULT_MAX_SCAN = 20_000;
    /** payload characters per page, about; at least one event is always answered */
    static final int MAX_PAGE_CHARS = 2_000_000;
    /** how far timestamps and commit order may disagree: Axon's default gap timeout */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);
    /** how long a page waits for the next event (Axon Server streams need a moment) */
    private static final int POLL_MILLIS = 2_000;
    /** how long a page waits for a position below the ones it holds to be committed */
    private static final int GAP_POLL_MILLIS = 300;
    /** a position no event has (see {@link #tokenAt}) */
    private static final long NO_POSITION = -1;
    /** events a page holds back while a lower position is missing, at most */
    static final int MAX_PENDING = 2_000;
    /**
     * how long a page that has not moved yet waits for a missing position before taking it for a transaction that
     * rolled back: far longer than a commit of this service takes, far shorter than a client's patience
     */
    static final Duration GAP_SETTLE = Duration.ofSeconds(2);
    /** the time one page spends reading, about (property {@code app.audit.max-page-time}) */
    static final String MAX_PAGE_TIME = "PT0.8S";
    public static final Duration DEFAULT_MAX_PAGE_TIME = Duration.parse(MAX_PAGE_TIME);

    private final EventStore eventStore;
    private final AuditedAggregates aggregates;
    private final int maxScan;
    private final Duration maxPageTime;

    public EventHistory(EventStore eventStore, AuditedAggregates aggregates, AuditProperties audit) {
        this.eventStore = eventStore;
        this.aggregates = aggregates;
        this.maxScan = audit.maxScan();
        this.maxPageTime = audit.maxPageTime();
    }

    @QueryHandler
    public AuditEventsPage handle(FetchAuditEvents query) throws InterruptedException {
        TrackingToken headToken = eventStore.createHeadToken();
        Long head = headToken == null ? null : headToken.position().orElse(-1);
        if (query.after() != null && (query.after() < 0 || head == null || query.after() > head)) {
            throw AuditRefusals.refuse(RefusalCode.INVALID_CURSOR, "after=" + query.after()
                    + " is not a position of this event store", figures("after", query.after(), "head", head));
        }
        if (query.batchCode() != null && query.after() == null && !isBatch(query.batchCode())) {
            // answered at once rather than after a scan of the whole store that can only find nothing
            throw AuditRefusals.refuse(RefusalCode.UNKNOWN_BATCH, "No procurement or retention batch "
                    + query.batchCode(),
                    Map.of("batch", query.batchCode()));
        }
        if (head == null || head < 0) {
            return new AuditEventsPage(List.of(), query.after(), head, 0, true);
        }
        long upTo = query.upTo() == null ? head : Math.min(query.upTo(), head);
        long start = startAfter(query);
        TrackingToken from = start < 0 ? null : tokenAt(start, headToken);
        Page page = new Page(query, new Filter(query, resolveType(query.aggregateType())), start, from, upTo);
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(from)) {
            while (page.drain()) {
                if (page.pending.size() < MAX_PENDING && stream.hasNextAvailable(
                        page.pending.isEmpty() ? POLL_MILLIS : GAP_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    page.read(stream.nextAvailable());
                } else if (page.pending.isEmpty() || page.movedOn()) {
                    break; // nothing more for now, or a page that moved on ends before the gap: the next one waits
                } else {
                    page.awaitGap();
                }
            }
        }
        return new AuditEventsPage(List.copyOf(page.items), page.last < 0 ? query.after() : Long.valueOf(page.last),
                head, page.scanned, page.complete);
    }

    /**
     * Whether {@code code} is a batch: batches of both kinds are aggregates identified by their code, whose first
     * event names it as its {@code batchCode}.
     */
    private boolean isBatch(String code) {
        DomainEventStream events = eventStore.readEvents(code, 0);
        return events.hasNext() && batchCodeOf(events.next().getPayload()).filter(code::equals).isPresent();
    }

    /** Where the scan starts: after the cursor, or later when {@code from} lets it skip what is surely earlier. */
    private long startAfter(FetchAuditEvents query) {
        long start = query.after() == null ? -1 : query.after();
        if (query.from() != null) {
            TrackingToken token = eventStore.createTokenAt(query.from().minus(CLOCK_MARGIN));
            if (token != null && token.position().isPresent()) {
                start = Math.max(start, token.position().getAsLong());
            }
        }
        return start;
    }

    /**
     * A token meaning "everything up to {@code position} seen", of the kind this store uses. On the JDBC store it
     * also names position -1 as a gap, which no event can fill: no event in the shared cache of Axon's
     * {@code EmbeddedEventStore} carries such a token, so the stream is a fresh read of the store, whose tokens name
     * exactly the positions not committed yet — and none older than Axon's gap timeout, which it gives up itself —
     * rather than the cache's view of them at the time it was filled, which may name a gap long since filled.
     */
    static TrackingToken tokenAt(long position, TrackingToken sample) {
        if (sample instanceof GapAwareTrackingToken) {
            return GapAwareTrackingToken.newInstance(position, List.of(NO_POSITION));
        }
        return new GlobalSequenceTrackingToken(position);
    }

    private String resolveType(String aggregateType) {
        if (aggregateType == null) {
            return null;
        }
        return aggregates.axonTypeOf(aggregateType).orElse(aggregateType);
    }

    private static Map<String, Object> figures(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> figures = new HashMap<>();
        figures.put(k1, v1 == null ? "none" : v1);
        figures.put(k2, v2 == null ? "none" : v2);
        return figures;
    }

    /**
     * One page being read. Events are taken in position order; an event waits in {@link #pending} while a position
     * below it is {@link #missing}: a gap its tracking token reports, which the stream delivers later, out of order,
     * once that transaction has committed (see {@link #positionOf}). While a gap stays open the page ends before it
     * and the next page reads the store again, unless the page has not moved on yet: then it waits for the gap up to
     * {@link #GAP_SETTLE} and steps over it (a transaction that rolled back leaves one for good; the store's own tokens
     * also stop naming a gap once the event after it is older than Axon's gap timeout).
     */
    private final class Page {

        final FetchAuditEvents query;
        final Filter filter;
        final long upTo;
        final long start;
        final long startedAt = System.nanoTime();
        /** when the page, not moved on yet, found itself held by a missing position; 0: not held */
        long heldSince;
        final List<AuditEvent> items = new ArrayList<>();
        final TreeMap<Long, TrackedEventMessage<?>> pending = new TreeMap<>();
        final TreeSet<Long> missing = new TreeSet<>();
        long last;
        long scanned;
        long chars;
        boolean complete;
        boolean full;
        /** the token of the last event read, first the one the stream was opened at */
        private TrackingToken streamToken;

        Page(FetchAuditEvents query, Filter filter, long start, TrackingToken from, long upTo) {
            this.query = query;
            this.filter = filter;
            this.last = start;
            this.start = start;
            this.streamToken = from;
            this.upTo = upTo;
        }

        void read(TrackedEventMessage<?> event) {
            long position = positionOf(event);
            if (position <= last || pending.containsKey(position)) {
                return; // at or below the cursor (the client has moved past it), or read twice
            }
            missing.remove(position);
            if (event.trackingToken() instanceof GapAwareTrackingToken token) {
                token.getGaps().subSet(last + 1, position).stream().filter(gap -> !pending.containsKey(gap))
                        .forEach(missing::add);
            }
            pending.put(position, event);
        }

        /** Takes every pending event no unsettled position precedes; false once the page is complete or full. */
        boolean drain() {
            while (!complete && !full) {
                if (last >= upTo) {
                    complete = true;
                    break;
                }
                if (items.size() >= query.size() || scanned >= maxScan || chars >= MAX_PAGE_CHARS
                        || (scanned > 0 && System.nanoTime() - startedAt >= maxPageTime.toNanos())) {
                    full = true;
                    break;
                }
                if (pending.isEmpty() || !settledBelow(pending.firstKey())) {
                    return true;
                }
                Map.Entry<Long, TrackedEventMessage<?>> next = pending.pollFirstEntry();
                long position = next.getKey();
                if (position > upTo) {
                    complete = true;
                    break;
                }
                TrackedEventMessage<?> event = next.getValue();
                scanned++;
                last = position;
                if (query.to() != null && event.getTimestamp().isAfter(query.to().plus(CLOCK_MARGIN))) {
                    complete = true;
                    break;
                }
                if (filter.matches(event)) {
                    AuditEvent item = AuditEvents.of(event, position);
                    items.add(item);
                    chars += item.payload().length();
                }
            }
            return false;
        }

        /**
         * The event's global position. A token's position is its highest position, so an event that fills a gap
         * carries the token of the event read before it, less that gap: its position is the gap the token lost (the
         * highest, should the store have given up lower ones at the same time).
         */
        private long positionOf(TrackedEventMessage<?> event) {
            TrackingToken token = event.trackingToken();
            long position = token.position().orElseThrow();
            if (token instanceof GapAwareTrackingToken now && streamToken instanceof GapAwareTrackingToken before
                    && now.getIndex() <= before.getIndex()) {
                position = before.getGaps().stream().filter(gap -> !now.getGaps().contains(gap))
                        .max(Long::compare).orElse(position);
            }
            streamToken = token;
            return position;
        }

        /** Whether the cursor has moved past {@code after}. */
        boolean movedOn() {
            return last > start;
        }

        /**
         * Called while nothing has moved the cursor and a missing position holds the first pending event: waits a
         * little, and once the page has been held for {@link #GAP_SETTLE}, gives up the positions missing below it.
         */
        void awaitGap() throws InterruptedException {
            long now = System.nanoTime();
            if (heldSince == 0) {
                heldSince = now;
            }
            if (now - heldSince >= GAP_SETTLE.toNanos()) {
                missing.headSet(pending.firstKey()).clear();
            } else {
                Thread.sleep(50); // the stream may answer at once (an in-memory store): do not spin
            }
        }

        /** Whether no position below {@code position} is known to be missing. */
        private boolean settledBelow(long position) {
            return missing.headSet(position).isEmpty();
        }
    }

    /** The filters of one query; remembers, for this query only, which batch each aggregate belongs to. */
    private final class Filter {

        private final FetchAuditEvents query;
        private final String axonType;
        private final Map<String, Optional<String>> batchOfAggregate = new HashMap<>();

        Filter(FetchAuditEvents query, String axonType) {
            this.query = query;
            this.axonType = axonType;
        }

        boolean matches(TrackedEventMessage<?> event) {
            DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
            if (axonType != null && (domain == null || !axonType.equalsIgnoreCase(domain.getType()))) {
                return false;
            }
            if (query.aggregateId() != null
                    && (domain == null || !query.aggregateId().equals(domain.getAggregateIdentifier()))) {
                return false;
            }
            Instant at = event.getTimestamp();
            if ((query.from() != null && at.isBefore(query.from())) || (query.to() != null && !at.isBefore(query.to()))) {
                return false;
            }
            if (query.account() != null && !query.account().equals(AuditEvents.account(event))) {
                return false;
            }
            return query.batchCode() == null || query.batchCode().equals(batchOf(event, domain));
        }

        /**
         * The payload's {@code batchCode}; for an event without one (an appeal's reply), that of its aggregate's
         * first event (the appeal was filed on a batch).
         */
        private String batchOf(TrackedEventMessage<?> event, DomainEventMessage<?> domain) {
            Optional<String> own = batchCodeOf(event.getPayload());
            if (own.isPresent() || domain == null) {
                return own.orElse(null);
            }
            return batchOfAggregate.computeIfAbsent(domain.getAggregateIdentifier(), id -> {
                DomainEventStream events = eventStore.readEvents(id, 0);
                return events.hasNext() ? batchCodeOf(events.next().getPayload()) : Optional.empty();
            }).orElse(null);
        }
    }

    /** The payload's {@code batchCode()}, if it has one (the batch, allocation, capacity, retention events). */
    static Optional<String> batchCodeOf(Object payload) {
        if (payload == null) {
            return Optional.empty();
        }
        try {
            Method accessor = payload.getClass().getMethod("batchCode");
            return accessor.getReturnType() == String.class
                    ? Optional.ofNullable((String) accessor.invoke(payload)) : Optional.empty();
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException none) {
            return Optional.empty();
        }
    }
}
