package com.vbp.events.audit;

import java.time.Instant;

/**
 * The integrity of the event history: a hash chain over every stored event, kept by the query side's
 * integrity-chain projection, and its verification against the event store as it is now.
 * <p>
 * Each link is SHA-256 over the previous link and the event as stored (identifier, aggregate, timestamp,
 * payload type and revision, the payload's stored bytes and the metadata); the exact encoding is
 * {@link #ENCODING}, written out in {@code IntegrityChainHash} (query side, {@code audit}).
 */
public final class IntegrityQueries {

    /** The name of the link encoding; a future change of encoding gets a new name. */
    public static final String ENCODING = "vbp-chain-1 (SHA-256)";

    private IntegrityQueries() {
    }

    /**
     * Recomputes the chain from the event store from the first event and compares every link with the one
     * the projection kept. {@code upTo} (a position, optional) stops there, so that an auditor can compare
     * the link of a position written down earlier.
     */
    public record VerifyIntegrity(Long upTo) {
    }

    /**
     * {@code verifiedEvents}: events read and recomputed; {@code headPosition} / {@code headHash}: the last of
     * them and its link as recomputed from the store (-1 and null when there is none); {@code intact}: every
     * link matched; {@code firstBreak}: the first event where the chain breaks, or null.
     */
    public record IntegrityReport(long verifiedEvents, long headPosition, String headHash, boolean intact,
                                  IntegrityBreak firstBreak, String encoding, Instant verifiedAt) {
    }

    /**
     * Where the chain breaks. {@code expectedHash} is the link recomputed from the event store (the previous
     * link and the event as it is stored now), {@code storedHash} the link the integrity-chain projection
     * kept when it first saw the event (null when it never saw it).
     */
    public record IntegrityBreak(long position, String eventId, String type, String aggregateId,
                                 String expectedHash, String storedHash, BreakKind kind) {
    }

    public enum BreakKind {
        /** the stored event no longer hashes to the link kept for it */
        ALTERED,
        /** the chain kept a link for an event that is no longer in the store */
        MISSING,
        /** an event is in the store where the chain has none */
        NOT_IN_CHAIN
    }
}
