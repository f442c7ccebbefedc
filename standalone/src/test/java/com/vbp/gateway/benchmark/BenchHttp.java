package com.vbp.gateway.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The benchmark's client of the allocation API: plain HTTP/1.1 with keep-alive, the consistency headers of the
 * write→read contract, and each answer's time and {@code X-Event-Position}.
 */
final class BenchHttp {

    static final String EVENT_POSITION = "X-Event-Position";
    static final String READ_AFTER = "X-Read-After";
    static final String CONSISTENCY = "X-Consistency";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    BenchHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** {@code position}: the {@code X-Event-Position} header, -1 without one; {@code nanos}: request to last byte. */
    record Reply(int status, byte[] body, long position, long nanos) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return Http.readJson(new String(body, StandardCharsets.UTF_8));
        }

        /** The problem+json {@code code} of an error answer, or the status alone. */
        String code() {
            try {
                String code = json().path("code").asText();
                return code == null || code.isEmpty() ? String.valueOf(status) : status + " " + code;
            } catch (RuntimeException e) {
                return String.valueOf(status);
            }
        }
    }

    Reply get(String path, String token, Map<String, String> headers) {
        return send(request(path, token, headers).GET());
    }

    Reply post(String path, String token, Object body, Map<String, String> headers) {
        return send(withBody(request(path, token, headers), "POST", body));
    }

    Reply put(String path, String token, Object body, Map<String, String> headers) {
        return send(withBody(request(path, token, headers), "PUT", body));
    }

    /** A download read to its end and counted, not kept: {@code status}, bytes, nanoseconds. */
    long[] download(String path, String token) {
        long t = System.nanoTime();
        try {
            HttpResponse<java.io.InputStream> r = client.send(request(path, token, Map.of()).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long bytes;
            try (java.io.InputStream in = r.body()) {
                bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return new long[]{r.statusCode(), bytes, System.nanoTime() - t};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder b, String method, Object body) {
        return b.header("Content-Type", "application/json").method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Http.toJson(body)));
    }

    private HttpRequest.Builder request(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return b;
    }

    private Reply send(HttpRequest.Builder request) {
        long t = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long position = r.headers().firstValue(EVENT_POSITION).map(Long::parseLong).orElse(-1L);
            return new Reply(r.statusCode(), r.body(), position, System.nanoTime() - t);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
