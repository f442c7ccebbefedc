package com.vbp.query.audit;

import java.util.List;

/**
 * The event store read as stored: no upcaster runs, so every event comes with the bytes the store holds
 * (see {@link IntegrityChainHash} for why). Standalone mode reads Axon's JDBC event table through a JDBC
 * storage engine of its own, distributed mode Axon Server through an event store of its own; both are
 * built without the application's upcaster chain.
 */
public interface IntegrityChainSource {

    /** A reader with a position of its own; close it when done. */
    Cursor cursor();

    /** The position of the last stored event, -1 when there is none. */
    long headPosition();

    interface Cursor extends AutoCloseable {

        /** Up to {@code max} stored events with a position after {@code position}, in position order. */
        List<IntegrityChainEvent> readAfter(long position, int max);

        @Override
        void close();
    }
}
