package com.vbp.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's HTTP to the {@link LiveApp}: every request to the process up now, a broken connection reported as
 * the {@link IOException} it is (the caller decides what an unanswered command means), every command with its own
 * {@code X-Correlation-Id} (how the history names it), every read after the client's last write
 * ({@code X-Read-After}, API.md "Consistency").
 */
final class CrashHttp {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final LiveApp app;
    private final AtomicLong lastPosition;

    /** {@code lastPosition}: the highest event position seen, shared by the clients whose reads must see it. */
    CrashHttp(LiveApp app, AtomicLong lastPosition) {
        this.app = app;
        this.lastPosition = lastPosition;
    }

    record Reply(int status, String body) {

        JsonNode json() {
            return Http.readJson(body);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A command with a JSON body (or none), sent once to the process up at {@code port}. */
    Reply command(int port, String method, String path, String token, Object json, String correlationId)
            throws IOException {
        HttpRequest.Builder b = request(port, path, token).header("X-Correlation-Id", correlationId)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Http.toJson(json), StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    /** An upload (multipart, the file in part {@code file}), sent once to the process up at {@code port}. */
    Reply upload(int port, String path, String token, byte[] xlsx, String correlationId) throws IOException {
        String boundary = "----crash" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.xlsx\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(xlsx);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(port, path, token).header("X-Correlation-Id", correlationId)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    /** A read, repeated on a broken connection until a process answers it. */
    Reply get(String path, String token) {
        while (true) {
            app.awaitUp();
            try {
                return send(request(app.port(), path, token).GET());
            } catch (IOException killedMeanwhile) {
                LiveApp.sleep(100);
            }
        }
    }

    /**
     * The history, oldest first, as an auditor reads it page after page ({@code filters} like
     * {@code &aggregateId=...}, already encoded).
     */
    List<JsonNode> history(String token, String filters) {
        List<JsonNode> events = new ArrayList<>();
        String after = "";
        for (int pages = 0; pages < 100_000; pages++) {
            Reply page = get("/api/v1/audit/events?size=1000" + filters + after, token);
            if (page.status() != 200) {
                throw new AssertionError("the history answered " + page.status() + ": " + page.body());
            }
            JsonNode body = page.json();
            body.path("items").forEach(events::add);
            if (body.path("complete").asBoolean()) {
                return events;
            }
            after = body.path("next").isNull() ? "" : "&after=" + body.path("next").asLong();
        }
        throw new AssertionError("the history never completed");
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(int port, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        long last = lastPosition.get();
        if (last >= 0) {
            b.header("X-Read-After", String.valueOf(last));
        }
        return b;
    }

    private Reply send(HttpRequest.Builder b) throws IOException {
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            r.headers().firstValue("X-Event-Position").ifPresent(p -> lastPosition.accumulateAndGet(
                    Long.parseLong(p), Math::max));
            return new Reply(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
