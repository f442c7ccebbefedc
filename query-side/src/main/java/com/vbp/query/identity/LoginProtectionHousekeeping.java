package com.vbp.query.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Purges what has stopped mattering: revocations of expired tokens, expired captchas and idle
 * unknown usernames. Every deletion is by time only, so several query-side instances may run it.
 * The interval is {@code app.identity.purge-interval} (ISO-8601, default 10 minutes).
 */
@Component
public class LoginProtectionHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(LoginProtectionHousekeeping.class);

    private final RevokedTokenProjection revokedTokens;
    private final CaptchaStore captchas;
    private final UnknownAccountLogins unknownLogins;
    private final Clock clock;

    public LoginProtectionHousekeeping(RevokedTokenProjection revokedTokens, CaptchaStore captchas,
                                       UnknownAccountLogins unknownLogins, ObjectProvider<Clock> clock) {
        this.revokedTokens = revokedTokens;
        this.captchas = captchas;
        this.unknownLogins = unknownLogins;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Scheduled(fixedDelayString = "${app.identity.purge-interval:PT10M}",
            initialDelayString = "${app.identity.purge-interval:PT10M}")
    public void purge() {
        Instant now = clock.instant();
        long tokens = revokedTokens.purgeExpired(now);
        long challenges = captchas.purgeExpired(now);
        long usernames = unknownLogins.purgeIdle(now);
        if (tokens + challenges + usernames > 0) {
            log.debug("Purged {} revocations of expired tokens, {} expired captchas, {} idle unknown usernames",
                    tokens, challenges, usernames);
        }
    }
}
