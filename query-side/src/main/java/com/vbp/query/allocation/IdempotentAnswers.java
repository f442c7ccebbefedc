package com.vbp.query.allocation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.CommandHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The first answers of requests sent with an {@code Idempotency-Key} (API.md): the gateway claims a key
 * before it sends the domain command, records the HTTP answer afterwards, and a repeat with the same key
 * gets the recorded answer without the command being sent again.
 * <p>
 * The gateway never touches a store, so it reaches this store through Axon with three named commands
 * whose payloads are plain string maps ({@link #CLAIM}, {@link #RECORD}, {@link #RELEASE}); they work the
 * same on the local bus and through Axon Server, and every gateway instance shares the one store. The
 * claim is atomic: a new key is an insert on {@code _id} (the only unique index mongo-java-server has), so
 * two concurrent requests with one key cannot both run. A claim whose gateway died before recording
 * (older than the lease) may be taken over. Answers are not a projection: a replay does not clear them.
 * <p>
 * Fields of the maps: {@code id} (account|key), {@code fingerprint} (method, path and body digest),
 * {@code status}, {@code contentType}, {@code body}; a claim answers {@code state} NEW, DONE (with the
 * recorded answer) or IN_PROGRESS, and the fingerprint of the first request.
 */
@Component
public class IdempotentAnswers {

    public static final String CLAIM = "vbp.idempotency.Claim";
    public static final String RECORD = "vbp.idempotency.Record";
    public static final String RELEASE = "vbp.idempotency.Release";

    private final MongoCollection<Document> answers;
    private final long leaseMillis;
    private final Clock clock;

    @Autowired
    public IdempotentAnswers(MongoDatabase db, @Value("${app.idempotency.lease-millis:60000}") long leaseMillis) {
        this(db, leaseMillis, Clock.systemUTC());
    }

    IdempotentAnswers(MongoDatabase db, long leaseMillis, Clock clock) {
        this.answers = db.getCollection("idempotent_answers");
        this.leaseMillis = leaseMillis;
        this.clock = clock;
    }

    @CommandHandler(commandName = CLAIM)
    public Map<String, String> claim(Map<String, String> request) {
        String id = request.get("id");
        long now = clock.millis();
        try {
            answers.insertOne(new Document("_id", id).append("fingerprint", request.get("fingerprint"))
                    .append("state", "IN_PROGRESS").append("claimedAt", now));
            return answer("NEW", request.get("fingerprint"));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document d = answers.find(eq("_id", id)).first();
        if (d == null) {
            return claim(request); // released in between
        }
        if ("DONE".equals(d.getString("state"))) {
            Map<String, String> done = answer("DONE", d.getString("fingerprint"));
            done.put("status", String.valueOf(d.getInteger("status")));
            done.put("contentType", d.getString("contentType"));
            done.put("body", d.getString("body"));
            return done;
        }
        long claimedAt = ((Number) d.get("claimedAt")).longValue();
        if (now - claimedAt > leaseMillis && request.get("fingerprint").equals(d.getString("fingerprint"))) {
            long taken = answers.updateOne(and(eq("_id", id), eq("claimedAt", claimedAt)),
                    new Document("$set", new Document("claimedAt", now))).getModifiedCount();
            if (taken == 1) {
                return answer("NEW", d.getString("fingerprint"));
            }
        }
        return answer("IN_PROGRESS", d.getString("fingerprint"));
    }

    @CommandHandler(commandName = RECORD)
    public void record(Map<String, String> request) {
        answers.updateOne(eq("_id", request.get("id")), new Document("$set", new Document("state", "DONE")
                .append("status", Integer.parseInt(request.get("status")))
                .append("contentType", request.get("contentType")).append("body", request.get("body"))
                .append("recordedAt", clock.millis())));
    }

    /** Gives a key back when its request failed unexpectedly (a 5xx), so that the client may try again. */
    @CommandHandler(commandName = RELEASE)
    public void release(Map<String, String> request) {
        answers.deleteOne(and(eq("_id", request.get("id")), eq("state", "IN_PROGRESS")));
    }

    private static Map<String, String> answer(String state, String fingerprint) {
        Map<String, String> a = new HashMap<>();
        a.put("state", state);
        a.put("fingerprint", fingerprint);
        return a;
    }
}
