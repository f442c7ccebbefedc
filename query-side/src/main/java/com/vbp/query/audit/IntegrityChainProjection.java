package com.vbp.query.audit;

import com.mongodb.client.MongoDatabase;
import com.vbp.query.audit.IntegrityChainLinks.Link;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain over the event history (see {@link IntegrityChainHash}), in its own processing group.
 * <p>
 * Every event of the stream reaches this handler, but only as a signal of its position: the link is
 * computed from the event as stored, read through {@link IntegrityChainSource} without upcasters. Events
 * are chained in position order. In standalone mode a transaction that committed late can put an event
 * below positions already chained (the JDBC store's gaps); the tracking processor then delivers it late,
 * and the chain is recomputed from the event before it to the head, so the chain is always the chain of
 * the stored events in position order. Redelivered events (a retried batch, a restart) find their link
 * already written and change nothing.
 */
@Component
@ProcessingGroup(IntegrityChainProjection.GROUP)
public class IntegrityChainProjection {

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
        long position = token.position().orElseThrow(
                () -> new IllegalStateException("event " + event.getIdentifier() + " has no stream position"));
        Link head = links.head();
        if (position > head.position()) {
            chain(head, storedBetween(head.position(), position));
        } else if (links.at(position) == null) {
            // Committed late, below the head: chain it in its place and recompute the links after it.
            Link before = links.before(position);
            log.info("Event {} at position {} arrived after position {}; rechaining from position {}",
                    event.getIdentifier(), position, head.position(), before.position());
            clearAhead();
            chain(before, storedBetween(before.position(), head.position()));
        }
    }

    @ResetHandler
    void reset() {
        links.clear();
        clearAhead();
    }

    @PreDestroy
    void close() {
        stored.close();
    }

    private void chain(Link previous, List<IntegrityChainEvent> events) {
        byte[] link = IntegrityChainHash.unhex(previous.hash());
        Link last = previous;
        for (IntegrityChainEvent e : events) {
            link = IntegrityChainHash.link(link, e);
            last = new Link(e.position(), last.position(), last.ordinal() + 1, IntegrityChainHash.hex(link),
                    e.eventId(), e.payloadType(), e.aggregateId());
            links.save(last);
        }
        if (last.position() >= links.head().position()) {
            links.saveHead(last);
        }
    }

    /** The stored events with a position in ({@code after}, {@code through}], in position order. */
    private List<IntegrityChainEvent> storedBetween(long after, long through) {
        List<IntegrityChainEvent> events = new ArrayList<>();
        long reached = after;
        while (reached < through) {
            if (aheadFrom > reached || aheadTo <= reached) {
                readAhead(reached);
                if (aheadTo <= reached) {
                    log.warn("Position {} is not in the event store as read without upcasters; the chain stops at {}",
                            through, reached);
                    break;
                }
            }
            for (Map.Entry<Long, IntegrityChainEvent> e : ahead.subMap(reached, false, through, true).entrySet()) {
                events.add(e.getValue());
            }
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
}
