package com.vbp.gateway.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The test clients' hand-over of positions between users: every answer's {@code X-Event-Position} is remembered per
 * application (host and port), and every request sends the highest as {@code X-Read-After}, as a client passing work
 * from one clerk to another does (shared/API.md, "Consistency"). Tests switch between users' tokens from one line to
 * the next, so each read sees every write the test made before it, whoever made it.
 */
public final class HandOver {

    private static final Map<String, AtomicLong> LAST = new ConcurrentHashMap<>();

    private HandOver() {
    }

    public static HttpRequest.Builder readAfter(HttpRequest.Builder request, URI uri) {
        AtomicLong last = LAST.get(key(uri));
        if (last != null) {
            request.setHeader("X-Read-After", String.valueOf(last.get()));
        }
        return request;
    }

    public static <T> HttpResponse<T> saw(HttpResponse<T> response) {
        response.headers().firstValue("X-Event-Position").ifPresent(p -> LAST
                .computeIfAbsent(key(response.uri()), k -> new AtomicLong(-1))
                .accumulateAndGet(Long.parseLong(p), Math::max));
        return response;
    }

    /**
     * An application (re)started on this port: positions of an earlier one there (tests reuse ports) mean nothing to it
     * and would be refused as {@code INVALID_READ_AFTER}.
     */
    public static void forget(int port) {
        LAST.remove("localhost:" + port);
    }

    private static String key(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
