package com.vbp.query.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.vbp.events.identity.LoginProtectionCommands;
import com.vbp.events.identity.LoginProtectionCommands.CaptchaRedemption;
import com.vbp.events.identity.LoginProtectionCommands.IssueCaptcha;
import com.vbp.events.identity.LoginProtectionCommands.RedeemCaptcha;
import org.axonframework.commandhandling.CommandHandler;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

/**
 * The captchas (验证码) the gateways have drawn and not yet seen redeemed, in the read-model database
 * so that a captcha drawn by one gateway instance can be redeemed through another.
 * <p>
 * Not event-sourced, on purpose: a captcha is neither a business fact nor something an auditor reads,
 * it lives two minutes, and anyone may ask for one without logging in, so it must not grow the event
 * store. Redeeming deletes the captcha in the same atomic operation that reads it
 * ({@code findOneAndDelete}), so of two concurrent attempts with one captcha at most one succeeds.
 */
@Component
public class CaptchaStore {

    /** How long an expired captcha is kept, so that a late answer hears "expired" rather than "invalid". */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(10);

    private final MongoCollection<Document> captchas;
    private final Clock clock;

    public CaptchaStore(MongoDatabase db, ObjectProvider<Clock> clock) {
        this.captchas = db.getCollection("captchas");
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        captchas.createIndex(Indexes.ascending("expiresAt"));
    }

    /** Keeps the captcha and answers when it expires. */
    @CommandHandler
    public Instant handle(IssueCaptcha command) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(LoginProtectionCommands.CAPTCHA_LIFETIME);
        // The answer is kept as it is: hashing four characters from a 30-letter alphabet would hide nothing.
        captchas.insertOne(new Document("_id", command.captchaId()).append("answer", normalise(command.answer()))
                .append("issuedAt", Date.from(now)).append("expiresAt", Date.from(expiresAt)));
        return expiresAt;
    }

    @CommandHandler
    public CaptchaRedemption handle(RedeemCaptcha command) {
        if (command.captchaId() == null || command.captchaId().isBlank()) {
            return CaptchaRedemption.UNKNOWN;
        }
        Document captcha = captchas.findOneAndDelete(eq("_id", command.captchaId()));
        if (captcha == null) {
            return CaptchaRedemption.UNKNOWN;
        }
        if (!clock.instant().isBefore(captcha.getDate("expiresAt").toInstant())) {
            return CaptchaRedemption.EXPIRED;
        }
        return captcha.getString("answer").equals(normalise(command.answer()))
                ? CaptchaRedemption.SOLVED : CaptchaRedemption.WRONG;
    }

    /** Deletes the captchas that expired more than {@link #KEEP_AFTER_EXPIRY} before {@code now}. */
    public long purgeExpired(Instant now) {
        return captchas.deleteMany(lt("expiresAt", Date.from(now.minus(KEEP_AFTER_EXPIRY)))).getDeletedCount();
    }

    /** Answers are compared without regard to case or surrounding blanks, as people type them. */
    static String normalise(String answer) {
        return answer == null ? "" : answer.strip().toUpperCase(Locale.ROOT);
    }
}
