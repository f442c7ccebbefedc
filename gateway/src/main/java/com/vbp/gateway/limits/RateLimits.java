package com.vbp.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.identity.Username;
import com.vbp.gateway.problem.ProblemHandler;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets (Bucket4j, in this process) for the endpoints an attacker repeats: one bucket per endpoint and
 * account, one per endpoint and client address, each refilled evenly over a minute. The buckets live in a bounded
 * Caffeine cache that forgets a key a minute after its last attempt, when its bucket would be full again anyway, so
 * memory stays bounded whatever names and addresses arrive. Each refusal is counted as
 * {@value #METER}{endpoint, key}.
 */
public class RateLimits {

    public static final String METER = "vbp.rate.limited";
    private static final Duration PERIOD = Duration.ofMinutes(1);

    /** The endpoints limited, with their metric tag. */
    public enum Endpoint {
        LOGIN, CAPTCHA, PASSWORD_CHANGE, UPLOAD, EXPORT;

        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Who a budget belongs to: an account or a client address. */
    public enum Key {
        ACCOUNT, ADDRESS;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Budget(Endpoint endpoint, Key key, String value) {
    }

    private final LimitProperties limits;
    private final MeterRegistry meters;
    private final Cache<Budget, Bucket> buckets;

    public RateLimits(LimitProperties limits, MeterRegistry meters) {
        this.limits = limits;
        this.meters = meters;
        this.buckets = Caffeine.newBuilder().maximumSize(limits.trackedKeys()).expireAfterAccess(PERIOD).build();
    }

    /** An attempt by an account (usernames in any letter case are one account); a refusal once over its budget. */
    public Optional<Refusal> byAccount(Endpoint endpoint, String username) {
        return attempt(new Budget(endpoint, Key.ACCOUNT, Username.of(username).key()));
    }

    /** An attempt from a client address; a refusal once over its budget. */
    public Optional<Refusal> byAddress(Endpoint endpoint, String address) {
        return attempt(new Budget(endpoint, Key.ADDRESS, address));
    }

    /** Counts a refusal decided elsewhere (the concurrency of uploads and exports) with the rate limits'. */
    void counted(Endpoint endpoint, Key key) {
        counter(endpoint, key).increment();
    }

    private Optional<Refusal> attempt(Budget budget) {
        int perMinute = perMinute(budget.endpoint(), budget.key());
        Bucket bucket = buckets.get(budget, b -> Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, PERIOD)).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        counted(budget.endpoint(), budget.key());
        // whole seconds, rounded up: a client waiting that long finds a token
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(ProblemHandler.RETRY_AFTER_SECONDS, seconds);
        figures.put("limitPerMinute", perMinute);
        figures.put("per", budget.key().tag());
        String who = budget.key() == Key.ACCOUNT ? "this account" : "this address";
        return Optional.of(new Refusal(RefusalCode.RATE_LIMITED, "Too many " + budget.endpoint().tag()
                + " attempts from " + who + " (at most " + perMinute + " a minute); try again in " + seconds
                + " s", figures, List.of()));
    }

    private int perMinute(Endpoint endpoint, Key key) {
        boolean account = key == Key.ACCOUNT;
        return switch (endpoint) {
            case LOGIN -> account ? limits.login().perAccount() : limits.login().perAddress();
            case PASSWORD_CHANGE -> account ? limits.passwordChange().perAccount()
                    : limits.passwordChange().perAddress();
            case CAPTCHA -> {
                if (account) {
                    throw new IllegalArgumentException("A captcha is asked before any account is named");
                }
                yield limits.captcha().perAddress();
            }
            default -> throw new IllegalArgumentException(endpoint + " is limited in concurrency, not in rate");
        };
    }

    private Counter counter(Endpoint endpoint, Key key) {
        return Counter.builder(METER).description("Requests refused by an abuse limit (429)")
                .tag("endpoint", endpoint.tag()).tag("key", key.tag()).register(meters);
    }
}
