package com.vbp.gateway.appeal;

import com.vbp.gateway.support.HandOver;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the appeal tests send beyond {@link com.vbp.gateway.support.Http}: a multipart filing with form fields and
 * several files, requests with an {@code Idempotency-Key}, and downloads with their headers.
 */
final class AppealHttp {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    AppealHttp(int port) {
        this.base = "http://localhost:" + port;
    }

    /** One part of a multipart body: a form field ({@code fileName} null) or a file. */
    record Part(String name, String fileName, byte[] content) {

        static Part field(String name, String value) {
            return new Part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        static Part file(String fileName, byte[] content) {
            return new Part("evidence", fileName, content);
        }
    }

    /** An answer with all its headers. */
    record Full(int status, Map<String, List<String>> headers, byte[] body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        Answer answer() {
            return new Answer(status, header("Content-Type").orElse(""), body, header("Idempotent-Replayed")
                    .orElse(null));
        }
    }

    /** POST /api/v1/appeals with the three fields and the files. */
    Answer file(String token, String batch, String title, String content, List<Part> files) {
        return file(token, batch, title, content, files, null);
    }

    Answer file(String token, String batch, String title, String content, List<Part> files, String key) {
        return fileFull(token, batch, title, content, files, key).answer();
    }

    Full fileFull(String token, String batch, String title, String content, List<Part> files, String key) {
        List<Part> parts = new ArrayList<>();
        if (batch != null) {
            parts.add(Part.field("batch", batch));
        }
        if (title != null) {
            parts.add(Part.field("title", title));
        }
        if (content != null) {
            parts.add(Part.field("content", content));
        }
        parts.addAll(files);
        return multipart("/api/v1/appeals", token, parts, key);
    }

    /** The body is sent part by part ({@code BodyPublishers.concat}), never copied whole into one array. */
    Full multipart(String path, String token, List<Part> parts, String key) {
        String boundary = "----appeal" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> body = new ArrayList<>();
        for (Part p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.fileName() != null) {
                head.append("; filename=\"").append(p.fileName()).append("\"\r\n")
                        .append("Content-Type: application/octet-stream");
            } else {
                head.append("\r\nContent-Type: text/plain; charset=UTF-8");
            }
            head.append("\r\n\r\n");
            body.add(HttpRequest.BodyPublishers.ofString(head.toString(), StandardCharsets.UTF_8));
            body.add(HttpRequest.BodyPublishers.ofByteArray(p.content()));
            body.add(HttpRequest.BodyPublishers.ofString("\r\n"));
        }
        body.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "--\r\n"));
        HttpRequest.Builder b = request(path, token, key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(body.toArray(HttpRequest.BodyPublisher[]::new)));
        return send(b.build());
    }

    Answer postJson(String path, String token, Object body, String key) {
        return send(request(path, token, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(body), StandardCharsets.UTF_8))
                .build()).answer();
    }

    Full get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder b = request(path, token, null).GET();
        new LinkedHashMap<>(headers).forEach(b::header);
        return send(b.build());
    }

    private HttpRequest.Builder request(String path, String token, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return HandOver.readAfter(b, URI.create(base));
    }

    private Full send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = HandOver.saw(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            return new Full(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
