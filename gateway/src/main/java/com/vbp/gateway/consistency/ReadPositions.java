package com.vbp.gateway.consistency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.vbp.events.common.ConsistencyQueries;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryMessage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;

/**
 * Read-your-writes, kept on the read (shared/API.md, "Consistency"). A command answers as soon as its events are
 * stored, with the event-stream position it reached in {@value #EVENT_POSITION}; the gateway also remembers that
 * position per token. A later read waits until the projections it reads have reached the highest of: that token's
 * last position, the position of a command earlier in the same request, and the client's {@value #READ_AFTER}
 * header (a position handed over from another user or gateway). {@code X-Consistency: eventual} waits for nothing.
 * Nobody waits for projections they do not read, nor for positions beyond what they were told.
 */
@Component
public class ReadPositions {

    public static final String EVENT_POSITION = "X-Event-Position";
    public static final String READ_AFTER = "X-Read-After";
    public static final String CONSISTENCY = "X-Consistency";
    private static final String REQUEST_POSITION = ReadPositions.class.getName() + ".position";
    private static final String READ_AFTER_CHECKED = ReadPositions.class.getName() + ".readAfter";

    // A token lives 8 hours (TokenService); its position is of no use after that. The bound keeps a flood of
    // logins from growing the map: an evicted token simply reads without waiting for its own earlier writes.
    private final Cache<String, Long> byToken = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(9)).maximumSize(200_000).build();
    private final EventStreamHead head;

    public ReadPositions(EventStreamHead head) {
        this.head = head;
    }

    /**
     * A query that never waits for the request's position: authentication's account lookups, which must answer (or
     * refuse) at once, before the request has a user. The identity commands that change what they read wait for every
     * projection ({@link Commands#sendAndAwait}), so these lookups are never behind those.
     */
    public static <Q> QueryMessage<Q, ?> withoutWaiting(Q query, Class<?> responseType) {
        return new GenericQueryMessage<>(query, ResponseTypes.instanceOf(responseType))
                .andMetaData(java.util.Map.of(ConsistencyQueries.READ_AFTER, -1L));
    }

    /** After a command of this request: remembers the position for the request and its token, and tells the client. */
    public long acknowledged() {
        long position = head.position();
        ServletRequestAttributes attributes = currentRequest();
        if (attributes == null || position < 0) {
            return position;
        }
        HttpServletRequest request = attributes.getRequest();
        request.setAttribute(REQUEST_POSITION, Math.max(position, requestPosition(request)));
        String token = tokenId();
        if (token != null) {
            byToken.asMap().merge(token, position, Math::max);
        }
        HttpServletResponse response = attributes.getResponse();
        if (response != null && !response.isCommitted()) {
            response.setHeader(EVENT_POSITION, String.valueOf(position));
        }
        return position;
    }

    /** A token just issued reads everything acknowledged before it was issued (a clerk logging in after a handover). */
    public void issued(String tokenId) {
        ServletRequestAttributes attributes = currentRequest();
        long position = attributes == null ? -1 : requestPosition(attributes.getRequest());
        if (position < 0) {
            position = head.position();
        }
        if (position >= 0) {
            byToken.put(tokenId, position);
        }
    }

    /** The position this request's reads wait for, or -1 for none (no position known, or eventual reads asked). */
    public long required() {
        ServletRequestAttributes attributes = currentRequest();
        if (attributes == null) {
            return -1;
        }
        HttpServletRequest request = attributes.getRequest();
        if ("eventual".equalsIgnoreCase(request.getHeader(CONSISTENCY))) {
            return -1;
        }
        long position = Math.max(requestPosition(request), readAfterHeader(request));
        String token = tokenId();
        Long own = token == null ? null : byToken.getIfPresent(token);
        return own == null ? position : Math.max(position, own);
    }

    /**
     * A read refused as {@code READ_MODEL_BEHIND} after a command of the same request: the answer says the change was
     * stored ({@code applied}), so that the client reads again rather than repeating the command.
     */
    public static Refusal afterCommand(Refusal refusal) {
        ServletRequestAttributes attributes = currentRequest();
        if (!refusal.is(RefusalCode.READ_MODEL_BEHIND) || attributes == null
                || requestPosition(attributes.getRequest()) < 0) {
            return refusal;
        }
        java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>(refusal.figures());
        figures.put("applied", true);
        return new Refusal(refusal.code(), "Your change was saved; the figures shown are still being updated: "
                + "read them again in a moment", figures, refusal.rows());
    }

    static boolean inRequest() {
        return currentRequest() != null;
    }

    private static long readAfterHeader(HttpServletRequest request) {
        return request.getAttribute(READ_AFTER_CHECKED) instanceof Long checked ? checked : -1;
    }

    /**
     * Checks the request's {@value #READ_AFTER} header before anything is done for it ({@link ReadAfterFilter}), so a
     * bad one refuses the request whole; answers the refusal, or null.
     */
    Refusal checkReadAfter(HttpServletRequest request) {
        String value = request.getHeader(READ_AFTER);
        if (value == null || value.isBlank()) {
            return null;
        }
        long position;
        try {
            position = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Refusal.of(RefusalCode.INVALID_READ_AFTER,
                    READ_AFTER + " must be an event position (a whole number) from an " + EVENT_POSITION + " header");
        }
        // A position nobody was told would make every read wait out the timeout: refused instead.
        if (position < 0 || !head.reached(position)) {
            return Refusal.of(RefusalCode.INVALID_READ_AFTER,
                    READ_AFTER + " names a position the event store has not reached: " + value.trim());
        }
        request.setAttribute(READ_AFTER_CHECKED, position);
        return null;
    }

    private static long requestPosition(HttpServletRequest request) {
        return request.getAttribute(REQUEST_POSITION) instanceof Long p ? p : -1;
    }

    private static String tokenId() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof CurrentUser.Authentication auth
                && auth.getCredentials() instanceof Jwt jwt) {
            return jwt.getId();
        }
        return null;
    }

    private static ServletRequestAttributes currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a : null;
    }
}
