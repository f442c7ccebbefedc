package com.vbp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.identity.IdentityEvents.ProfileChanged;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.KnownCaptchaAnswers;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.gateway.support.TestClock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts end to end on the real standalone application: personal information (个人信息), logout
 * that revokes (退出), the captcha after failed logins (验证码) and the password history (修改密码).
 * The application runs with a clock the test moves and with captchas whose text the test knows.
 */
class AccountsEndToEndTest {

    private static final String LOGIN = "/api/v1/auth/login";
    private static final String CAPTCHA = "/api/v1/auth/captcha";
    private static final String BATCH = "/api/v1/procurement/batches/ACC-2026";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static Http http;
    static TestClock clock = new TestClock();
    static String admin;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, Map.of("clock", clock, "captchaAnswers", new KnownCaptchaAnswers()),
                "app.bootstrap.admin-password=Start2026pass");
        http = app.http();
        admin = changeInitialPassword("admin", "Start2026pass", "Admin2026new");
        Answer batch = http.postJson("/api/v1/procurement/batches", admin, Map.of("code", "ACC-2026",
                "name", "账户测试批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-12-31T00:00:00Z"));
        assertThat(batch.status()).as(batch.text()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String changeInitialPassword(String username, String initial, String next) {
        Answer login = login(username, initial);
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        Answer changed = http.postJson("/api/v1/auth/password", login.json().path("token").asText(),
                Map.of("oldPassword", initial, "newPassword", next));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        return changed.json().path("token").asText();
    }

    /** Creates a city-level account and logs it in past its first password change. */
    static String newAccount(String username, String role, String password) {
        Answer created = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", "CITY", "initialPassword", "Initial2026x"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return changeInitialPassword(username, "Initial2026x", password);
    }

    static Answer login(String username, String password) {
        return http.postJson(LOGIN, null, Map.of("username", username, "password", password));
    }

    static Answer login(String username, String password, String captchaId, String answer) {
        return http.postJson(LOGIN, null, Map.of("username", username, "password", password,
                "captchaId", captchaId, "captchaAnswer", answer));
    }

    static String token(Answer login) {
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        return login.json().path("token").asText();
    }

    static String captchaId() {
        Answer captcha = http.get(CAPTCHA, null);
        assertThat(captcha.status()).as(captcha.text()).isEqualTo(200);
        return captcha.json().path("captchaId").asText();
    }

    static Map<String, Object> profile(String name, String phone, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", name);
        body.put("contactPhone", phone);
        body.put("email", email);
        return body;
    }

    @Nested
    class PersonalInformation {

        @Test
        void a_user_sees_and_changes_their_own_profile_and_every_change_is_an_event_with_who_and_when() {
            String token = newAccount("profile-1", "ANALYST", "Analyst2026a");
            JsonNode before = http.get("/api/v1/me", token).json();
            assertThat(before.path("displayName").isNull()).isTrue();
            assertThat(before.path("role").asText()).isEqualTo("ANALYST");

            Answer changed = http.putJson("/api/v1/me", token, profile("王分析", "13912345678", "wang@wh.gov.cn"));
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            assertThat(changed.json().path("displayName").asText()).isEqualTo("王分析");
            JsonNode me = http.get("/api/v1/me", token).json();
            assertThat(me.path("contactPhone").asText()).isEqualTo("13912345678");
            assertThat(me.path("email").asText()).isEqualTo("wang@wh.gov.cn");
            assertThat(me.path("organisation").asText()).isEqualTo("CITY");

            Answer cleared = http.putJson("/api/v1/me", token, profile("王分析", "", "wang@wh.gov.cn"));
            assertThat(cleared.status()).isEqualTo(200);
            assertThat(cleared.json().path("contactPhone").isNull()).isTrue();

            List<ProfileChanged> changes = new ArrayList<>();
            app.bean(EventStore.class).readEvents("profile-1").asStream().map(DomainEventMessage::getPayload)
                    .filter(ProfileChanged.class::isInstance).map(ProfileChanged.class::cast).forEach(changes::add);
            assertThat(changes).hasSize(2);
            assertThat(changes.get(0).changedFields()).containsExactly("displayName", "contactPhone", "email");
            assertThat(changes.get(1).changedFields()).containsExactly("contactPhone");
            assertThat(changes.get(1).changedBy()).isEqualTo("profile-1");
            assertThat(changes.get(1).changedAt()).isNotNull();
        }

        @Test
        void an_invalid_profile_is_refused_field_by_field_and_changes_nothing() {
            String token = newAccount("profile-2", "AUDITOR", "Auditor2026a");
            assertThat(http.putJson("/api/v1/me", token, profile("李审计", "13812345678", null)).status())
                    .isEqualTo(200);
            Map<String, Map<String, Object>> invalid = Map.of(
                    "contactPhone", profile("李审计", "12812345678", null),
                    "email", profile("李审计", null, "li@localhost"),
                    "displayName", profile(" ", null, null));
            invalid.forEach((field, body) -> {
                Answer refused = http.putJson("/api/v1/me", token, body);
                assertThat(refused.status()).as(refused.text()).isEqualTo(400);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
                assertThat(refused.json().path("fields").get(0).path("field").asText()).isEqualTo(field);
            });
            Answer tooLong = http.putJson("/api/v1/me", token, profile("李".repeat(51), null, null));
            assertThat(tooLong.code()).isEqualTo("INVALID_REQUEST");
            Answer tooLongEmail = http.putJson("/api/v1/me", token, profile("李审计", null,
                    "a".repeat(64) + "@" + "b".repeat(60) + "." + "c".repeat(60) + "." + "d".repeat(60) + "."
                            + "e".repeat(60) + ".cn")); // 311 characters
            assertThat(tooLongEmail.code()).isEqualTo("INVALID_REQUEST");

            JsonNode me = http.get("/api/v1/me", token).json();
            assertThat(me.path("contactPhone").asText()).as("refused changes leave the profile").isEqualTo("13812345678");
        }

        @Test
        void organisation_and_role_are_not_accepted_in_the_profile() {
            String token = newAccount("profile-3", "ANALYST", "Analyst2026b");
            Map<String, Object> body = profile("赵分析", null, null);
            body.put("organisation", "H42010200001");
            body.put("role", "ADMIN");
            Answer refused = http.putJson("/api/v1/me", token, body);
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("UNKNOWN_FIELDS");
            assertThat(refused.json().path("fields").findValuesAsText("field"))
                    .containsExactlyInAnyOrder("organisation", "role");
            JsonNode me = http.get("/api/v1/me", token).json();
            assertThat(me.path("role").asText()).isEqualTo("ANALYST");
            assertThat(me.path("organisation").asText()).isEqualTo("CITY");
            assertThat(me.path("displayName").isNull()).isTrue();
        }

        @Test
        void a_profile_without_a_token_is_refused() {
            assertThat(http.putJson("/api/v1/me", null, profile("x", null, null)).code()).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Nested
    class Logout {

        /** A GET, a POST, an admin endpoint and an xlsx export, each answering with its status. */
        private Map<String, Integer> everyKindOfEndpoint(String token) {
            Map<String, Integer> status = new HashMap<>();
            status.put("GET /me", http.get("/api/v1/me", token).status());
            status.put("PUT /me", http.putJson("/api/v1/me", token, profile("管理员", null, null)).status());
            status.put("GET admin", http.get("/api/v1/admin/accounts", token).status());
            status.put("GET xlsx", http.get(BATCH + "/supply-list.xlsx", token).status());
            status.put("POST", http.postJson("/api/v1/procurement/batches", token, Map.of("code", "X")).status());
            return status;
        }

        @Test
        void a_logged_out_token_is_refused_everywhere_at_once_and_the_other_tokens_keep_working() {
            String first = newAccount("admin-2", "ADMIN", "Admin2026two");
            String second = token(login("admin-2", "Admin2026two"));
            assertThat(everyKindOfEndpoint(first)).containsEntry("GET /me", 200).containsEntry("PUT /me", 200)
                    .containsEntry("GET admin", 200).containsEntry("GET xlsx", 200)
                    .containsEntry("POST", 400); // a valid token reaches the validation of the body

            Answer logout = http.postJson("/api/v1/auth/logout", first, Map.of());
            assertThat(logout.status()).as(logout.text()).isEqualTo(204);

            for (Answer refused : List.of(http.get("/api/v1/me", first),
                    http.putJson("/api/v1/me", first, profile("管理员", null, null)),
                    http.get("/api/v1/admin/accounts", first),
                    http.get(BATCH + "/supply-list.xlsx", first),
                    http.postJson("/api/v1/procurement/batches", first, Map.of("code", "X")),
                    http.postJson("/api/v1/auth/logout", first, Map.of()),
                    http.postJson("/api/v1/auth/password", first,
                            Map.of("oldPassword", "Admin2026two", "newPassword", "Admin2026three")))) {
                assertThat(refused.status()).as(refused.text()).isEqualTo(401);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.code()).isEqualTo("TOKEN_REVOKED");
            }
            assertThat(everyKindOfEndpoint(second)).as("the account's other token still works")
                    .containsEntry("GET /me", 200).containsEntry("PUT /me", 200).containsEntry("GET admin", 200)
                    .containsEntry("GET xlsx", 200).containsEntry("POST", 400);
            assertThat(token(login("admin-2", "Admin2026two"))).as("and one can log in again").isNotBlank();
            Answer withOldToken = http.postJson(LOGIN, first, Map.of("username", "admin-2", "password", "Admin2026two"));
            assertThat(withOldToken.status()).as("login ignores the revoked token a client still sends: "
                    + withOldToken.text()).isEqualTo(200);
            assertThat(http.get("/api/v1/auth/captcha", first).status()).as("so does the captcha").isEqualTo(200);
        }

        @Test
        void a_password_change_revokes_every_earlier_token_of_the_account() {
            String first = newAccount("admin-3", "ADMIN", "Admin2026tri");
            String second = token(login("admin-3", "Admin2026tri"));
            String fresh = token(http.postJson("/api/v1/auth/password", first,
                    Map.of("oldPassword", "Admin2026tri", "newPassword", "Admin2026quad")).status() == 200
                    ? login("admin-3", "Admin2026quad") : null);
            for (String old : List.of(first, second)) {
                Map<String, Integer> status = everyKindOfEndpoint(old);
                assertThat(status.values()).as(status.toString()).containsOnly(401);
                assertThat(http.get("/api/v1/me", old).code()).isEqualTo("TOKEN_REVOKED");
            }
            assertThat(http.get("/api/v1/admin/accounts", fresh).status()).isEqualTo(200);
        }

        @Test
        void a_token_older_than_its_lifetime_is_refused_as_expired_so_a_client_can_say_why() {
            newAccount("admin-8", "ADMIN", "Admin2026exp");
            // Issued 9 hours ago: its 8 hours ended an hour ago (the decoder checks with the real time).
            clock.advance(Duration.ofHours(-9));
            String old;
            try {
                old = token(login("admin-8", "Admin2026exp"));
            } finally {
                clock.advance(Duration.ofHours(9));
            }
            Answer refused = http.get("/api/v1/me", old);
            assertThat(refused.status()).as(refused.text()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("TOKEN_EXPIRED");
            assertThat(http.get("/api/v1/me", token(login("admin-8", "Admin2026exp"))).status()).isEqualTo(200);
        }

        @Test
        void disabling_an_account_revokes_every_token_of_it() {
            String first = newAccount("admin-4", "ADMIN", "Admin2026four");
            String second = token(login("admin-4", "Admin2026four"));
            assertThat(http.postJson("/api/v1/admin/accounts/admin-4/disable", admin, Map.of()).status())
                    .isEqualTo(200);
            for (String old : List.of(first, second)) {
                Map<String, Integer> status = everyKindOfEndpoint(old);
                assertThat(status.values()).as(status.toString()).containsOnly(401);
            }
        }
    }

    /** 重置密码 by the administrator: a new initial password, the old tokens dead, a change forced at login. */
    @Nested
    class PasswordReset {

        private static final String RESET = "/api/v1/admin/accounts/%s/reset-password";

        @Test
        void a_reset_password_logs_in_once_must_be_changed_and_every_earlier_token_stops_working() {
            String old = newAccount("reset-1", "ANALYST", "Analyst2026r");
            Answer reset = http.postJson(RESET.formatted("reset-1"), admin, Map.of("newPassword", "Given2026pass"));
            assertThat(reset.status()).as(reset.text()).isEqualTo(200);
            assertThat(reset.json().path("mustChangePassword").asBoolean()).isTrue();

            Answer refused = http.get("/api/v1/me", old);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("TOKEN_REVOKED");
            assertThat(login("reset-1", "Analyst2026r").status()).as("the old password").isEqualTo(401);
            Answer fresh = login("reset-1", "Given2026pass");
            assertThat(token(fresh)).isNotBlank();
            assertThat(fresh.json().path("mustChangePassword").asBoolean()).isTrue();
            Answer gated = http.get("/api/v1/analytics/allocation-progress", fresh.json().path("token").asText());
            assertThat(gated.status()).as("only the password change is open").isEqualTo(403);
            assertThat(gated.code()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
            assertThat(changeInitialPassword("reset-1", "Given2026pass", "Analyst2026s")).isNotBlank();
        }

        @Test
        void a_bad_password_an_unknown_or_disabled_account_and_a_non_administrator_are_refused() {
            String analyst = newAccount("reset-2", "ANALYST", "Analyst2026t");
            Answer weak = http.postJson(RESET.formatted("reset-2"), admin, Map.of("newPassword", "short"));
            assertThat(weak.status()).as(weak.text()).isEqualTo(422);
            assertThat(weak.code()).isEqualTo("PASSWORD_POLICY");
            Answer blank = http.postJson(RESET.formatted("reset-2"), admin, Map.of());
            assertThat(blank.status()).as(blank.text()).isEqualTo(400);
            assertThat(blank.code()).isEqualTo("INVALID_REQUEST");
            Answer unknown = http.postJson(RESET.formatted("nobody-here"), admin, Map.of("newPassword", "Given2026pass"));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("UNKNOWN_ACCOUNT");
            assertThat(http.postJson(RESET.formatted("reset-2"), analyst, Map.of("newPassword", "Given2026pass"))
                    .status()).isEqualTo(403);
            assertThat(http.get("/api/v1/me", analyst).status()).as("nothing was reset").isEqualTo(200);

            assertThat(http.postJson("/api/v1/admin/accounts/reset-2/disable", admin, Map.of()).status())
                    .isEqualTo(200);
            Answer disabled = http.postJson(RESET.formatted("RESET-2"), admin, Map.of("newPassword", "Given2026pass"));
            assertThat(disabled.status()).as(disabled.text()).isEqualTo(409);
            assertThat(disabled.code()).isEqualTo("ACCOUNT_IS_DISABLED");
        }
    }

    /** Usernames are unique regardless of letter case; an account keeps the spelling it was created with. */
    @Nested
    class LetterCase {

        @Test
        void creating_a_username_that_exists_in_another_letter_case_is_refused() {
            Answer upper = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "ADMIN", "role",
                    "ADMIN", "organisation", "CITY", "initialPassword", "Initial2026x"));
            assertThat(upper.status()).as(upper.text()).isEqualTo(409);
            assertThat(upper.code()).isEqualTo("ACCOUNT_EXISTS");
            assertThat(login("ADMIN", "Initial2026x").code()).as("no second account").isEqualTo("BAD_CREDENTIALS");
        }

        @Test
        void a_login_in_any_letter_case_is_the_same_account() {
            Answer me = http.get("/api/v1/me", token(login("Admin", "Admin2026new")));
            assertThat(me.json().path("username").asText()).isEqualTo("admin");

            String created = newAccount("Zhang.San", "ANALYST", "Zhang2026pass");
            assertThat(http.get("/api/v1/me", created).json().path("username").asText()).isEqualTo("Zhang.San");
            assertThat(http.get("/api/v1/me", token(login("zhang.san", "Zhang2026pass"))).json().path("username")
                    .asText()).isEqualTo("Zhang.San");
            assertThat(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "zhang.san", "role",
                    "ANALYST", "organisation", "CITY", "initialPassword", "Initial2026x")).code())
                    .isEqualTo("ACCOUNT_EXISTS");
        }

        @Test
        void failed_logins_and_disabling_count_on_the_one_account_whatever_the_letter_case() {
            newAccount("Li.Si", "ANALYST", "LiSi2026pass");
            login("li.si", "wrong-1");
            login("LI.SI", "wrong-2");
            Answer third = login("Li.Si", "wrong-3");
            assertThat(third.json().path("figures").path("captchaRequired").asBoolean())
                    .as("three failures of one account: " + third.text()).isTrue();

            Answer disabled = http.postJson("/api/v1/admin/accounts/LI.SI/disable", admin, Map.of());
            assertThat(disabled.status()).as(disabled.text()).isEqualTo(200);
            assertThat(disabled.json().path("username").asText()).isEqualTo("Li.Si");
            assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        }
    }

    @Nested
    class Captcha {

        @Test
        void a_captcha_is_a_png_of_distorted_text_given_without_a_token_and_not_cached() throws IOException {
            Answer captcha = http.get(CAPTCHA, null);
            assertThat(captcha.status()).isEqualTo(200);
            JsonNode body = captcha.json();
            assertThat(body.path("captchaId").asText()).isNotBlank();
            String image = body.path("image").asText();
            assertThat(image).startsWith("data:image/png;base64,");
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(image.substring(image.indexOf(',') + 1))));
            assertThat(png.getWidth()).isEqualTo(body.path("width").asInt());
            assertThat(png.getHeight()).isEqualTo(body.path("height").asInt());
            assertThat(body.path("expiresAt").asText()).isNotBlank();
            assertThat(http.get(CAPTCHA, null).json().path("captchaId").asText())
                    .isNotEqualTo(body.path("captchaId").asText());
        }

        @Test
        void after_the_third_failure_a_login_needs_a_captcha_and_the_right_one_lets_the_user_in() {
            newAccount("captcha-1", "ANALYST", "Analyst2026c");
            assertThat(login("captcha-1", "wrong-1").code()).isEqualTo("BAD_CREDENTIALS");
            Answer second = login("captcha-1", "wrong-2");
            assertThat(second.json().path("figures").path("captchaRequired").asBoolean()).isFalse();
            Answer third = login("captcha-1", "wrong-3");
            assertThat(third.code()).isEqualTo("BAD_CREDENTIALS");
            assertThat(third.json().path("figures").path("captchaRequired").asBoolean()).isTrue();

            Answer withoutCaptcha = login("captcha-1", "Analyst2026c");
            assertThat(withoutCaptcha.status()).isEqualTo(401);
            assertThat(withoutCaptcha.contentType()).startsWith("application/problem+json");
            assertThat(withoutCaptcha.code()).as("even the right password needs the captcha")
                    .isEqualTo("CAPTCHA_REQUIRED");
            assertThat(withoutCaptcha.json().path("figures").path("captchaUrl").asText()).isEqualTo(CAPTCHA);

            assertThat(token(login("captcha-1", "Analyst2026c", captchaId(), "k7px"))).isNotBlank();
            assertThat(token(login("captcha-1", "Analyst2026c"))).as("a success clears the count").isNotBlank();
        }

        @Test
        void a_captcha_admits_one_attempt_only() {
            newAccount("captcha-2", "ANALYST", "Analyst2026d");
            for (int i = 1; i <= 3; i++) {
                login("captcha-2", "wrong-" + i);
            }
            String id = captchaId();
            assertThat(login("captcha-2", "wrong-4", id, KnownCaptchaAnswers.ANSWER).code())
                    .as("solved: the password is checked and counted").isEqualTo("BAD_CREDENTIALS");
            Answer reused = login("captcha-2", "Analyst2026d", id, KnownCaptchaAnswers.ANSWER);
            assertThat(reused.status()).isEqualTo(401);
            assertThat(reused.code()).isEqualTo("CAPTCHA_INVALID");
            assertThat(token(login("captcha-2", "Analyst2026d", captchaId(), KnownCaptchaAnswers.ANSWER))).isNotBlank();
        }

        @Test
        void a_wrong_answer_is_refused_and_neither_checks_nor_counts_the_password() {
            newAccount("captcha-3", "ANALYST", "Analyst2026e");
            for (int i = 1; i <= 3; i++) {
                login("captcha-3", "wrong-" + i);
            }
            for (int i = 0; i < 6; i++) { // more than enough wrong answers to lock, were they counted
                Answer wrong = login("captcha-3", i % 2 == 0 ? "Analyst2026e" : "wrong", captchaId(), "AAAA");
                assertThat(wrong.status()).isEqualTo(401);
                assertThat(wrong.code()).isEqualTo("CAPTCHA_INVALID");
            }
            assertThat(login("captcha-3", "Analyst2026e").code()).as("still needs a captcha")
                    .isEqualTo("CAPTCHA_REQUIRED");
            assertThat(token(login("captcha-3", "Analyst2026e", captchaId(), KnownCaptchaAnswers.ANSWER)))
                    .as("not locked").isNotBlank();
        }

        @Test
        void a_captcha_expires_after_two_minutes() {
            newAccount("captcha-4", "ANALYST", "Analyst2026f");
            for (int i = 1; i <= 3; i++) {
                login("captcha-4", "wrong-" + i);
            }
            String late = captchaId();
            String inTime = captchaId();
            clock.advance(Duration.ofMinutes(2).minusSeconds(1));
            assertThat(token(login("captcha-4", "Analyst2026f", inTime, KnownCaptchaAnswers.ANSWER))).isNotBlank();
            for (int i = 1; i <= 3; i++) {
                login("captcha-4", "wrong-" + i);
            }
            clock.advance(Duration.ofSeconds(1));
            Answer expired = login("captcha-4", "Analyst2026f", late, KnownCaptchaAnswers.ANSWER);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.code()).isEqualTo("CAPTCHA_EXPIRED");
            assertThat(login("captcha-4", "Analyst2026f", late, KnownCaptchaAnswers.ANSWER).code())
                    .as("an expired captcha is used up too").isEqualTo("CAPTCHA_INVALID");
        }

        @Test
        void half_a_captcha_is_a_wrong_captcha() {
            Answer noAnswer = http.postJson(LOGIN, null, Map.of("username", "admin", "password", "x",
                    "captchaId", captchaId()));
            assertThat(noAnswer.code()).isEqualTo("CAPTCHA_INVALID");
            Answer noId = http.postJson(LOGIN, null, Map.of("username", "admin", "password", "x",
                    "captchaAnswer", "K7PX"));
            assertThat(noId.code()).isEqualTo("CAPTCHA_INVALID");
        }

        @Test
        void the_lockout_after_five_failures_stays() {
            newAccount("captcha-5", "ANALYST", "Analyst2026g");
            for (int i = 1; i <= 3; i++) {
                login("captcha-5", "wrong-" + i);
            }
            assertThat(login("captcha-5", "wrong-4", captchaId(), KnownCaptchaAnswers.ANSWER).code())
                    .isEqualTo("BAD_CREDENTIALS");
            Answer fifth = login("captcha-5", "wrong-5", captchaId(), KnownCaptchaAnswers.ANSWER);
            assertThat(fifth.status()).isEqualTo(423);
            assertThat(fifth.code()).isEqualTo("ACCOUNT_LOCKED");
            assertThat(login("captcha-5", "Analyst2026g", captchaId(), KnownCaptchaAnswers.ANSWER).status())
                    .isEqualTo(423);
        }

        @Test
        void an_unknown_username_answers_exactly_like_an_account_with_a_wrong_password() {
            newAccount("captcha-6", "ANALYST", "Analyst2026h");
            for (String username : List.of("captcha-6", "no-such-user")) {
                List<String> answers = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    answers.add(summary(login(username, "wrong-" + i)));
                }
                answers.add(summary(login(username, "wrong-5", captchaId(), KnownCaptchaAnswers.ANSWER)));
                answers.add(summary(login(username, "wrong-6", captchaId(), KnownCaptchaAnswers.ANSWER)));
                answers.add(summary(login(username, "wrong-7", captchaId(), "AAAA")));
                assertThat(answers).as(username).containsExactly(
                        "401 BAD_CREDENTIALS false", "401 BAD_CREDENTIALS false", "401 BAD_CREDENTIALS true",
                        "401 CAPTCHA_REQUIRED true", "401 BAD_CREDENTIALS true", "423 ACCOUNT_LOCKED true",
                        "401 CAPTCHA_INVALID false");
            }
        }

        private String summary(Answer answer) {
            return answer.status() + " " + answer.code() + " "
                    + answer.json().path("figures").path("captchaRequired").asBoolean();
        }
    }

    @Nested
    class PasswordHistory {

        @Test
        void each_of_the_last_three_passwords_is_refused_and_the_fourth_last_accepted() {
            String token = newAccount("history-1", "AUDITOR", "Second2026pw"); // initial, then the second
            token = change(token, "Second2026pw", "Third2026pw");
            token = change(token, "Third2026pw", "Fourth2026pw");
            for (String reused : List.of("Fourth2026pw", "Third2026pw", "Second2026pw")) {
                Answer refused = http.postJson("/api/v1/auth/password", token,
                        Map.of("oldPassword", "Fourth2026pw", "newPassword", reused));
                assertThat(refused.status()).as(reused).isEqualTo(422);
                assertThat(refused.code()).isEqualTo("PASSWORD_REUSED");
                assertThat(refused.json().path("figures").path("remembered").asInt()).isEqualTo(3);
            }
            change(token, "Fourth2026pw", "Initial2026x"); // the 4th-last: the initial password
            assertThat(token(login("history-1", "Initial2026x"))).isNotBlank();
        }

        private String change(String token, String old, String next) {
            Answer changed = http.postJson("/api/v1/auth/password", token,
                    Map.of("oldPassword", old, "newPassword", next));
            assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            return changed.json().path("token").asText();
        }
    }
}
