package com.vbp.gateway.limits;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.problem.BodyRefused;
import com.vbp.gateway.security.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request body over its limit is refused before it is read: a {@code Content-Length} over the limit answers 413 at
 * once, and a body of unknown length (chunked) is cut off with 413 when it passes the limit. An upload (multipart)
 * has the multipart request limit ({@code spring.servlet.multipart.max-request-size}; the container's parser enforces
 * it on what it reads), any other body {@code app.limits.max-body-size}. The answer closes the connection, so the
 * container does not read the rest of a body nobody wants.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final long maxUploadBytes;
    private final ProblemWriter problems;

    /** {@code maxUploadBytes} below 0: the multipart limit is the container's alone. */
    RequestBodyLimit(long maxBodyBytes, long maxUploadBytes, ProblemWriter problems) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxUploadBytes = maxUploadBytes;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean upload = isMultipart(request);
        long declared = request.getContentLengthLong();
        if (upload) {
            if (maxUploadBytes >= 0 && declared > maxUploadBytes) {
                refuse(response, new Refusal(RefusalCode.FILE_TOO_LARGE, "The upload is larger than allowed ("
                        + declared + " bytes, at most " + maxUploadBytes + ")",
                        Map.of("maxBytes", maxUploadBytes), List.of()));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (declared > maxBodyBytes) {
            refuse(response, tooLarge());
            return;
        }
        try {
            chain.doFilter(new LimitedBody(request, maxBodyBytes), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // read outside Spring MVC's exception handling (the Idempotency-Key filter digests the body)
            if (cutOff(e) && !response.isCommitted()) {
                refuse(response, tooLarge());
                return;
            }
            throw e;
        }
    }

    private Refusal tooLarge() {
        return new Refusal(RefusalCode.BODY_TOO_LARGE, "The request body is larger than allowed (at most "
                + maxBodyBytes + " bytes)", Map.of("maxBytes", maxBodyBytes), List.of());
    }

    private void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        problems.write(response, refusal);
        response.flushBuffer();
    }

    private static boolean cutOff(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyRefused) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** The request with a body stream that fails once more than the limit has been read. */
    private final class LimitedBody extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        LimitedBody(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyRefused {
            read += n;
            if (read > limit) {
                throw new BodyRefused(tooLarge());
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
