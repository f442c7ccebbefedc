package com.vbp.query.identity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import com.vbp.events.identity.IdentityEvents.ProfileChanged;
import com.vbp.events.identity.IdentityEvents.TokenRevoked;
import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import com.vbp.events.identity.IdentityQueries.FindRevokedToken;
import com.vbp.events.identity.IdentityQueries.RevokedTokenView;
import com.vbp.events.identity.LoginProtectionCommands.CaptchaRedemption;
import com.vbp.events.identity.LoginProtectionCommands.IssueCaptcha;
import com.vbp.events.identity.LoginProtectionCommands.RecordLoginToUnknownAccount;
import com.vbp.events.identity.LoginProtectionCommands.RedeemCaptcha;
import com.vbp.query.config.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.vbp.events.common.RefusalCode.ACCOUNT_LOCKED;
import static com.vbp.events.common.RefusalCode.BAD_CREDENTIALS;
import static com.vbp.events.common.RefusalCode.CAPTCHA_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity read models and login-protection stores on the real embedded MongoDB-wire store:
 * profiles, revoked tokens, captchas and unknown usernames, with their purges.
 */
class LoginProtectionStoresTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private MongoDatabase db;
    private final TestClock clock = new TestClock(T0);

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        db = client.getDatabase("vbp");
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    @Nested
    class Profiles {

        @Test
        void the_account_view_shows_the_latest_profile_and_a_repeated_event_changes_nothing() {
            AccountProjection accounts = new AccountProjection(db, new OrganisationDirectoryProjection(db));
            accounts.on(new AccountCreated("u1", Role.ADMIN, "CITY", null, "$2a$hash", "root", T0));
            assertThat(accounts.handle(new FindAccount("u1")).displayName()).isNull();

            ProfileChanged first = new ProfileChanged("u1", "张三", "13812345678", "z@163.com",
                    List.of("displayName", "contactPhone", "email"), "u1", T0);
            ProfileChanged second = new ProfileChanged("u1", "张三", null, "z@163.com", List.of("contactPhone"), "u1",
                    T0.plusSeconds(5));
            accounts.on(first);
            accounts.on(second);
            accounts.on(second);
            AccountView view = accounts.handle(new FindAccount("u1"));
            assertThat(view.displayName()).isEqualTo("张三");
            assertThat(view.contactPhone()).isNull();
            assertThat(view.email()).isEqualTo("z@163.com");
            assertThat(view.role()).isEqualTo(Role.ADMIN);
        }

        @Test
        void an_account_is_found_whatever_the_letter_case_also_in_a_read_model_written_before_usernames_had_a_key() {
            // given a read model of an older version: a mixed-case account without the key
            db.getCollection("accounts").insertOne(new org.bson.Document("_id", "Writer-1").append("role", "ANALYST")
                    .append("organisation", "CITY").append("enabled", true).append("mustChangePassword", false)
                    .append("credentialsVersion", 1L));
            AccountProjection accounts = new AccountProjection(db, new OrganisationDirectoryProjection(db));
            accounts.on(new AccountCreated("Zhang.San", Role.ADMIN, "CITY", null, "$2a$hash", "root", T0));

            assertThat(accounts.handle(new FindAccount("writer-1")).username()).isEqualTo("Writer-1");
            assertThat(accounts.handle(new FindAccount("WRITER-1")).username()).isEqualTo("Writer-1");
            assertThat(accounts.handle(new FindAccount("zhang.san")).username()).isEqualTo("Zhang.San");
            assertThat(accounts.handle(new FindAccount("ZHANG.SAN ")).username()).isEqualTo("Zhang.San");
            assertThat(accounts.handle(new FindAccount("zhang-san"))).isNull();
        }
    }

    @Nested
    class RevokedTokens {

        @Test
        void a_revoked_token_is_found_by_its_id_and_others_are_not() {
            RevokedTokenProjection revoked = new RevokedTokenProjection(db, clock.provider());
            Instant expires = T0.plus(Duration.ofHours(8));
            revoked.on(new TokenRevoked("u1", "jti-1", expires, T0));
            revoked.on(new TokenRevoked("u1", "jti-1", expires, T0)); // handled twice: the same record

            assertThat(revoked.handle(new FindRevokedToken("jti-1")))
                    .isEqualTo(new RevokedTokenView("jti-1", "u1", expires, T0));
            assertThat(revoked.handle(new FindRevokedToken("jti-2"))).isNull();
            assertThat(revoked.handle(new FindRevokedToken(null))).isNull();
            assertThat(db.getCollection("revoked_tokens").countDocuments()).isEqualTo(1);
        }

        @Test
        void a_revocation_is_kept_past_its_token_expiry_by_the_margin_then_purged() {
            RevokedTokenProjection revoked = new RevokedTokenProjection(db, clock.provider());
            Instant expires = T0.plus(Duration.ofHours(1));
            revoked.on(new TokenRevoked("u1", "jti-1", expires, T0));
            revoked.on(new TokenRevoked("u1", "jti-2", T0.plus(Duration.ofHours(8)), T0));

            assertThat(revoked.purgeExpired(expires.plus(RevokedTokenProjection.KEEP_AFTER_EXPIRY))).isZero();
            assertThat(revoked.purgeExpired(expires.plus(RevokedTokenProjection.KEEP_AFTER_EXPIRY).plusMillis(1)))
                    .isEqualTo(1);
            assertThat(revoked.handle(new FindRevokedToken("jti-1"))).isNull();
            assertThat(revoked.handle(new FindRevokedToken("jti-2"))).isNotNull();
        }

        @Test
        void replaying_the_revocation_of_a_long_expired_token_writes_nothing() {
            RevokedTokenProjection revoked = new RevokedTokenProjection(db, clock.provider());
            clock.advance(Duration.ofDays(2));
            revoked.on(new TokenRevoked("u1", "old", T0.plus(Duration.ofHours(8)), T0));
            assertThat(revoked.handle(new FindRevokedToken("old"))).isNull();
        }
    }

    @Nested
    class Captchas {

        private CaptchaStore store() {
            return new CaptchaStore(db, clock.provider());
        }

        @Test
        void a_captcha_expires_two_minutes_after_it_was_issued() {
            assertThat(store().handle(new IssueCaptcha("c1", "AB3D"))).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        }

        @Test
        void the_right_answer_solves_a_captcha_once_ignoring_case_and_blanks() {
            CaptchaStore store = store();
            store.handle(new IssueCaptcha("c1", "AB3D"));
            assertThat(store.handle(new RedeemCaptcha("c1", " ab3d "))).isEqualTo(CaptchaRedemption.SOLVED);
            assertThat(store.handle(new RedeemCaptcha("c1", "AB3D"))).isEqualTo(CaptchaRedemption.UNKNOWN);
        }

        @Test
        void a_wrong_answer_uses_the_captcha_up() {
            CaptchaStore store = store();
            store.handle(new IssueCaptcha("c1", "AB3D"));
            assertThat(store.handle(new RedeemCaptcha("c1", "AB3E"))).isEqualTo(CaptchaRedemption.WRONG);
            assertThat(store.handle(new RedeemCaptcha("c1", "AB3D"))).isEqualTo(CaptchaRedemption.UNKNOWN);
        }

        @Test
        void a_captcha_is_accepted_until_just_before_two_minutes_and_expired_at_two_minutes() {
            CaptchaStore store = store();
            store.handle(new IssueCaptcha("c1", "AB3D"));
            store.handle(new IssueCaptcha("c2", "AB3D"));
            clock.advance(Duration.ofMinutes(2).minusMillis(1));
            assertThat(store.handle(new RedeemCaptcha("c1", "AB3D"))).isEqualTo(CaptchaRedemption.SOLVED);
            clock.advance(Duration.ofMillis(1));
            assertThat(store.handle(new RedeemCaptcha("c2", "AB3D"))).isEqualTo(CaptchaRedemption.EXPIRED);
        }

        @Test
        void an_unknown_or_missing_captcha_id_is_unknown() {
            assertThat(store().handle(new RedeemCaptcha("never-issued", "AB3D"))).isEqualTo(CaptchaRedemption.UNKNOWN);
            assertThat(store().handle(new RedeemCaptcha(null, "AB3D"))).isEqualTo(CaptchaRedemption.UNKNOWN);
        }

        @Test
        void of_concurrent_redemptions_of_one_captcha_exactly_one_succeeds() throws Exception {
            CaptchaStore store = store();
            store.handle(new IssueCaptcha("c1", "AB3D"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<CaptchaRedemption>> attempts = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    attempts.add(() -> store.handle(new RedeemCaptcha("c1", "AB3D")));
                }
                long solved = 0;
                for (Future<CaptchaRedemption> f : pool.invokeAll(attempts)) {
                    solved += f.get() == CaptchaRedemption.SOLVED ? 1 : 0;
                }
                assertThat(solved).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void expired_captchas_are_purged_after_the_margin() {
            CaptchaStore store = store();
            store.handle(new IssueCaptcha("c1", "AB3D"));
            Instant expiry = T0.plus(Duration.ofMinutes(2));
            assertThat(store.purgeExpired(expiry.plus(CaptchaStore.KEEP_AFTER_EXPIRY))).isZero();
            assertThat(store.purgeExpired(expiry.plus(CaptchaStore.KEEP_AFTER_EXPIRY).plusMillis(1))).isEqualTo(1);
        }
    }

    @Nested
    class UnknownUsernames {

        private LoginOutcome attempt(UnknownAccountLogins logins, boolean captcha) {
            return logins.handle(new RecordLoginToUnknownAccount("nobody", captcha));
        }

        @Test
        void an_unknown_username_answers_like_an_account_bad_credentials_then_captcha_then_lock() {
            UnknownAccountLogins logins = new UnknownAccountLogins(db, clock.provider());
            assertThat(attempt(logins, false)).isEqualTo(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 0, false));
            assertThat(attempt(logins, false)).isEqualTo(new LoginOutcome(false, BAD_CREDENTIALS, 2, null, 0, false));
            assertThat(attempt(logins, false)).isEqualTo(new LoginOutcome(false, BAD_CREDENTIALS, 3, null, 0, true));
            assertThat(attempt(logins, false)).isEqualTo(new LoginOutcome(false, CAPTCHA_REQUIRED, 3, null, 0, true));
            assertThat(attempt(logins, true)).isEqualTo(new LoginOutcome(false, BAD_CREDENTIALS, 4, null, 0, true));
            Instant until = T0.plus(Duration.ofMinutes(15));
            assertThat(attempt(logins, true)).isEqualTo(new LoginOutcome(false, ACCOUNT_LOCKED, 5, until, 0, true));
            assertThat(attempt(logins, true)).isEqualTo(new LoginOutcome(false, ACCOUNT_LOCKED, 5, until, 0, true));

            clock.advance(Duration.ofMinutes(15));
            assertThat(attempt(logins, false)).as("a lock that ran out starts a fresh count")
                    .isEqualTo(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 0, false));
        }

        @Test
        void an_unknown_username_counts_its_failures_whatever_the_letter_case() {
            UnknownAccountLogins logins = new UnknownAccountLogins(db, clock.provider());
            logins.handle(new RecordLoginToUnknownAccount("Nobody", false));
            logins.handle(new RecordLoginToUnknownAccount("NOBODY", false));
            assertThat(attempt(logins, false)).isEqualTo(new LoginOutcome(false, BAD_CREDENTIALS, 3, null, 0, true));
        }

        @Test
        void an_idle_unknown_username_is_forgotten_after_a_day() {
            UnknownAccountLogins logins = new UnknownAccountLogins(db, clock.provider());
            attempt(logins, false);
            assertThat(logins.purgeIdle(T0.plus(UnknownAccountLogins.FORGET_AFTER))).isZero();
            assertThat(logins.purgeIdle(T0.plus(UnknownAccountLogins.FORGET_AFTER).plusMillis(1))).isEqualTo(1);
        }
    }
}
