package com.vbp.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.KnownCaptchaAnswers;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first standalone start with the demo data set, used as the demo users would: accounts per
 * role and organisation, who sees what of the supply list, account management and lockout.
 */
class StandaloneDemoTest {

    private static final String DEMO_PASSWORD = "Demo2026pass";
    private static final String SUPPLY = "/api/v1/procurement/batches/HB-ZCY-2023/supply-list";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static Http http;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, Map.of("captchaAnswers", new KnownCaptchaAnswers()), "app.demo.enabled=true");
        http = app.http();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Logs in with the demo password and changes it, as the first login demands. */
    static String firstLogin(String username, String newPassword) {
        Answer login = http.postJson("/api/v1/auth/login", null, Map.of("username", username, "password", DEMO_PASSWORD));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(login.json().path("mustChangePassword").asBoolean()).isTrue();
        Answer changed = http.postJson("/api/v1/auth/password", login.json().path("token").asText(),
                Map.of("oldPassword", DEMO_PASSWORD, "newPassword", newPassword));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        return changed.json().path("token").asText();
    }

    /** The admin's token, whichever test logs in first. */
    static synchronized String admin() {
        Answer login = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", "Admin2026demo"));
        return login.status() == 200 ? login.json().path("token").asText() : firstLogin("admin", "Admin2026demo");
    }

    @Test
    void the_demo_data_set_has_its_batch_and_one_account_per_role_and_organisation() {
        String admin = admin();
        JsonNode batch = http.get("/api/v1/procurement/batches/HB-ZCY-2023", admin).json();
        assertThat(batch.path("status").asText()).isEqualTo("OPEN");
        assertThat(batch.path("productGroupCount").asInt()).isGreaterThanOrEqualTo(20);
        assertThat(batch.path("productCount").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(batch.path("institutionCount").asInt()).isGreaterThanOrEqualTo(50);

        JsonNode bureaus = http.get("/api/v1/admin/accounts?role=DISTRICT_BUREAU&size=500", admin).json();
        assertThat(bureaus.path("total").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode institutions = http.get("/api/v1/admin/accounts?role=INSTITUTION&size=500", admin).json();
        assertThat(institutions.path("total").asLong()).isEqualTo(batch.path("institutionCount").asLong());
        long mustChange = 0;
        for (JsonNode a : institutions.path("items")) {
            assertThat(a.path("username").asText()).isEqualTo("inst-" + a.path("organisation").asText());
            mustChange += a.path("mustChangePassword").asBoolean() ? 1 : 0;
        }
        // Other tests of this class log in as up to two institutions and change their passwords.
        assertThat(mustChange).isGreaterThanOrEqualTo(institutions.path("total").asLong() - 2);
        for (String city : new String[]{"auditor", "analyst"}) {
            assertThat(http.get("/api/v1/admin/accounts?organisation=CITY&size=500", admin).text()).contains(city);
        }
    }

    @Test
    void the_demo_has_a_finalised_and_an_open_retention_batch_and_two_appeals() {
        String admin = admin();
        JsonNode finalised = http.get("/api/v1/retention/batches/RET-2024-4P7", admin).json();
        assertThat(finalised.path("finalised").asBoolean()).as(finalised.toString()).isTrue();
        assertThat(finalised.path("status").asText()).isEqualTo("FINALISED");
        assertThat(finalised.path("institutionCount").asInt()).isEqualTo(60);
        JsonNode amounts = http.get("/api/v1/retention/batches/RET-2024-4P7/amounts?size=500", admin).json();
        assertThat(amounts.path("total").asLong()).as(amounts.toString()).isEqualTo(60);
        assertThat(amounts.path("budget").decimalValue()).isPositive();
        assertThat(amounts.path("surplus").decimalValue()).isPositive();
        assertThat(amounts.path("retained").decimalValue()).isPositive();
        long unassessed = 0;
        long assessed = 0;
        for (JsonNode a : amounts.path("items")) {
            if (a.path("assessed").asBoolean()) {
                assessed++;
            } else {
                unassessed++;
                assertThat(a.path("retained").decimalValue()).isZero();
            }
        }
        assertThat(unassessed).as("one district's institutions are 未考核").isPositive();
        assertThat(assessed).isGreaterThan(unassessed);

        JsonNode open = http.get("/api/v1/retention/batches/RET-2025-4P7", admin).json();
        assertThat(open.path("status").asText()).as(open.toString()).isEqualTo("OPEN");
        assertThat(open.path("finalised").asBoolean()).isFalse();
        assertThat(open.path("institutionCount").asInt()).isEqualTo(60);

        JsonNode appeals = http.get("/api/v1/appeals?size=100", admin).json();
        assertThat(appeals.path("total").asLong()).as(appeals.toString()).isEqualTo(2);
        long resolved = 0;
        long fresh = 0;
        for (JsonNode a : appeals.path("items")) {
            assertThat(a.path("batchCode").asText()).isEqualTo("RET-2024-4P7");
            resolved += "RESOLVED".equals(a.path("status").asText()) ? 1 : 0;
            fresh += "NEW".equals(a.path("status").asText()) ? 1 : 0;
        }
        assertThat(resolved).isEqualTo(1);
        assertThat(fresh).isEqualTo(1);
    }

    @Test
    void each_role_sees_only_the_supply_list_it_may_see() {
        String analyst = firstLogin("analyst", "Analyst2026x");
        long whole = http.get(SUPPLY, analyst).json().path("total").asLong();
        assertThat(whole).isPositive();

        String bureau = firstLogin("bureau-420102", "Bureau2026x");
        assertThat(http.get(SUPPLY + "?district=420103", bureau).code()).as("another district is refused")
                .isEqualTo("OUT_OF_SCOPE");
        JsonNode district = http.get(SUPPLY + "?size=500", bureau).json();
        assertThat(district.path("total").asLong()).isPositive().isLessThan(whole);
        district.path("items").forEach(r -> assertThat(r.path("district").asText()).isEqualTo("420102"));

        String institution = firstLogin("inst-H42010200001", "Hospital2026x");
        JsonNode own = http.get(SUPPLY + "?size=500", institution).json();
        assertThat(own.path("total").asLong()).isPositive().isLessThan(district.path("total").asLong());
        own.path("items").forEach(r -> assertThat(r.path("institutionCode").asText()).isEqualTo("H42010200001"));
        assertThat(http.get("/api/v1/admin/accounts", institution).code()).isEqualTo("FORBIDDEN");
        assertThat(http.get("/api/v1/admin/accounts", bureau).status()).isEqualTo(403);
    }

    @Test
    void account_management_refuses_bad_requests_with_their_codes() {
        String admin = admin();
        assertThat(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "inst-H42010200001",
                "role", "INSTITUTION", "organisation", "H42010200001", "initialPassword", "Hosp2026init"))
                .code()).isEqualTo("ACCOUNT_EXISTS");
        assertThat(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "wrong-role",
                "role", "DISTRICT_BUREAU", "organisation", "H42010200001", "initialPassword", "Hosp2026init"))
                .code()).isEqualTo("ROLE_ORGANISATION_MISMATCH");
        Answer weak = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "second-420102",
                "role", "DISTRICT_BUREAU", "organisation", "420102", "initialPassword", "onlyletters"));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.code()).isEqualTo("PASSWORD_POLICY");
        assertThat(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "bad", "role", "KING",
                "organisation", "CITY", "initialPassword", "Hosp2026init")).code()).isEqualTo("INVALID_REQUEST");
        Answer created = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "second-420102",
                "role", "DISTRICT_BUREAU", "organisation", "420102", "initialPassword", "Bureau2026init"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("createdBy").asText()).isEqualTo("admin");
    }

    @Test
    void five_failed_logins_lock_the_account_and_disabling_revokes_its_tokens() {
        String user = "inst-H42010300001";
        for (int i = 1; i <= 3; i++) {
            assertThat(http.postJson("/api/v1/auth/login", null, Map.of("username", user, "password", "wrong" + i))
                    .code()).isEqualTo("BAD_CREDENTIALS");
        }
        assertThat(http.postJson("/api/v1/auth/login", null, Map.of("username", user, "password", "wrong4"))
                .code()).isEqualTo("CAPTCHA_REQUIRED");
        assertThat(http.postJson("/api/v1/auth/login", null, withCaptcha(user, "wrong4")).code())
                .isEqualTo("BAD_CREDENTIALS");
        Answer fifth = http.postJson("/api/v1/auth/login", null, withCaptcha(user, "wrong5"));
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.code()).isEqualTo("ACCOUNT_LOCKED");
        assertThat(fifth.json().path("figures").path("lockedUntil").asText()).isNotBlank();
        assertThat(http.postJson("/api/v1/auth/login", null, withCaptcha(user, DEMO_PASSWORD))
                .status()).as("locked even with the right password").isEqualTo(423);

        String victim = firstLogin("bureau-420103", "Bureau2026y");
        assertThat(http.get("/api/v1/me", victim).status()).isEqualTo(200);
        String admin = admin();
        Answer disabled = http.postJson("/api/v1/admin/accounts/bureau-420103/disable", admin, Map.of());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        assertThat(http.get("/api/v1/me", victim).status()).as("a disabled account's token stops working")
                .isEqualTo(401);
        assertThat(http.postJson("/api/v1/auth/login", null, Map.of("username", "bureau-420103",
                "password", "Bureau2026y")).code()).isEqualTo("ACCOUNT_DISABLED");
        assertThat(http.postJson("/api/v1/admin/accounts/nobody/disable", admin, Map.of()).code())
                .isEqualTo("UNKNOWN_ACCOUNT");
    }

    /** A login with a fresh captcha (the application draws captchas with a known text). */
    static Map<String, Object> withCaptcha(String username, String password) {
        String captchaId = http.get("/api/v1/auth/captcha", null).json().path("captchaId").asText();
        return Map.of("username", username, "password", password, "captchaId", captchaId,
                "captchaAnswer", KnownCaptchaAnswers.ANSWER);
    }
}
