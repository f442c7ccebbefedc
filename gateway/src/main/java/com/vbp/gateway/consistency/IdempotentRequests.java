package com.vbp.gateway.consistency;

import com.vbp.events.common.Refusal;
import com.vbp.gateway.problem.ProblemHandler;
import com.vbp.gateway.problem.RefusalStatus;
import com.vbp.gateway.problem.Refused;
import com.vbp.events.common.IdempotencyCommands.ClaimIdempotencyKey;
import com.vbp.events.common.IdempotencyCommands.IdempotencyClaim;
import com.vbp.events.common.IdempotencyCommands.RecordIdempotentAnswer;
import com.vbp.events.common.IdempotencyCommands.ReleaseIdempotencyKey;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.HandlerExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on a POST/PUT (API.md): the first request with a key runs and its answer —
 * success or refusal — is recorded; a repeat with the same key gets the recorded answer, byte for byte,
 * and sends no command. Keys belong to the account that sent them. A key reused for a different request
 * (another path or body) is refused with 422 {@code IDEMPOTENCY_KEY_REUSED}; a repeat while the first is
 * still running with 409 {@code IDEMPOTENCY_KEY_IN_USE}. An unexpected failure (a 5xx) gives the key back.
 * <p>
 * The answers live in the query side's store ({@code IdempotentAnswers}), reached through Axon with three
 * named commands carrying string maps: the gateway touches no store itself (ArchUnit), every instance of
 * it shares the same answers, and a claim is atomic across instances. See docs/decisions.md.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 200;

    private final CommandGateway commands;
    private final JsonMapper json;

    public IdempotentRequests(CommandGateway commands, JsonMapper json) {
        this.commands = commands;
        this.json = json;
    }

    /**
     * Runs {@code action} once per (account, key). {@code request} names the request (method and path);
     * {@code body} is the request body or null. Without a key, the action simply runs.
     */
    public ResponseEntity<?> run(String account, String key, String request, Object body,
                                 Supplier<ResponseEntity<?>> action) {
        if (key == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new Refused(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                    HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        String id = account + "|" + key;
        String fingerprint = request + " " + digest(body == null ? "" : json.writeValueAsString(body));
        IdempotencyClaim claim = commands.sendAndWait(new ClaimIdempotencyKey(id, fingerprint));
        if (!fingerprint.equals(claim.fingerprint())) {
            throw new Refused(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED",
                    "This " + HEADER + " was used for a different request");
        }
        switch (claim.state()) {
            case DONE:
                return ResponseEntity.status(claim.status())
                        .contentType(MediaType.parseMediaType(claim.contentType()))
                        .header(REPLAYED_HEADER, "true")
                        .body(claim.body().getBytes(StandardCharsets.UTF_8));
            case IN_PROGRESS:
                throw new Refused(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_USE",
                        "A request with this " + HEADER + " is still being processed; repeat it later");
            default:
                break;
        }
        ResponseEntity<?> answer;
        try {
            answer = action.get();
        } catch (Refused e) {
            answer = ResponseEntity.status(e.status()).body(ProblemHandler.problem(e.status(), e.refusal()));
        } catch (HandlerExecutionException e) {
            if (!(e.getDetails().orElse(null) instanceof Refusal refusal)) {
                release(id);
                throw e;
            }
            HttpStatus status = RefusalStatus.of(refusal.code());
            answer = ResponseEntity.status(status).body(ProblemHandler.problem(status, refusal));
        } catch (RuntimeException e) {
            release(id);
            throw e;
        }
        MediaType type = answer.getStatusCode().isError() ? MediaType.APPLICATION_PROBLEM_JSON
                : MediaType.APPLICATION_JSON;
        String text = answer.getBody() == null ? "" : json.writeValueAsString(answer.getBody());
        commands.sendAndWait(new RecordIdempotentAnswer(id, answer.getStatusCode().value(), type.toString(), text));
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).contentType(type)
                .body(text.getBytes(StandardCharsets.UTF_8));
    }

    private void release(String id) {
        try {
            commands.sendAndWait(new ReleaseIdempotencyKey(id));
        } catch (RuntimeException ignored) {
            // the lease runs out instead
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
