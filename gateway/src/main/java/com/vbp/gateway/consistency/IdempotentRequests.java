package com.vbp.gateway.consistency;

import com.vbp.events.common.IdempotencyCommands.ClaimIdempotencyKey;
import com.vbp.events.common.IdempotencyCommands.IdempotencyClaim;
import com.vbp.events.common.IdempotencyCommands.RecordIdempotentAnswer;
import com.vbp.events.common.IdempotencyCommands.ReleaseIdempotencyKey;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.problem.Refused;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} (API.md): the first request with a key runs and its answer — success or
 * refusal — is recorded; a repeat with the same key gets the recorded answer, byte for byte, and runs
 * nothing. Keys belong to the account that sent them. A key reused for a different request (another
 * method, path or body) is refused with 422 {@code IDEMPOTENCY_KEY_REUSED}; a repeat while the first is
 * still running with 409 {@code IDEMPOTENCY_KEY_IN_USE}. An unexpected failure (a 5xx) gives the key back.
 * <p>
 * The answers live in the query side's store ({@code IdempotentAnswers}), reached through Axon with the
 * commands of {@code IdempotencyCommands}: the gateway touches no store itself (ArchUnit), every instance
 * shares the same answers, and a claim is atomic across instances. {@link IdempotencyFilter} applies this
 * to every POST and PUT. See docs/decisions.md.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 200;

    private final CommandGateway commands;

    public IdempotentRequests(CommandGateway commands) {
        this.commands = commands;
    }

    /** An HTTP answer as recorded: status, content type (may be null) and body. */
    public record Answer(int status, String contentType, byte[] body, boolean replayed) {

        public static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code action} once per (account, key); {@code fingerprint} names the request (method, path,
     * body digest). Without a key, the action simply runs.
     */
    public Answer run(String account, String key, String fingerprint, Supplier<Answer> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new Refused(RefusalCode.INVALID_REQUEST,
                    HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String id = account + "|" + key;
        IdempotencyClaim claim = commands.sendAndWait(new ClaimIdempotencyKey(id, fingerprint));
        if (!fingerprint.equals(claim.fingerprint())) {
            throw new Refused(RefusalCode.IDEMPOTENCY_KEY_REUSED,
                    "This " + HEADER + " was used for a different request");
        }
        switch (claim.state()) {
            case DONE:
                return new Answer(claim.status(), claim.contentType(),
                        claim.body().getBytes(StandardCharsets.UTF_8), true);
            case IN_PROGRESS:
                throw new Refused(RefusalCode.IDEMPOTENCY_KEY_IN_USE,
                        "A request with this " + HEADER + " is still being processed; repeat it later");
            default:
                break;
        }
        Answer answer;
        try {
            answer = action.get();
        } catch (RuntimeException e) {
            release(id);
            throw e;
        }
        if (answer.status() >= 500) {
            release(id);
        } else {
            commands.sendAndWait(new RecordIdempotentAnswer(id, answer.status(), answer.contentType(), answer.text()));
        }
        return answer;
    }

    private void release(String id) {
        try {
            commands.sendAndWait(new ReleaseIdempotencyKey(id));
        } catch (RuntimeException ignored) {
            // the lease runs out instead
        }
    }
}
