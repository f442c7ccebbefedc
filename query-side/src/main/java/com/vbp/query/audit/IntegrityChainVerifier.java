package com.vbp.query.audit;

import com.mongodb.client.MongoDatabase;
import com.vbp.events.audit.IntegrityQueries;
import com.vbp.events.audit.IntegrityQueries.BreakKind;
import com.vbp.events.audit.IntegrityQueries.IntegrityBreak;
import com.vbp.events.audit.IntegrityQueries.IntegrityReport;
import com.vbp.events.audit.IntegrityQueries.VerifyIntegrity;
import com.vbp.query.audit.IntegrityChainLinks.Head;
import com.vbp.query.audit.IntegrityChainLinks.Link;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit/verify}: reads the event store from its first event, as stored and without
 * upcasters, recomputes every link and compares it with the link the {@link IntegrityChainProjection} kept.
 * <p>
 * It first waits (up to {@code app.integrity.wait-millis}) for the projection to reach the store's head and to
 * chain any event committed late below it, then verifies through the projection's head (or {@code upTo}). The first difference is the break: an event whose
 * stored form no longer gives its link ({@code ALTERED}), a link whose event is gone ({@code MISSING}), or an
 * event the chain never saw ({@code NOT_IN_CHAIN}). Reading continues to the end after a break, so the head
 * reported is always the head of the store as it is now. Costs one read of the whole history: an auditor's
 * request, not a hot path.
 */
@Component
@EnableConfigurationProperties(IntegrityProperties.class)
public class IntegrityChainVerifier {

    private static final int BATCH = 500;

    private final IntegrityChainSource source;
    private final IntegrityChainLinks links;
    private final Clock clock;
    private final long waitMillis;

    @Autowired
    public IntegrityChainVerifier(IntegrityChainSource source, MongoDatabase db, ObjectProvider<Clock> clock,
                                  IntegrityProperties integrity) {
        this(source, db, clock.getIfAvailable(Clock::systemUTC), integrity.waitMillis().toMillis());
    }

    IntegrityChainVerifier(IntegrityChainSource source, MongoDatabase db, Clock clock, long waitMillis) {
        this.source = source;
        this.links = new IntegrityChainLinks(db);
        this.clock = clock;
        this.waitMillis = waitMillis;
    }

    @QueryHandler
    public IntegrityReport handle(VerifyIntegrity query) throws InterruptedException {
        long storeHead = source.headPosition();
        long wanted = query.upTo() == null ? storeHead : Math.min(query.upTo(), storeHead);
        Link chainHead = awaitChain(wanted).link();
        long through = query.upTo() == null ? chainHead.position() : Math.min(query.upTo(), chainHead.position());

        byte[] link = IntegrityChainHash.GENESIS;
        long position = -1;
        long verified = 0;
        IntegrityBreak firstBreak = null;
        try (IntegrityChainSource.Cursor cursor = source.cursor()) {
            while (position < through) {
                List<IntegrityChainEvent> events = cursor.readAfter(position, BATCH).stream()
                        .filter(e -> e.position() <= through).toList();
                if (events.isEmpty()) {
                    break;
                }
                Map<Long, Link> kept = links.at(events.stream().map(IntegrityChainEvent::position).toList());
                for (IntegrityChainEvent e : events) {
                    byte[] expected = IntegrityChainHash.link(link, e);
                    if (firstBreak == null) {
                        firstBreak = compare(e, position, IntegrityChainHash.hex(expected), kept.get(e.position()));
                    }
                    link = expected;
                    position = e.position();
                    verified++;
                }
            }
        }
        if (firstBreak == null && position < through) {
            // The chain goes on where the store has no more events: the last events were removed.
            Link gone = links.after(position);
            if (gone != null) {
                firstBreak = missing(gone);
            }
        }
        return new IntegrityReport(verified, position, verified == 0 ? null : IntegrityChainHash.hex(link),
                firstBreak == null, firstBreak, IntegrityQueries.ENCODING, clock.instant());
    }

    private IntegrityBreak compare(IntegrityChainEvent e, long previousPosition, String expected, Link kept) {
        if (kept == null) {
            return new IntegrityBreak(e.position(), e.eventId(), e.payloadType(), e.aggregateId(), expected, null,
                    BreakKind.NOT_IN_CHAIN);
        }
        if (kept.previous() > previousPosition) {
            // The chain has an event between the previous stored one and this one that the store no longer has.
            Link gone = links.at(kept.previous());
            return gone == null ? new IntegrityBreak(kept.previous(), null, null, null, null, null, BreakKind.MISSING)
                    : missing(gone);
        }
        if (!kept.hash().equals(expected)) {
            return new IntegrityBreak(e.position(), e.eventId(), e.payloadType(), e.aggregateId(), expected,
                    kept.hash(), BreakKind.ALTERED);
        }
        return null;
    }

    private static IntegrityBreak missing(Link gone) {
        return new IntegrityBreak(gone.position(), gone.eventId(), gone.type(), gone.aggregateId(), null, gone.hash(),
                BreakKind.MISSING);
    }

    /**
     * The projection's head once it has reached {@code position} and chained every late event up to there, or
     * when the wait is over.
     */
    private Head awaitChain(long position) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        Head head = links.head();
        while (!caughtUp(head, position) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            head = links.head();
        }
        return head;
    }

    private boolean caughtUp(Head head, long position) {
        if (head.position() < position) {
            return false;
        }
        try (IntegrityChainSource.Cursor cursor = source.cursor()) {
            return head.holes().stream().filter(h -> h <= position).noneMatch(h -> {
                List<IntegrityChainEvent> next = cursor.readAfter(h - 1, 1);
                return !next.isEmpty() && next.get(0).position() == h;
            });
        }
    }
}
