package com.vbp.gateway.problem;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.gateway.audit.RequestCorrelation;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Careless and hostile requests on the real standalone application (issue 12, points 7, 8, 9, 12 and 15): every
 * JSON body is read strictly, every framework refusal is in the project's words with its fields at {@code fields},
 * nothing of the request's shape is a 500, a malformed correlation id is replaced, and a refusal is one INFO line
 * while an unexpected failure is one ERROR with its stack trace.
 */
class RequestRefusalsTest {

    private static final String PROCUREMENT = "/api/v1/procurement/batches";
    private static final String RETENTION = "/api/v1/retention/batches";
    private static final String OPENS = "2026-01-01T00:00:00Z";
    private static final String CLOSES = "2099-12-31T00:00:00Z";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static Http http;
    static String admin;
    static final BreakableClock clock = new BreakableClock();

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, Map.of("clock", clock), "app.bootstrap.admin-password=Start2026pass");
        http = app.http();
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password",
                "Start2026pass")).json().path("token").asText();
        admin = http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Start2026pass",
                "newPassword", "Admin2026new")).json().path("token").asText();
        assertThat(admin).isNotBlank();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(logs);
    }

    // ---- point 7: strict JSON on every endpoint with a body ----

    /** Every endpoint with a JSON body: method, path, and a body it would take. */
    private static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("POST", "/api/v1/auth/login", Map.of("username", "admin", "password", "x")),
                new Endpoint("POST", "/api/v1/auth/password", Map.of("oldPassword", "Admin2026new",
                        "newPassword", "Admin2026next")),
                new Endpoint("PUT", "/api/v1/me", Map.of("displayName", "管理员")),
                new Endpoint("POST", "/api/v1/admin/accounts", Map.of("username", "someone", "role", "ANALYST",
                        "organisation", "CITY", "initialPassword", "Init2026pass")),
                new Endpoint("POST", PROCUREMENT, Map.of("code", "STRICT-1", "name", "n",
                        "allocationOpensAt", OPENS, "allocationClosesAt", CLOSES)),
                new Endpoint("POST", RETENTION, Map.of("code", "STRICT-2", "name", "n",
                        "reportingOpensAt", OPENS, "reportingClosesAt", CLOSES)),
                new Endpoint("POST", RETENTION + "/STRICT-R/recalculate", Map.of("reason", "数据更正")),
                new Endpoint("PUT", RETENTION + "/STRICT-R/self-assessment", Map.of("score", 80)),
                new Endpoint("PUT", PROCUREMENT + "/STRICT-P/pending-lines/L1/allocation",
                        Map.of("entries", List.of(Map.of("drugCode", "ZX00000001", "contractVolume", 48900)))),
                new Endpoint("POST", "/api/v1/appeals/A-1/reply", Map.of("message", "已核实", "resolve", true)),
                new Endpoint("POST", "/api/v1/appeals/A-1/reopen", Map.of("reason", "仍有疑问")));
    }

    @Test
    void every_json_body_refuses_unknown_fields_and_names_them_all() {
        for (Endpoint e : endpoints()) {
            Map<String, Object> body = new LinkedHashMap<>(e.body());
            body.put("district", "420102");
            body.put("isAdmin", true);
            Answer a = e.send(body);
            assertProblem(a, 400, "UNKNOWN_FIELDS", e);
            assertThat(fieldNames(a)).as(e.toString()).containsExactly("district", "isAdmin");
            assertThat(a.json().path("detail").asText()).as(e.toString())
                    .contains("district", "isAdmin", "remove them");
        }
        // in a nested object, by its path
        Answer nested = http.putJson(PROCUREMENT + "/STRICT-P/pending-lines/L1/allocation", admin,
                Map.of("entries", List.of(Map.of("drugCode", "ZX00000001", "contractVolume", 1),
                        Map.of("drugCode", "ZX00000002", "contractVolume", 2, "price", 9))));
        assertProblem(nested, 400, "UNKNOWN_FIELDS", null);
        assertThat(fieldNames(nested)).containsExactly("entries[1].price");
        assertThat(nested.json().path("figures").path("accepted").toString()).contains("drugCode", "contractVolume");
    }

    @Test
    void every_json_body_refuses_a_value_of_the_wrong_type_and_names_the_field() {
        Map<String, Map<String, ?>> wrong = new LinkedHashMap<>();
        wrong.put("/api/v1/auth/login", Map.of("username", 123, "password", "x"));
        wrong.put("/api/v1/auth/password", Map.of("oldPassword", true, "newPassword", "Admin2026next"));
        wrong.put("/api/v1/me", Map.of("displayName", 123));
        wrong.put("/api/v1/admin/accounts", Map.of("username", "someone", "role", 1, "organisation", "CITY",
                "initialPassword", "Init2026pass"));
        wrong.put(PROCUREMENT, Map.of("code", "STRICT-3", "name", Map.of("zh", "名称"), "allocationOpensAt", OPENS,
                "allocationClosesAt", CLOSES));
        wrong.put(RETENTION, Map.of("code", "STRICT-4", "name", "n", "reportingOpensAt", OPENS,
                "reportingClosesAt", CLOSES, "retentionRatio", "0.5"));
        wrong.put(RETENTION + "/STRICT-R/recalculate", Map.of("reason", List.of("数据更正")));
        wrong.put(RETENTION + "/STRICT-R/self-assessment", Map.of("score", "80"));
        wrong.put(PROCUREMENT + "/STRICT-P/pending-lines/L1/allocation", Map.of("entries",
                List.of(Map.of("drugCode", "ZX00000001", "contractVolume", "48900"))));
        wrong.put("/api/v1/appeals/A-1/reply", Map.of("message", "已核实", "resolve", 1));
        wrong.put("/api/v1/appeals/A-1/reopen", Map.of("reason", 5));
        Map<String, String> expectedField = Map.ofEntries(Map.entry("/api/v1/auth/login", "username"),
                Map.entry("/api/v1/auth/password", "oldPassword"), Map.entry("/api/v1/me", "displayName"),
                Map.entry("/api/v1/admin/accounts", "role"), Map.entry(PROCUREMENT, "name"),
                Map.entry(RETENTION, "retentionRatio"), Map.entry(RETENTION + "/STRICT-R/recalculate", "reason"),
                Map.entry(RETENTION + "/STRICT-R/self-assessment", "score"),
                Map.entry(PROCUREMENT + "/STRICT-P/pending-lines/L1/allocation", "entries[0].contractVolume"),
                Map.entry("/api/v1/appeals/A-1/reply", "resolve"), Map.entry("/api/v1/appeals/A-1/reopen", "reason"));
        for (Endpoint e : endpoints()) {
            Answer a = new Endpoint(e.method(), e.path(), wrong.get(e.path())).send(null);
            assertProblem(a, 400, "INVALID_REQUEST", e);
            assertThat(fieldNames(a)).as(e.toString()).containsExactly(expectedField.get(e.path()));
            assertThat(a.json().path("detail").asText()).as(e.toString()).startsWith(expectedField.get(e.path()))
                    .doesNotContain("JSON", "Cannot", "coerce", "java.");
        }
        assertThat(http.get(PROCUREMENT + "/STRICT-3", admin).status()).as("nothing was created").isEqualTo(404);
        Answer text = http.postJson(PROCUREMENT, admin, Map.of("code", 123, "name", "n", "allocationOpensAt", OPENS,
                "allocationClosesAt", CLOSES));
        assertThat(text.json().path("fields").get(0).path("message").asText()).isEqualTo("must be text (in quotes)");
        Answer role = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", "someone", "role", "KING",
                "organisation", "CITY", "initialPassword", "Init2026pass"));
        assertThat(role.json().path("fields").get(0).path("message").asText()).startsWith("must be one of ADMIN");
    }

    // ---- point 8: the project's words, fields always at `fields` ----

    @Test
    void framework_refusals_are_in_the_projects_words_and_say_what_to_do() {
        Answer malformed = http.send("POST", PROCUREMENT, admin, "application/json", "{\"code\": \"X\",");
        assertProblem(malformed, 400, "INVALID_REQUEST", null);
        assertThat(malformed.json().path("detail").asText()).startsWith("The body is not valid JSON (line 1");

        Answer empty = http.send("POST", PROCUREMENT, admin, "application/json", "");
        assertProblem(empty, 400, "INVALID_REQUEST", null);
        assertThat(empty.json().path("detail").asText()).contains("needs a JSON body");

        Answer array = http.send("POST", PROCUREMENT, admin, "application/json", "[]");
        assertProblem(array, 400, "INVALID_REQUEST", null);
        assertThat(array.json().path("detail").asText()).startsWith("The body must be an object");

        Answer size = http.get("/api/v1/appeals?size=abc", admin);
        assertProblem(size, 400, "INVALID_REQUEST", null);
        assertThat(size.json().path("detail").asText()).isEqualTo("Parameter size must be a whole number (not in quotes)");
        assertThat(fieldNames(size)).containsExactly("size");

        Answer missing = http.get("/api/v1/audit/events.ndjson", admin);
        assertProblem(missing, 400, "INVALID_REQUEST", null);
        assertThat(missing.json().path("detail").asText()).isEqualTo("Parameter batch is required");
        assertThat(fieldNames(missing)).containsExactly("batch");

        Answer part = http.upload(PROCUREMENT + "/STRICT-P/catalogue", admin, "upload", "c.xlsx", new byte[]{1});
        assertProblem(part, 400, "INVALID_REQUEST", null);
        assertThat(part.json().path("detail").asText()).contains("part named 'file'");
        assertThat(fieldNames(part)).containsExactly("file");

        Answer json = http.postJson(PROCUREMENT + "/STRICT-P/catalogue", admin, Map.of("file", "x"));
        assertProblem(json, 415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertThat(json.json().path("detail").asText()).startsWith("Send the body as multipart/form-data");

        Answer text = http.send("POST", PROCUREMENT, admin, "text/plain", "code=X");
        assertProblem(text, 415, "UNSUPPORTED_MEDIA_TYPE", null);
        assertThat(text.json().path("detail").asText()).startsWith("Send the body as application/json");

        Answer method = http.send("DELETE", PROCUREMENT, admin, null, null);
        assertProblem(method, 405, "METHOD_NOT_ALLOWED", null);
        assertThat(method.json().path("detail").asText()).isEqualTo("DELETE is not allowed on this path; use GET or POST");

        Answer nowhere = http.get("/api/v1/nowhere", admin);
        assertProblem(nowhere, 404, "NOT_FOUND", null);
        assertThat(nowhere.json().path("detail").asText()).contains("no endpoint at this path");

        Answer digits = http.putJson(RETENTION + "/STRICT-R/self-assessment", admin, Map.of("score", 12.34));
        assertProblem(digits, 400, "INVALID_REQUEST", null);
        assertThat(digits.json().path("fields").get(0).path("message").asText())
                .isEqualTo("must have at most 3 digits before the decimal point and 1 after it");
        Answer whole = http.putJson(PROCUREMENT + "/STRICT-P/pending-lines/L1/allocation", admin,
                Map.of("entries", List.of(Map.of("drugCode", "ZX00000001", "contractVolume", 1.5))));
        assertThat(whole.json().path("fields").get(0).path("field").asText()).isEqualTo("entries[0].contractVolume");
        assertThat(whole.json().path("fields").get(0).path("message").asText())
                .isEqualTo("must have at most 15 digits and no decimals");
        Answer missingField = http.postJson(PROCUREMENT, admin, Map.of("code", "STRICT-5"));
        assertThat(missingField.json().path("detail").asText()).contains("name must not be blank")
                .contains("allocationOpensAt is required").endsWith("correct them and send again");

        for (Answer a : List.of(malformed, empty, size, missing, part, json, text, method, nowhere, digits)) {
            assertThat(a.json().path("detail").asText()).doesNotContain("Failed to", "Required parameter",
                    "not supported", "No static resource", "numeric value out of bounds", "JSON parse error");
        }
    }

    // ---- point 9: no 500 for a batch code of the other kind, nor for bracketed parameters ----

    @Test
    void a_batch_code_of_the_other_kind_is_batch_exists_not_500() {
        assertThat(http.postJson(RETENTION, admin, Map.of("code", "SHARED-1", "name", "留用", "reportingOpensAt", OPENS,
                "reportingClosesAt", CLOSES)).status()).isEqualTo(201);
        Answer procurement = http.postJson(PROCUREMENT, admin, Map.of("code", "SHARED-1", "name", "集采",
                "allocationOpensAt", OPENS, "allocationClosesAt", CLOSES));
        assertProblem(procurement, 409, "BATCH_EXISTS", null);

        assertThat(http.postJson(PROCUREMENT, admin, Map.of("code", "SHARED-2", "name", "集采",
                "allocationOpensAt", OPENS, "allocationClosesAt", CLOSES)).status()).isEqualTo(201);
        Answer retention = http.postJson(RETENTION, admin, Map.of("code", "SHARED-2", "name", "留用",
                "reportingOpensAt", OPENS, "reportingClosesAt", CLOSES));
        assertProblem(retention, 409, "BATCH_EXISTS", null);

        // past the gateway's checks (two requests at once), the event store's own refusal is Axon's, answered 409
        assertThatThrownBy(() -> app.bean(CommandGateway.class).sendAndWait(new CreateProcurementBatch("SHARED-1",
                "集采", Instant.parse(OPENS), Instant.parse(CLOSES), null, null, "admin")))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void bracketed_or_operator_query_parameters_are_refused_by_name_on_every_endpoint() {
        List<String> paths = List.of("/api/v1/appeals?institution%5B%24ne%5D=x",
                "/api/v1/appeals?institution[$ne]=x",
                RETENTION + "/STRICT-R/institutions?district[]=",
                PROCUREMENT + "/STRICT-P/report?institution%5B%24ne%5D=x&drugCode=ZX",
                "/api/v1/admin/accounts?page[]=1",
                PROCUREMENT + "?x[0]=1");
        for (String path : paths) {
            Answer a = http.get(path, admin);
            assertProblem(a, 400, "INVALID_REQUEST", null);
            assertThat(fieldNames(a)).as(path).hasSize(1);
            assertThat(fieldNames(a).get(0)).as(path).containsAnyOf("[", "$");
            assertThat(a.json().path("detail").asText()).as(path).contains("without brackets or operators");
        }
        assertThat(fieldNames(http.get("/api/v1/appeals?institution[$ne]=x", admin)))
                .containsExactly("institution[$ne]");
        assertThat(http.get("/api/v1/appeals?unknown=1", admin).status()).as("other unknown parameters are ignored")
                .isEqualTo(200);
        assertThat(http.get("/api/v1/appeals?institution[$ne]=x", null).status()).as("authentication first")
                .isEqualTo(401);
    }

    // ---- point 12: a malformed correlation id is replaced, never echoed or logged ----

    @Test
    void a_malformed_correlation_id_is_replaced_and_never_echoed_or_logged() throws IOException {
        List<String> hostile = List.of("abc\tdef", "abc\u0001def", "abc\u001b[31mred", "a".repeat(65),
                "id with spaces", "line\\nbreak");
        int replaced = 0;
        for (String sent : hostile) {
            logs.list.clear();
            RawReply reply = rawPost(PROCUREMENT, admin, sent, "{\"code\": \"X\"}");
            assertThat(reply.status()).as(sent).isEqualTo(400);
            String id = reply.header(RequestCorrelation.HEADER);
            if (id != null) { // else Tomcat refused the header itself (most control characters), before any filter
                assertThat(id).as(sent).matches("[0-9a-f-]{36}");
                assertThat(linesOf(id)).as(sent).hasSize(1);
                replaced++;
            }
            for (ILoggingEvent e : logs.list) {
                assertThat(e.getFormattedMessage()).doesNotContain(sent);
                assertThat(e.getMDCPropertyMap().values()).doesNotContain(sent);
            }
        }
        assertThat(replaced).as("a tab, 65 characters, spaces, a backslash reach the application").isEqualTo(4);
        String good = "client-7." + "b".repeat(55);
        RawReply kept = rawPost(PROCUREMENT, admin, good, "{\"code\": \"X\"}");
        assertThat(kept.header(RequestCorrelation.HEADER)).isEqualTo(good);
        assertThat(linesOf(good)).hasSize(1);
    }

    // ---- point 15: a refusal is one INFO line, a failure one ERROR with its stack trace ----

    @Test
    void a_refused_command_is_one_info_line_with_its_code_and_no_stack_trace() {
        Http traced = http.withHeader(RequestCorrelation.HEADER, "refusal-1");
        Answer refused = traced.postJson(PROCUREMENT, admin, Map.of("code", "LOG-1", "name", "n",
                "allocationOpensAt", CLOSES, "allocationClosesAt", OPENS));
        assertProblem(refused, 422, "INVALID_WINDOW", null);
        Answer gateway = http.withHeader(RequestCorrelation.HEADER, "refusal-2").get(PROCUREMENT + "/NONE", admin);
        assertProblem(gateway, 404, "UNKNOWN_BATCH", null);

        for (String id : List.of("refusal-1", "refusal-2")) {
            List<ILoggingEvent> lines = linesOf(id);
            assertThat(lines).as(id).hasSize(1);
            ILoggingEvent line = lines.get(0);
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).contains(id.equals("refusal-1") ? "422 INVALID_WINDOW"
                    : "404 UNKNOWN_BATCH");
            assertThat(line.getThrowableProxy()).isNull();
        }
    }

    @Test
    void an_unexpected_failure_is_one_error_with_its_stack_trace_and_correlation_id() {
        Answer failed;
        clock.broken = true;
        try {
            failed = http.withHeader(RequestCorrelation.HEADER, "failure-1").postJson(PROCUREMENT, admin,
                    Map.of("code", "LOG-2", "name", "n", "allocationOpensAt", OPENS, "allocationClosesAt", CLOSES));
        } finally {
            clock.broken = false;
        }
        assertProblem(failed, 500, "INTERNAL_ERROR", null);
        assertThat(failed.json().path("detail").asText()).contains("X-Correlation-Id");
        List<ILoggingEvent> lines = linesOf("failure-1");
        assertThat(lines).hasSize(1);
        ILoggingEvent line = lines.get(0);
        assertThat(line.getLevel()).isEqualTo(Level.ERROR);
        assertThat(line.getThrowableProxy()).isNotNull();
        assertThat(logs.list.stream().filter(e -> e.getThrowableProxy() != null)).hasSize(1);
    }

    // ---- helpers ----

    private record Endpoint(String method, String path, Map<String, ?> body) {

        Answer send(Map<String, ?> other) {
            Map<String, ?> b = other == null ? body : other;
            String token = path.equals("/api/v1/auth/login") ? null : admin;
            return method.equals("PUT") ? http.putJson(path, token, b) : http.postJson(path, token, b);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static void assertProblem(Answer a, int status, String code, Endpoint e) {
        String what = (e == null ? "" : e + ": ") + a.text();
        assertThat(a.status()).as(what).isEqualTo(status);
        assertThat(a.contentType()).as(what).startsWith("application/problem+json");
        assertThat(a.code()).as(what).isEqualTo(code);
    }

    private static List<String> fieldNames(Answer a) {
        JsonNode fields = a.json().path("fields");
        return StreamSupport.stream(fields.spliterator(), false).map(f -> f.path("field").asText()).toList();
    }

    /** The log lines written while the request with this correlation id was handled. */
    private List<ILoggingEvent> linesOf(String correlationId) {
        return new ArrayList<>(logs.list).stream()
                .filter(e -> correlationId.equals(e.getMDCPropertyMap().get(RequestCorrelation.MDC_KEY))).toList();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private record RawReply(int status, String head) {

        String header(String name) {
            return head.lines().filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(l -> l.substring(name.length() + 1).strip()).findFirst().orElse(null);
        }
    }

    /** A request written byte for byte: HTTP clients refuse control characters in a header. */
    private static RawReply rawPost(String path, String token, String correlationId, String json) throws IOException {
        int port = Integer.parseInt(app.bean(Environment.class).getProperty("local.server.port"));
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + RequestCorrelation.HEADER + ": " + correlationId + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);
            String text = reply.toString(StandardCharsets.UTF_8);
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
            return new RawReply(Integer.parseInt(head.substring(9, 12)), head);
        }
    }

    /** The system clock, or a failure in every command handler that asks for the time while broken. */
    static final class BreakableClock extends Clock {

        volatile boolean broken;

        @Override
        public Instant instant() {
            if (broken) {
                throw new IllegalStateException("the test broke the clock");
            }
            return Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
