package com.vbp.gateway.limits;

import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default limits: ordinary use passes; an account runs at most two uploads or exports at once (a third
 * answers 429 TRANSFERS_BUSY with Retry-After); a body over its limit is refused with 413 before it is read, from
 * its Content-Length at once or, sent in chunks, when it passes the limit.
 */
class TransferAndBodyLimitsTest {

    private static final String LOGIN = "/api/v1/auth/login";
    private static final String BATCH = "/api/v1/procurement/batches/LIM-2026";
    private static final String EXPORT = BATCH + "/supply-list.xlsx";
    private static final String UPLOAD = BATCH + "/catalogue";
    private static final long GIGABYTE = 1L << 30;

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static Http http;
    static String admin;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass");
        http = app.http();
        admin = changeInitialPassword("admin", "Start2026pass", "Admin2026new");
        Answer batch = http.postJson("/api/v1/procurement/batches", admin, Map.of("code", "LIM-2026",
                "name", "限制测试批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-12-31T00:00:00Z"));
        assertThat(batch.status()).as(batch.text()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void ordinary_use_passes_the_default_limits() {
        // given an account of a clerk who logs in again and again, as a busy day goes
        String clerk = newAdmin("clerk-1", "Clerk2026pass");
        // when it logs in five times, asks three captchas and exports twice in a row, all from one address
        for (int i = 1; i <= 5; i++) {
            Answer login = http.postJson(LOGIN, null, Map.of("username", "clerk-1", "password", "Clerk2026pass"));
            // then nothing is limited
            assertThat(login.status()).as(login.text()).isEqualTo(200);
        }
        for (int i = 1; i <= 3; i++) {
            assertThat(http.get("/api/v1/auth/captcha", null).status()).isEqualTo(200);
        }
        for (int i = 1; i <= 2; i++) {
            assertThat(http.get(EXPORT, clerk).status()).isEqualTo(200);
        }
    }

    @Test
    void a_third_upload_or_export_of_one_account_while_two_are_under_way_answers_429() throws Exception {
        String other = newAdmin("other-1", "Other2026pass");
        double refusedBefore = metric("vbp_rate_limited_total{endpoint=\"export\",key=\"account\"}");
        List<RawHttp> held = new ArrayList<>();
        try {
            // given two uploads by the admin whose bodies are still arriving
            for (int i = 0; i < 2; i++) {
                RawHttp upload = new RawHttp("127.0.0.1", app.port());
                upload.head("POST", UPLOAD, admin, "multipart/form-data; boundary=held", "Content-Length: 100000");
                upload.send("--held\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.xlsx\"\r\n\r\nPK"
                        .getBytes(StandardCharsets.US_ASCII));
                held.add(upload);
            }
            assertThat(eventually(() -> metric("vbp_transfers_active"), n -> n == 2))
                    .as("both held uploads under way").isEqualTo(2);

            // when the admin asks an export meanwhile
            Answer export = http.get(EXPORT, admin);

            // then it waits its turn: 429 with Retry-After, as does a third upload; another account is not held up
            assertThat(export.status()).as(export.text()).isEqualTo(429);
            assertThat(export.contentType()).startsWith("application/problem+json");
            assertThat(export.code()).isEqualTo("TRANSFERS_BUSY");
            assertThat(export.header("Retry-After")).isEqualTo("5");
            Answer upload = http.upload(UPLOAD, admin, "c.xlsx", new byte[]{'P', 'K'});
            assertThat(upload.status()).as(upload.text()).isEqualTo(429);
            assertThat(upload.code()).isEqualTo("TRANSFERS_BUSY");
            assertThat(http.get(EXPORT, other).status()).isEqualTo(200);
            assertThat(metric("vbp_rate_limited_total{endpoint=\"export\",key=\"account\"}"))
                    .isEqualTo(refusedBefore + 1);
        } finally {
            held.forEach(RawHttp::close);
        }

        // and once the held uploads have ended, the admin's export is served
        assertThat(eventually(() -> http.get(EXPORT, admin), a -> a.status() != 429).status()).isEqualTo(200);
    }

    @Test
    void a_body_declared_over_the_limit_is_refused_at_once_without_reading_it() {
        // given a login that declares a 1 GiB body and sends a few bytes of it
        try (RawHttp login = new RawHttp("127.0.0.61", app.port())) {
            long start = System.nanoTime();
            login.head("POST", LOGIN, null, "application/json", "Content-Length: " + GIGABYTE);
            login.send("{\"username\": \"".getBytes(StandardCharsets.US_ASCII));

            // when the answer is read
            RawHttp.Response answer = login.response();

            // then it is 413 within a second, the rest never awaited
            assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
            assertThat(answer.status()).as(answer.text()).isEqualTo(413);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.code()).isEqualTo("BODY_TOO_LARGE");
            assertThat(answer.json().path("figures").path("maxBytes").asLong()).isEqualTo(1L << 20);
        }
        // and an upload has the multipart limit, refused just as early
        try (RawHttp upload = new RawHttp("127.0.0.61", app.port())) {
            long start = System.nanoTime();
            upload.head("POST", UPLOAD, admin, "multipart/form-data; boundary=big", "Content-Length: " + GIGABYTE);
            upload.send("--big\r\n".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response answer = upload.response();
            assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
            assertThat(answer.status()).as(answer.text()).isEqualTo(413);
            assertThat(answer.code()).isEqualTo("FILE_TOO_LARGE");
            assertThat(answer.json().path("figures").path("maxBytes").asLong()).isEqualTo(105L << 20);
        }
    }

    @Test
    void a_chunked_body_is_cut_off_when_it_passes_the_limit() {
        // given bodies of unknown length: a login, and a profile change the Idempotency-Key filter reads first
        for (String[] request : List.of(new String[]{"POST", LOGIN, null, null},
                new String[]{"PUT", "/api/v1/me", admin, "Idempotency-Key: big-1"})) {
            try (RawHttp client = new RawHttp("127.0.0.62", app.port())) {
                client.head(request[0], request[1], request[2], "application/json",
                        "Transfer-Encoding: chunked" + (request[3] == null ? "" : "\r\n" + request[3]));
                client.chunk("{\"displayName\": \"".getBytes(StandardCharsets.US_ASCII));
                // when 1.25 MiB are sent (the limit is 1 MiB) and the body is not ended
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                for (int i = 0; i < 20; i++) {
                    client.chunk(chunk);
                }
                RawHttp.Response answer = client.response();

                // then the answer is 413 without waiting for the end
                assertThat(answer.status()).as(request[1] + ": " + answer.text()).isEqualTo(413);
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
                assertThat(answer.code()).isEqualTo("BODY_TOO_LARGE");
            }
        }
    }

    private static String changeInitialPassword(String username, String initial, String next) {
        Answer login = http.postJson(LOGIN, null, Map.of("username", username, "password", initial));
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        Answer changed = http.postJson("/api/v1/auth/password", login.json().path("token").asText(),
                Map.of("oldPassword", initial, "newPassword", next));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        return changed.json().path("token").asText();
    }

    private static String newAdmin(String username, String password) {
        Answer created = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", "ADMIN",
                "organisation", "CITY", "initialPassword", "Initial2026x"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return changeInitialPassword(username, "Initial2026x", password);
    }

    /** The first answer that passes, asked again for up to 30 s (held requests reach the server in their time). */
    private static <T> T eventually(Supplier<T> ask, Predicate<T> done) throws InterruptedException {
        long until = System.nanoTime() + 30_000_000_000L;
        T answer = ask.get();
        while (!done.test(answer) && System.nanoTime() < until) {
            Thread.sleep(100);
            answer = ask.get();
        }
        return answer;
    }

    /** A Prometheus sample by its name and labels as scraped (0 when absent), e.g. {@code vbp_transfers_active}. */
    private static double metric(String sample) {
        Answer scraped = http.get("/actuator/prometheus", admin);
        assertThat(scraped.status()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)").matcher(scraped.text());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
