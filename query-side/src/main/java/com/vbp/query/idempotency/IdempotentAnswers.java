package com.vbp.query.idempotency;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.CommandHandler;
import com.vbp.events.common.IdempotencyCommands;
import com.vbp.events.common.IdempotencyCommands.ClaimIdempotencyKey;
import com.vbp.events.common.IdempotencyCommands.ClaimState;
import com.vbp.events.common.IdempotencyCommands.IdempotencyClaim;
import com.vbp.events.common.IdempotencyCommands.RecordIdempotentAnswer;
import com.vbp.events.common.IdempotencyCommands.ReleaseIdempotencyKey;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The first answers of requests sent with an {@code Idempotency-Key} (API.md): the gateway claims a key
 * before it sends the domain command, records the HTTP answer afterwards, and a repeat with the same key
 * gets the recorded answer without the command being sent again.
 * <p>
 * The gateway never touches a store, so it reaches this one through Axon with the commands of
 * {@link IdempotencyCommands}; they work the same on the local bus and through Axon Server, and every
 * gateway instance shares the one store. The
 * claim is atomic: a new key is an insert on {@code _id} (the only unique index mongo-java-server has), so
 * two concurrent requests with one key cannot both run. A claim whose gateway died before recording
 * (older than the lease) may be taken over. Answers are not a projection: a replay does not clear them.
 */
@Component
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotentAnswers {

    private final MongoCollection<Document> answers;
    private final long leaseMillis;
    private final Clock clock;

    @Autowired
    public IdempotentAnswers(MongoDatabase db, IdempotencyProperties idempotency) {
        this(db, idempotency.leaseMillis().toMillis(), Clock.systemUTC());
    }

    IdempotentAnswers(MongoDatabase db, long leaseMillis, Clock clock) {
        this.answers = db.getCollection("idempotent_answers");
        this.leaseMillis = leaseMillis;
        this.clock = clock;
    }

    @CommandHandler
    public IdempotencyClaim claim(ClaimIdempotencyKey request) {
        String id = request.id();
        long now = clock.millis();
        try {
            answers.insertOne(new Document("_id", id).append("fingerprint", request.fingerprint())
                    .append("state", "IN_PROGRESS").append("claimedAt", now));
            return new IdempotencyClaim(ClaimState.NEW, request.fingerprint(), null, null, null);
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
            return new IdempotencyClaim(ClaimState.DONE, d.getString("fingerprint"), d.getInteger("status"),
                    d.getString("contentType"), d.getString("body"));
        }
        long claimedAt = ((Number) d.get("claimedAt")).longValue();
        if (now - claimedAt > leaseMillis && request.fingerprint().equals(d.getString("fingerprint"))) {
            long taken = answers.updateOne(and(eq("_id", id), eq("claimedAt", claimedAt)),
                    new Document("$set", new Document("claimedAt", now))).getModifiedCount();
            if (taken == 1) {
                return new IdempotencyClaim(ClaimState.NEW, d.getString("fingerprint"), null, null, null);
            }
        }
        return new IdempotencyClaim(ClaimState.IN_PROGRESS, d.getString("fingerprint"), null, null, null);
    }

    @CommandHandler
    public void record(RecordIdempotentAnswer request) {
        answers.updateOne(eq("_id", request.id()), new Document("$set", new Document("state", "DONE")
                .append("status", request.status())
                .append("contentType", request.contentType()).append("body", request.body())
                .append("recordedAt", clock.millis())));
    }

    /** Gives a key back when its request failed unexpectedly (a 5xx), so that the client may try again. */
    @CommandHandler
    public void release(ReleaseIdempotencyKey request) {
        answers.deleteOne(and(eq("_id", request.id()), eq("state", "IN_PROGRESS")));
    }
}
