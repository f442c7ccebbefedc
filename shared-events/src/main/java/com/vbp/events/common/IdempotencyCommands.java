package com.vbp.events.common;

/**
 * The store of first answers to requests sent with an {@code Idempotency-Key} (API.md). The gateway
 * claims a key before it sends a domain command, records the HTTP answer afterwards, and a repeat with
 * the same key gets the recorded answer back. {@code id} is {@code account|key}; {@code fingerprint}
 * names the request (method, path and a digest of the body).
 */
public final class IdempotencyCommands {

    private IdempotencyCommands() {
    }

    public enum ClaimState {
        /** the key is now this request's: run it */
        NEW,
        /** an answer is recorded: return it */
        DONE,
        /** another request with this key is still running */
        IN_PROGRESS
    }

    public record ClaimIdempotencyKey(String id, String fingerprint) {
    }

    /** {@code status}, {@code contentType} and {@code body} are set when the state is DONE. */
    public record IdempotencyClaim(ClaimState state, String fingerprint, Integer status, String contentType,
                                   String body) {
    }

    public record RecordIdempotentAnswer(String id, int status, String contentType, String body) {
    }

    /** Gives a key back when its request failed unexpectedly, so that the client may try again. */
    public record ReleaseIdempotencyKey(String id) {
    }
}
