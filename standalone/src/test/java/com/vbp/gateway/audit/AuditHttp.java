package com.vbp.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.HandOver;
import com.vbp.gateway.support.Http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP for the audit tests: any method with any headers, answers with their headers; logins; and the whole history
 * read the way a client reads it, page after page with the cursor.
 */
final class AuditHttp {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    AuditHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    record Reply(int status, HttpResponse<byte[]> response) {

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return Http.readJson(text());
        }

        String code() {
            return json().path("code").asText();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    Reply send(String method, String path, String token, Object json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Http.toJson(json), StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b, token, headers);
    }

    Reply upload(String path, String token, byte[] content, Map<String, String> headers) {
        String boundary = "----audit" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.xlsx\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        return send(b, token, headers);
    }

    /** A multipart form of text fields only (an appeal without evidence). */
    Reply form(String path, String token, Map<String, String> fields, Map<String, String> headers) {
        String boundary = "----audit" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fields.forEach((name, value) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        return send(b, token, headers);
    }

    private Reply send(HttpRequest.Builder b, String token, Map<String, String> headers) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HandOver.readAfter(b, URI.create(base));
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> response = HandOver.saw(client.send(b.build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in with the initial password and changes it; answers the new token. */
    String firstLogin(String username, String initial, String next) {
        Reply login = send("POST", "/api/v1/auth/login", null, Map.of("username", username, "password", initial),
                Map.of());
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        Reply changed = send("POST", "/api/v1/auth/password", login.json().path("token").asText(),
                Map.of("oldPassword", initial, "newPassword", next), Map.of());
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        return changed.json().path("token").asText();
    }

    /** Creates an account as the administrator and logs it in past its first password change. */
    String account(String admin, String username, String role, String organisation) {
        Reply created = send("POST", "/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", "Init2026pass"), Map.of());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return firstLogin(username, "Init2026pass", "Next2026pass");
    }

    /**
     * Every event of the history, read as a client does: page after page with {@code after = next} until the
     * answer says it is complete; checks on the way that positions only go up.
     */
    List<JsonNode> history(String token, String filters, int size) {
        List<JsonNode> events = new ArrayList<>();
        String after = "";
        long lastPosition = -1;
        for (int pages = 0; pages < 10_000; pages++) {
            Reply page = get("/api/v1/audit/events?size=" + size + filters + after, token);
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            JsonNode body = page.json();
            for (JsonNode event : body.path("items")) {
                assertThat(event.path("position").asLong()).isGreaterThan(lastPosition);
                lastPosition = event.path("position").asLong();
                events.add(event);
            }
            if (body.path("complete").asBoolean()) {
                return events;
            }
            after = body.path("next").isNull() ? "" : "&after=" + body.path("next").asLong();
        }
        throw new AssertionError("the history never completed");
    }
}
