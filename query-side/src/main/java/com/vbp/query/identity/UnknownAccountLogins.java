package com.vbp.query.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.identity.FailedLogins;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import com.vbp.events.identity.LoginProtectionCommands.RecordLoginToUnknownAccount;
import com.vbp.events.identity.Username;
import org.axonframework.commandhandling.CommandHandler;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * Failed logins for usernames that have no account, counted by the same {@link FailedLogins} rule as
 * an account's, so that an unknown username also asks for a captcha after three failures and is
 * "locked" after five: the answers of the login do not tell which usernames exist.
 * <p>
 * Not event-sourced, like {@link CaptchaStore}: these are not facts about any account, and anyone can
 * make them up. A username idle for {@link #FORGET_AFTER} is forgotten (a real account's count is not);
 * that difference shows only to someone who waits a day between two guesses.
 */
@Component
public class UnknownAccountLogins {

    static final Duration FORGET_AFTER = Duration.ofHours(24);

    private final MongoCollection<Document> failures;
    private final Clock clock;

    public UnknownAccountLogins(MongoDatabase db, ObjectProvider<Clock> clock) {
        this.failures = db.getCollection("unknown_account_logins");
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        failures.createIndex(Indexes.ascending("lastFailureAt"));
    }

    @CommandHandler
    public LoginOutcome handle(RecordLoginToUnknownAccount command) {
        Instant now = clock.instant();
        String username = Username.of(command.username()).key(); // Guest and guest are one username
        Document d = failures.find(eq("_id", username)).first();
        FailedLogins state = d == null ? FailedLogins.NONE : new FailedLogins(d.getInteger("consecutive", 0),
                d.getDate("lockedUntil") == null ? null : d.getDate("lockedUntil").toInstant());
        if (state.lockedAt(now)) {
            return outcome(RefusalCode.ACCOUNT_LOCKED, state, now);
        }
        if (state.captchaRequiredAt(now) && !command.captchaSolved()) {
            return outcome(RefusalCode.CAPTCHA_REQUIRED, state, now);
        }
        // Two concurrent attempts may both read the same count here and one failure go uncounted; for a
        // username that has no account nothing is protected by the count, so no lock is taken.
        FailedLogins after = state.plusFailureAt(now);
        failures.replaceOne(eq("_id", username), new Document("_id", username)
                        .append("consecutive", after.consecutive())
                        .append("lockedUntil", after.lockedUntil() == null ? null : Date.from(after.lockedUntil()))
                        .append("lastFailureAt", Date.from(now)),
                new ReplaceOptions().upsert(true));
        return outcome(after.lockedAt(now) ? RefusalCode.ACCOUNT_LOCKED : RefusalCode.BAD_CREDENTIALS, after, now);
    }

    /** Forgets the usernames without a failure for {@link #FORGET_AFTER} (their lock, if any, is long over). */
    public long purgeIdle(Instant now) {
        Date before = Date.from(now.minus(FORGET_AFTER));
        return failures.deleteMany(and(lt("lastFailureAt", before),
                or(eq("lockedUntil", null), lt("lockedUntil", Date.from(now))))).getDeletedCount();
    }

    private static LoginOutcome outcome(RefusalCode code, FailedLogins state, Instant now) {
        return new LoginOutcome(false, code, state.countAt(now), state.lockedAt(now) ? state.lockedUntil() : null,
                0, state.captchaRequiredAt(now));
    }
}
