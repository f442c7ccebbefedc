package com.vbp.query.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.vbp.events.identity.IdentityEvents.TokenRevoked;
import com.vbp.events.identity.IdentityQueries.FindRevokedToken;
import com.vbp.events.identity.IdentityQueries.RevokedTokenView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

/**
 * Tokens revoked by logging out (退出), keyed by the token's {@code jti}, so that the gateway's check
 * on every request is one {@code _id} lookup, shared by every gateway instance. A revocation matters
 * only until its token expires: after that the token is refused for its expiry anyway, so the record
 * is purged ({@link #purgeExpired(Instant)}), and a replay does not write it again.
 */
@Component
@ProcessingGroup(AccountProjection.GROUP)
public class RevokedTokenProjection {

    /**
     * How long a revocation is kept after its token's expiry: longer than the clock skew the gateway's
     * token validation allows (60 s), so no expired-but-still-accepted token loses its revocation.
     */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(5);

    private final MongoCollection<Document> revoked;
    private final Clock clock;

    public RevokedTokenProjection(MongoDatabase db, ObjectProvider<Clock> clock) {
        this.revoked = db.getCollection("revoked_tokens");
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        revoked.createIndex(Indexes.ascending("expiresAt"));
    }

    @EventHandler
    void on(TokenRevoked e) {
        if (!e.expiresAt().plus(KEEP_AFTER_EXPIRY).isAfter(clock.instant())) {
            return; // replaying an old revocation: its token has long expired
        }
        Document d = new Document("_id", e.tokenId()).append("username", e.username())
                .append("expiresAt", Date.from(e.expiresAt())).append("revokedAt", Date.from(e.revokedAt()));
        revoked.replaceOne(eq("_id", e.tokenId()), d, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        revoked.deleteMany(new Document());
    }

    @QueryHandler
    public RevokedTokenView handle(FindRevokedToken query) {
        if (query.tokenId() == null) {
            return null;
        }
        Document d = revoked.find(eq("_id", query.tokenId())).first();
        return d == null ? null : new RevokedTokenView(d.getString("_id"), d.getString("username"),
                d.getDate("expiresAt").toInstant(), d.getDate("revokedAt").toInstant());
    }

    /** Deletes the revocations of tokens that expired more than {@link #KEEP_AFTER_EXPIRY} before {@code now}. */
    public long purgeExpired(Instant now) {
        return revoked.deleteMany(lt("expiresAt", Date.from(now.minus(KEEP_AFTER_EXPIRY)))).getDeletedCount();
    }
}
