package com.vbp.gateway.limits;

import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, captcha and password change are rate-limited per account and per client address: over the budget they
 * answer 429 RATE_LIMITED with Retry-After, in front of the failed-login lockout, and each refusal is counted in
 * {@code vbp_rate_limited_total}. The application runs with small budgets; each test sends from loopback addresses
 * of its own (127.0.0.x) and names accounts of its own, so the tests do not share a budget.
 */
class RateLimitsEndToEndTest {

    private static final String LOGIN = "/api/v1/auth/login";
    private static final String CAPTCHA = "/api/v1/auth/captcha";
    private static final String PASSWORD = "/api/v1/auth/password";
    private static final String JSON = "application/json";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static String admin;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass",
                "app.limits.login.per-account=3", "app.limits.login.per-address=6",
                "app.limits.captcha.per-address=2", "app.limits.password-change.per-account=2");
        Http http = app.http();
        String initial = http.postJson(LOGIN, null, Map.of("username", "admin", "password", "Start2026pass"))
                .json().path("token").asText();
        Answer changed = http.postJson(PASSWORD, initial,
                Map.of("oldPassword", "Start2026pass", "newPassword", "Admin2026new"));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        admin = changed.json().path("token").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_fourth_login_of_one_account_within_the_minute_is_refused_from_any_address_in_any_letter_case() {
        // given three logins of one account, refused as logins (there is no such account)
        for (int i = 1; i <= 3; i++) {
            assertThat(login("127.0.0.11", "limit-one").status()).isEqualTo(401);
        }

        // when the same account tries again from another address, in other letters
        RawHttp.Response fourth = login("127.0.0.12", "LIMIT-One");

        // then the rate limit answers, before any password or captcha check
        assertRateLimited(fourth, "account", 20);
        assertThat(login("127.0.0.11", "limit-other").status()).as("another account from the first address")
                .isEqualTo(401);
    }

    @Test
    void a_seventh_login_from_one_address_within_the_minute_is_refused_whatever_the_account() {
        // given six logins from one address, each naming another account
        for (int i = 1; i <= 6; i++) {
            assertThat(login("127.0.0.21", "spray-" + i).status()).isEqualTo(401);
        }

        // when a seventh account is tried from that address
        RawHttp.Response seventh = login("127.0.0.21", "spray-7");

        // then it is refused, and the same account from another address is not
        assertRateLimited(seventh, "address", 10);
        assertThat(login("127.0.0.22", "spray-7").status()).isEqualTo(401);
    }

    @Test
    void a_third_captcha_from_one_address_within_the_minute_is_refused() {
        // given two captchas from one address
        for (int i = 1; i <= 2; i++) {
            assertThat(RawHttp.exchange("127.0.0.31", app.port(), "GET", CAPTCHA, null, null, null).status())
                    .isEqualTo(200);
        }

        // when a third is asked
        RawHttp.Response third = RawHttp.exchange("127.0.0.31", app.port(), "GET", CAPTCHA, null, null, null);

        // then it is refused; another address still gets one
        assertRateLimited(third, "address", 30);
        assertThat(RawHttp.exchange("127.0.0.32", app.port(), "GET", CAPTCHA, null, null, null).status())
                .isEqualTo(200);
    }

    @Test
    void a_third_password_change_of_one_account_within_the_minute_is_refused_from_any_address() {
        // given an account whose token has tried two password changes (the second with a wrong old password)
        Answer created = app.http().postJson("/api/v1/admin/accounts", admin, Map.of("username", "limit-pw",
                "role", "ADMIN", "organisation", "CITY", "initialPassword", "Initial2026x"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        RawHttp.Response login = RawHttp.exchange("127.0.0.41", app.port(), "POST", LOGIN, null, JSON,
                Http.toJson(Map.of("username", "limit-pw", "password", "Initial2026x")));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        String token = login.json().path("token").asText();
        RawHttp.Response first = changePassword("127.0.0.41", token, "Initial2026x", "Limit2026pass");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        String newToken = first.json().path("token").asText();
        RawHttp.Response wrong = changePassword("127.0.0.41", newToken, "guessed-1", "Limit2026next");
        assertThat(wrong.status()).as(wrong.text()).isBetween(400, 499).isNotEqualTo(429);

        // when the token's account tries a third time, from another address
        RawHttp.Response third = changePassword("127.0.0.42", newToken, "guessed-2", "Limit2026next");

        // then it is refused without the old password being checked
        assertRateLimited(third, "account", 30);
    }

    @Test
    void each_refusal_is_counted_by_endpoint_and_key() {
        // given the count of logins refused per address so far
        double before = refused("login", "address");

        // when one address logs in one time more than its budget allows
        for (int i = 1; i <= 6; i++) {
            assertThat(login("127.0.0.51", "counted-" + i).status()).isEqualTo(401);
        }
        assertThat(login("127.0.0.51", "counted-7").status()).isEqualTo(429);

        // then the metric counts exactly that refusal
        assertThat(refused("login", "address")).isEqualTo(before + 1);
    }

    private static RawHttp.Response login(String fromAddress, String username) {
        return RawHttp.exchange(fromAddress, app.port(), "POST", LOGIN, null, JSON,
                Http.toJson(Map.of("username", username, "password", "Wrong2026pass")));
    }

    private static RawHttp.Response changePassword(String fromAddress, String token, String old, String next) {
        return RawHttp.exchange(fromAddress, app.port(), "POST", PASSWORD, token, JSON,
                Http.toJson(Map.of("oldPassword", old, "newPassword", next)));
    }

    /** 429 RATE_LIMITED in problem+json, with a Retry-After of at most the time one attempt takes to come back. */
    private static void assertRateLimited(RawHttp.Response answer, String per, int atMostSeconds) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(429);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo("RATE_LIMITED");
        assertThat(answer.json().path("figures").path("per").asText()).isEqualTo(per);
        int retryAfter = Integer.parseInt(answer.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, atMostSeconds);
        assertThat(answer.json().path("figures").path("retryAfterSeconds").asInt()).isEqualTo(retryAfter);
    }

    /** {@code vbp_rate_limited_total} as Prometheus scrapes it (0 before the first refusal). */
    static double refused(String endpoint, String key) {
        Answer scraped = app.http().get("/actuator/prometheus", admin);
        assertThat(scraped.status()).isEqualTo(200);
        Matcher m = Pattern.compile("vbp_rate_limited_total\\{[^}]*endpoint=\"" + endpoint + "\"[^}]*key=\"" + key
                + "\"[^}]*} (\\S+)").matcher(scraped.text());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
