package com.vbp.query.audit;

import com.mongodb.client.MongoDatabase;
import com.vbp.query.audit.IntegrityChainLinks.Head;
import com.vbp.query.audit.IntegrityChainLinks.Link;
import com.vbp.query.config.CachedReadModel;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hash chain over the event history (see {@link IntegrityChainHash}), in its own processing group.
 * <p>
 * Every event of the stream reaches this handler, but only as a signal: the links are computed from the
 * events as stored, read through {@link IntegrityChainSource} without upcasters, in position order, up to the
 * position the processor's token has reached.
 * <p>
 * In standalone mode a transaction that commits late leaves a gap in the JDBC store's positions, which the
 * tracking processor waits for (its token's gaps) while it goes on. The chain goes on as well and notes the
 * gap as a hole; when the processor no longer waits for it — the event arrived, or the processor gave up on
 * a position that will never be written — an event now stored there is chained in its place and every link
 * after it is recomputed. So the chain is always that of the stored events in position order. Handling an
 * event again (a retried batch, a restart) reads the same events and writes the same links.
 */
@Component
@ProcessingGroup(IntegrityChainProjection.GROUP)
public class IntegrityChainProjection implements CachedReadModel, AutoCloseable {

    public static final String GROUP = "integrity-chain";
    private static final Logger log = LoggerFactory.getLogger(IntegrityChainProjection.class);
    private static final int READ_AHEAD = 100;

    private final IntegrityChainLinks links;
    private final IntegrityChainSource.Cursor stored;
    /** Stored events read ahead: everything stored in ({@code aheadFrom}, {@code aheadTo}] when it was read. */
    private final TreeMap<Long, IntegrityChainEvent> ahead = new TreeMap<>();
    private long aheadFrom = Long.MAX_VALUE;
    private long aheadTo = Long.MIN_VALUE;

    public IntegrityChainProjection(MongoDatabase db, IntegrityChainSource source) {
        this.links = new IntegrityChainLinks(db);
        this.stored = source.cursor();
    }

    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> event, TrackingToken token) {
        // The token's position is the highest position the processor has seen, not necessarily this event's:
        // an event filling a gap comes with the same position as the one before it, and one gap fewer.
        long reached = token.position().orElseThrow(
                () -> new IllegalStateException("event " + event.getIdentifier() + " has no stream position"));
        SortedSet<Long> awaited = gaps(token);
        Head head = links.head();
        if (reached > head.position()) {
            List<IntegrityChainEvent> events = storedBetween(head.position(), reached);
            Set<Long> holes = new TreeSet<>(head.holes());
            Set<Long> chained = new TreeSet<>();
            events.forEach(e -> chained.add(e.position()));
            awaited.subSet(head.position() + 1, reached + 1).stream().filter(p -> !chained.contains(p))
                    .forEach(holes::add);
            chain(head.link(), events, holes);
            head = links.head();
        }
        List<Long> settled = head.holes().stream().filter(h -> !awaited.contains(h)).toList();
        if (!settled.isEmpty()) {
            fill(head, settled);
        }
    }

    @ResetHandler
    void reset() {
        links.clear();
        clearAhead();
    }

    /** The events read ahead: stored events never change, but a replay's switch starts the chain's reading afresh. */
    @Override
    public void dropCaches() {
        clearAhead();
    }

    @PreDestroy
    @Override
    public void close() {
        stored.close();
    }

    /** The processor no longer waits for these holes: chain the events that arrived there, drop the rest. */
    private void fill(Head head, List<Long> settled) {
        List<Long> holes = new ArrayList<>(head.holes());
        holes.removeAll(settled);
        long arrived = settled.stream().filter(this::isStored).mapToLong(Long::longValue).min().orElse(-1);
        if (arrived < 0) {
            links.saveHead(head.link(), holes);
            return;
        }
        Link before = links.before(arrived);
        log.info("Event at position {} was committed after the chain passed it; rechaining from position {} to {}",
                arrived, before.position(), head.position());
        clearAhead();
        chain(before, storedBetween(before.position(), head.position()), holes);
    }

    private boolean isStored(long position) {
        List<IntegrityChainEvent> next = stored.readAfter(position - 1, 1);
        return !next.isEmpty() && next.get(0).position() == position;
    }

    private void chain(Link previous, List<IntegrityChainEvent> events, Iterable<Long> holes) {
        byte[] link = IntegrityChainHash.unhex(previous.hash());
        Link last = previous;
        for (IntegrityChainEvent e : events) {
            link = IntegrityChainHash.link(link, e);
            last = new Link(e.position(), last.position(), last.ordinal() + 1, IntegrityChainHash.hex(link),
                    e.eventId(), e.payloadType(), e.aggregateId());
            links.save(last);
        }
        List<Long> open = new ArrayList<>();
        holes.forEach(open::add);
        links.saveHead(last, open);
    }

    /**
     * The stored events with a position in ({@code after}, {@code through}], in position order. The event at
     * {@code through} has been delivered, so it is stored: when the events read ahead lack it (it committed
     * after they were read), they are read again.
     */
    private List<IntegrityChainEvent> storedBetween(long after, long through) {
        List<IntegrityChainEvent> events = readBetween(after, through);
        if (through > after && (events.isEmpty() || events.get(events.size() - 1).position() != through)) {
            clearAhead();
            events = readBetween(after, through);
            if (events.isEmpty() || events.get(events.size() - 1).position() != through) {
                log.warn("Position {} is not in the event store as read without upcasters", through);
            }
        }
        return events;
    }

    private List<IntegrityChainEvent> readBetween(long after, long through) {
        List<IntegrityChainEvent> events = new ArrayList<>();
        long reached = after;
        while (reached < through) {
            if (aheadFrom > reached || aheadTo <= reached) {
                readAhead(reached);
                if (aheadTo <= reached) {
                    break;
                }
            }
            events.addAll(ahead.subMap(reached, false, through, true).values());
            reached = Math.min(aheadTo, through);
        }
        return events;
    }

    private void readAhead(long after) {
        clearAhead();
        for (IntegrityChainEvent e : stored.readAfter(after, READ_AHEAD)) {
            ahead.put(e.position(), e);
        }
        aheadFrom = after;
        aheadTo = ahead.isEmpty() ? after : ahead.lastKey();
    }

    private void clearAhead() {
        ahead.clear();
        aheadFrom = Long.MAX_VALUE;
        aheadTo = Long.MIN_VALUE;
    }

    /** The positions the processor still waits for (the JDBC store's gaps); none on Axon Server. */
    private static SortedSet<Long> gaps(TrackingToken token) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        return current instanceof GapAwareTrackingToken gapAware ? gapAware.getGaps() : Collections.emptySortedSet();
    }
}
