package com.vbp.gateway.allocation;

import com.vbp.gateway.support.HandOver;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.SmallBatch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The small batch of {@link SmallBatch} plus a pending line of H42010200001 in group G1 (two winners),
 * loaded over HTTP, with accounts of every role the allocation endpoints care about; and PUT/POST with
 * headers, which {@link Http} does not offer.
 */
final class AllocationFixture {

    static final String BATCH_CODE = "ALLOC-2026";
    static final String BATCH = "/api/v1/procurement/batches/" + BATCH_CODE;
    static final String H1 = "H42010200001";
    static final String H2 = "H42010300002";
    static final String ADMIN_PASSWORD = "Start2026pass";

    /** H1's pending line in G1, reported for a non-winning product: P = 900, U_d = 3. */
    static final DemandRow H1_PENDING_G1 = new DemandRow(5, H1, "武汉市江岸区人民医院", "420102", "G1", DemandKind.PENDING,
            "ZX00000098", "银杏叶滴丸", "某非中选二厂", Volume.of(900), DailyUsage.of("3"));

    private final HttpClient client = HttpClient.newHttpClient();
    private final Http http;
    private final int port;
    String admin;
    String institution;
    String otherInstitution;
    String analyst;

    AllocationFixture(Http http, int port) {
        this.http = http;
        this.port = port;
    }

    /** Logs the admin in, creates the batch, uploads both files and creates the accounts. */
    AllocationFixture load() {
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password",
                ADMIN_PASSWORD)).json().path("token").asText();
        admin = http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", ADMIN_PASSWORD,
                "newPassword", "Admin2026new")).json().path("token").asText();
        Answer created = http.postJson("/api/v1/procurement/batches", admin, Map.of("code", BATCH_CODE,
                "name", "分配测试批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-12-31T00:00:00Z"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(http.upload(BATCH + "/catalogue", admin, "c.xlsx", SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE))
                .status()).isEqualTo(200);
        List<DemandRow> demands = new ArrayList<>(SmallBatch.DEMANDS);
        demands.add(H1_PENDING_G1);
        Answer uploaded = http.upload(BATCH + "/demands", admin, "d.xlsx", SmallBatch.demandXlsx(demands));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
        institution = account("inst-h1", "INSTITUTION", H1);
        otherInstitution = account("inst-h2", "INSTITUTION", H2);
        analyst = account("analyst1", "ANALYST", "CITY");
        return this;
    }

    private String account(String username, String role, String organisation) {
        Answer a = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", "Init2026pass"));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", "Init2026pass")).json().path("token").asText();
        return http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Init2026pass",
                "newPassword", "Next2026pass")).json().path("token").asText();
    }

    Answer put(String path, String token, Object body, String idempotencyKey) {
        return send("PUT", path, token, body, idempotencyKey);
    }

    Answer post(String path, String token, String idempotencyKey) {
        return send("POST", path, token, null, idempotencyKey);
    }

    Answer post(String path, String token, Object body, String idempotencyKey) {
        return send("POST", path, token, body, idempotencyKey);
    }

    /** The {@code Idempotent-Replayed} header of the last answer sent through this fixture. */
    String lastReplayed;

    private Answer send(String method, String path, String token, Object body, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Http.toJson(body), StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        HandOver.readAfter(b, URI.create("http://localhost:" + port));
        try {
            HttpResponse<byte[]> r = HandOver.saw(client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
            lastReplayed = r.headers().firstValue("Idempotent-Replayed").orElse(null);
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> entries(Object... drugAndVolume) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < drugAndVolume.length; i += 2) {
            entries.add(Map.of("drugCode", drugAndVolume[i], "contractVolume", drugAndVolume[i + 1]));
        }
        return Map.of("entries", entries);
    }
}
