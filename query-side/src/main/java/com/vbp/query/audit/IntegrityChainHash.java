package com.vbp.query.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The link encoding of the integrity chain, {@code vbp-chain-1}:
 * <pre>
 * link(first event)  = SHA-256( 32 zero bytes ‖ E(first event) )
 * link(next event)   = SHA-256( link(previous event) as 32 bytes ‖ E(next event) )
 *
 * E(event) = str(event identifier) ‖ str(aggregate type) ‖ str(aggregate identifier) ‖ int64(sequence number)
 *          ‖ int64(timestamp in epoch milliseconds) ‖ str(payload type) ‖ str(payload revision)
 *          ‖ bytes(payload exactly as stored)
 *          ‖ int32(number of metadata entries) ‖ for each entry in ascending order of its key
 *            (Java String order): str(key) ‖ str(String.valueOf(value))
 *
 * str(s)   = int32 length of s in UTF-8 bytes, then those bytes; a null s is int32 -1 and nothing else
 * bytes(b) = int32 length of b, then b
 * int32, int64: big-endian two's complement; a missing sequence number (no aggregate) is -1
 * </pre>
 * Events are chained in the order of their position in the event stream; the position itself is not
 * hashed, so the chain survives moving the history to another store that keeps payload bytes. Links are
 * written as 64 lowercase hexadecimal digits.
 * <p>
 * Why the stored payload bytes and not a re-serialization of the event: an upcaster changes what the
 * application reads (a renamed field, a new revision) but not what is stored; hashing the stored bytes,
 * read without upcasters, keeps the chain intact when an upcaster is added, while any change to the
 * stored bytes breaks it. Metadata is hashed as its key/value pairs because Axon Server keeps metadata
 * as a map, not as the bytes the application serialized.
 */
public final class IntegrityChainHash {

    /** The "previous link" of the first event. */
    public static final byte[] GENESIS = new byte[32];

    private static final HexFormat HEX = HexFormat.of();

    private IntegrityChainHash() {
    }

    public static byte[] link(byte[] previous, IntegrityChainEvent e) {
        MessageDigest sha = sha256();
        sha.update(previous);
        str(sha, e.eventId());
        str(sha, e.aggregateType());
        str(sha, e.aggregateId());
        int64(sha, e.sequenceNumber());
        int64(sha, e.timestamp().toEpochMilli());
        str(sha, e.payloadType());
        str(sha, e.payloadRevision());
        bytes(sha, e.payload());
        Map<String, Object> metaData = new java.util.TreeMap<>(e.metaData());
        int32(sha, metaData.size());
        metaData.forEach((key, value) -> {
            str(sha, key);
            str(sha, String.valueOf(value));
        });
        return sha.digest();
    }

    public static String hex(byte[] link) {
        return HEX.formatHex(link);
    }

    public static byte[] unhex(String link) {
        return HEX.parseHex(link);
    }

    private static void str(MessageDigest sha, String s) {
        if (s == null) {
            int32(sha, -1);
        } else {
            bytes(sha, s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void bytes(MessageDigest sha, byte[] b) {
        int32(sha, b.length);
        sha.update(b);
    }

    private static void int32(MessageDigest sha, int n) {
        sha.update(ByteBuffer.allocate(4).putInt(n).array());
    }

    private static void int64(MessageDigest sha, long n) {
        sha.update(ByteBuffer.allocate(8).putLong(n).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
