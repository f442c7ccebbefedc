package com.vbp.query.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link encoding {@code vbp-chain-1}, checked against links computed independently from its description
 * (a few lines of Python's hashlib, not this class), so that an auditor's own implementation can be checked
 * against the same figures.
 */
class IntegrityChainHashTest {

    static final IntegrityChainEvent FIRST = new IntegrityChainEvent(1, "e-1", "ProcurementBatch", "批次-1", 0,
            Instant.parse("2026-03-01T08:00:00Z"), "com.example.Created", "1",
            "{\"name\":\"银杏叶片\"}".getBytes(StandardCharsets.UTF_8), Map.of("traceId", "t-1", "correlationId", "c-1"));
    static final IntegrityChainEvent SECOND = new IntegrityChainEvent(2, "e-2", null, null, -1,
            Instant.parse("2026-03-01T08:00:01.500Z"), "com.example.Other", null, new byte[0], Map.of());

    @Test
    void links_follow_the_documented_encoding() {
        byte[] first = IntegrityChainHash.link(IntegrityChainHash.GENESIS, FIRST);
        byte[] second = IntegrityChainHash.link(first, SECOND);

        assertThat(IntegrityChainHash.hex(first))
                .isEqualTo("4d8a0be22db15783fafa578ab1217b966596d853f537142c5d7c26d9a819b46b");
        assertThat(IntegrityChainHash.hex(second))
                .isEqualTo("e854c3d2ade530ec494056eaefc08385c920ff2f3fc25835b107f7786213c4dc");
    }

    @Test
    void every_part_of_the_event_and_the_previous_link_count() {
        byte[] link = IntegrityChainHash.link(IntegrityChainHash.GENESIS, FIRST);
        byte[] otherPayload = IntegrityChainHash.link(IntegrityChainHash.GENESIS, new IntegrityChainEvent(1, "e-1",
                "ProcurementBatch", "批次-1", 0, FIRST.timestamp(), "com.example.Created", "1",
                "{\"name\":\"银杏叶胶囊\"}".getBytes(StandardCharsets.UTF_8), FIRST.metaData()));
        byte[] otherMetaData = IntegrityChainHash.link(IntegrityChainHash.GENESIS, new IntegrityChainEvent(1, "e-1",
                "ProcurementBatch", "批次-1", 0, FIRST.timestamp(), "com.example.Created", "1", FIRST.payload(),
                Map.of("traceId", "t-2", "correlationId", "c-1")));
        byte[] otherRevision = IntegrityChainHash.link(IntegrityChainHash.GENESIS, new IntegrityChainEvent(1, "e-1",
                "ProcurementBatch", "批次-1", 0, FIRST.timestamp(), "com.example.Created", "2", FIRST.payload(),
                FIRST.metaData()));
        byte[] otherPrevious = IntegrityChainHash.link(link, FIRST);

        assertThat(otherPayload).isNotEqualTo(link);
        assertThat(otherMetaData).isNotEqualTo(link);
        assertThat(otherRevision).isNotEqualTo(link);
        assertThat(otherPrevious).isNotEqualTo(link);
        assertThat(IntegrityChainHash.link(IntegrityChainHash.GENESIS, FIRST)).as("deterministic").isEqualTo(link);
        assertThat(IntegrityChainHash.link(IntegrityChainHash.GENESIS, new IntegrityChainEvent(99, "e-1",
                "ProcurementBatch", "批次-1", 0, FIRST.timestamp(), "com.example.Created", "1", FIRST.payload(),
                FIRST.metaData()))).as("the position is not hashed").isEqualTo(link);
    }
}
