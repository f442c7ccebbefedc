package com.vbp.gateway.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.support.Http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what {@link Http} cannot do: send from another loopback address (127.0.0.x, so
 * that tests of per-address limits do not share 127.0.0.1's budget), declare a body longer than the one sent, hold a
 * request open, or send a body in chunks.
 */
final class RawHttp implements AutoCloseable {

    /** A whole answer: status, headers (lower-case names) and body. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return Http.readJson(new String(body, StandardCharsets.UTF_8));
        }

        String code() {
            return json().path("code").asText();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final OutputStream out;

    /** Opens a connection to the application's port from {@code fromAddress} (e.g. 127.0.0.7). */
    RawHttp(String fromAddress, int port) {
        try {
            socket = new Socket();
            socket.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(15_000);
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request with a whole body (or none), answered over a new connection from {@code fromAddress}. */
    static Response exchange(String fromAddress, int port, String method, String path, String token,
                             String contentType, String body) {
        try (RawHttp http = new RawHttp(fromAddress, port)) {
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            http.head(method, path, token, contentType, body == null ? null : "Content-Length: " + bytes.length);
            http.send(bytes);
            return http.response();
        }
    }

    /** The request line and headers; {@code framing} is a Content-Length or Transfer-Encoding header, or null. */
    void head(String method, String path, String token, String contentType, String framing) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (framing != null) {
            head.append(framing).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        send(head.toString().getBytes(StandardCharsets.US_ASCII));
    }

    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One chunk of a {@code Transfer-Encoding: chunked} body. */
    void chunk(byte[] bytes) {
        send((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        send(bytes);
        send("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads the answer (a chunked one decoded). */
    Response response() {
        try {
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0;
                     size = Integer.parseInt(line(in).trim(), 16)) {
                    all.write(in.readNBytes(size));
                    line(in);
                }
                body = all.toByteArray();
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = in.readAllBytes();
            }
            return new Response(status, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("The connection closed in the middle of a line: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
