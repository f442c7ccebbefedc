package com.vbp.gateway.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.gateway.consistency.IdempotentRequests.Answer;
import com.vbp.gateway.problem.ProblemHandler;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Applies {@link IdempotentRequests} to every authenticated POST and PUT under {@code /api/v1} that
 * carries an {@code Idempotency-Key}, so no controller has to. The authentication endpoints are left
 * out (a login has no account to own a key; logging out twice is harmless). The fingerprint is the
 * method, path, query and a digest of the body; for a multipart upload, a digest of each part's name,
 * file name and content, since a client that retries the same file usually sends a new boundary.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    private static final long MAX_BODY_BYTES = 22L * 1024 * 1024;

    private final IdempotentRequests requests;
    private final ObjectMapper json;

    public IdempotencyFilter(IdempotentRequests requests, ObjectMapper json) {
        this.requests = requests;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        String uri = request.getRequestURI();
        return !("POST".equals(method) || "PUT".equals(method)) || request.getHeader(IdempotentRequests.HEADER) == null
                || !uri.startsWith("/api/v1/") || uri.startsWith("/api/v1/auth/")
                // multipart parts are kept on disk by the container, so only a plain body is capped here
                || (!isMultipart(request) && request.getContentLengthLong() > MAX_BODY_BYTES);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof CurrentUser user)) {
            chain.doFilter(request, response); // refused further on
            return;
        }
        HttpServletRequest replayable;
        String bodyDigest;
        if (isMultipart(request)) {
            // The container parses the parts from its own stream and keeps them for the application.
            bodyDigest = partsDigest(request);
            if (bodyDigest == null) {
                chain.doFilter(request, response); // a broken or oversized upload is refused further on
                return;
            }
            replayable = request;
        } else {
            byte[] body = request.getInputStream().readNBytes((int) MAX_BODY_BYTES + 1);
            replayable = new CachedBody(request, body);
            bodyDigest = digest(body);
        }
        String fingerprint = request.getMethod() + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + " " + bodyDigest;
        Answer answer;
        try {
            answer = requests.run(user.username(), request.getHeader(IdempotentRequests.HEADER), fingerprint, () -> {
                ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
                try {
                    chain.doFilter(replayable, captured);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
                return new Answer(captured.getStatus(), captured.getContentType(), captured.getContentAsByteArray(),
                        false);
            });
        } catch (Refused refused) {
            answer = new Answer(refused.status().value(), MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    json.writeValueAsBytes(ProblemHandler.problem(refused.status(), refused.refusal())), false);
        }
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.replayed()) {
            response.setHeader(IdempotentRequests.REPLAYED_HEADER, "true");
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /** Each part's name, file name and content digest: the same file sent again matches, whatever the boundary. */
    private static String partsDigest(HttpServletRequest request) throws IOException {
        StringBuilder parts = new StringBuilder();
        try {
            for (jakarta.servlet.http.Part part : request.getParts()) {
                try (java.io.InputStream in = part.getInputStream()) {
                    parts.append(part.getName()).append('|').append(part.getSubmittedFileName()).append('|')
                            .append(digest(in.readAllBytes())).append(';');
                }
            }
        } catch (ServletException | IllegalStateException notParsed) {
            return null;
        }
        return digest(parts.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once, so it can be digested and still be read by the application. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
