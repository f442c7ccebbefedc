package com.vbp.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.common.Money;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionCommands.ImportCalculationData;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 16, "bad input changes nothing": every case of the hostile corpus (src/test/resources/hostile/corpus.json,
 * written by generate.py beside it: malformed and nested JSON, wrong types, odd numbers, control characters, path
 * tricks, query operators, zip bombs, workbooks with formulas, links, macros, hidden sheets, a million rows, files
 * renamed to .xlsx, evidence whose content is not its type) is sent to one running application. Each must answer a
 * 4xx application/problem+json with a code of the catalogue (the case's own code where the manifest names one)
 * within 5 seconds, and add no event; at the end every read-model collection holds exactly what it held before.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Path CORPUS = Path.of("src/test/resources/hostile");
    private static final String ADMIN_PASSWORD = "Start2026pass";
    private static final String P_FULL = "HOST-P1";
    private static final String P_CAT = "HOST-P2";
    private static final String R_FULL = "HOST-R1";
    private static final String R_EMPTY = "HOST-R2";
    private static final String H1 = "H42010200001";

    /**
     * Collections that are no projection of the event history and are written on a refused request, each with its
     * reason; every other collection of the read-model database must be unchanged.
     */
    private static final Map<String, String> NOT_PROJECTIONS = Map.of(
            "tracking_tokens", "Axon's token store: processors renew their claims on it while idle",
            "unknown_account_logins", "failed logins under names without an account, counted on purpose "
                    + "(the lock-out and captcha rules), as a refused login is");

    private static final Set<String> CODES = Arrays.stream(RefusalCode.values()).map(Enum::name)
            .collect(Collectors.toSet());

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;
    private static Http http;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(LIMIT).build();
    private static final Map<String, String> TOKENS = new TreeMap<>();
    private static String appeal;
    private static String evidenceFile;
    private static long eventsBefore;
    private static Map<String, List<String>> readModelsBefore;

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + ADMIN_PASSWORD);
        http = app.http();
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password",
                ADMIN_PASSWORD)).json().path("token").asText();
        String admin = http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", ADMIN_PASSWORD,
                "newPassword", "Admin2026new")).json().path("token").asText();
        TOKENS.put("admin", admin);
        procurementBatch(admin, P_FULL, true);
        procurementBatch(admin, P_CAT, false);
        retentionBatches(admin);
        TOKENS.put("institution", account(admin, "inst-h1", "INSTITUTION", H1));
        TOKENS.put("bureau", account(admin, "bureau-420102", "DISTRICT_BUREAU", "420102"));
        TOKENS.put("analyst", account(admin, "analyst1", "ANALYST", "CITY"));
        TOKENS.put("auditor", account(admin, "auditor1", "AUDITOR", "CITY"));
        JsonNode filed = send(new Case("fixture-appeal", "fixture", "institution", "POST", "/api/v1/appeals", null,
                null, Http.readJson(Http.toJson(Map.of("multipart", List.of(
                        Map.of("name", "batch", "value", R_FULL), Map.of("name", "title", "value", "夹具申诉"),
                        Map.of("name", "content", "value", "内容"),
                        Map.of("name", "evidence", "filename", "good.pdf", "file", "evidence/good.pdf"))))), null))
                .json();
        appeal = filed.path("appealId").asText();
        assertThat(appeal).as(filed.toString()).isNotBlank();
        evidenceFile = http.get("/api/v1/appeals/" + appeal, TOKENS.get("institution")).json().path("evidence").get(0)
                .path("fileId").asText();
        assertThat(evidenceFile).isNotBlank();
        app.bean(Commands.class).awaitProjections();
        eventsBefore = events();
        readModelsBefore = readModels();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @TestFactory
    @Order(1)
    Stream<DynamicTest> every_hostile_input_is_refused_whole_and_quickly() throws IOException {
        JsonNode corpus = Http.readJson(Files.readString(CORPUS.resolve("corpus.json")));
        List<Case> cases = StreamSupport.stream(corpus.spliterator(), false).map(Case::of).toList();
        assertThat(cases).as("the issue asks for at least 300").hasSizeGreaterThanOrEqualTo(300);
        Stream<DynamicTest> each = cases.stream().map(c -> DynamicTest.dynamicTest(c.id() + " [" + c.kind() + "]",
                () -> refused(c)));
        return Stream.concat(each, Stream.of(DynamicTest.dynamicTest("the read models are as before the corpus",
                HostileInputTest::readModelsUnchanged)));
    }

    /**
     * Not in the corpus because it is right to accept it: a cell's text that reads like a path or a query operator
     * is data, imported as written and read back the same (never used as a path, never as a query).
     */
    @Test
    @Order(2)
    void texts_that_look_like_paths_or_operators_are_kept_as_plain_text() {
        Http.Answer imported = http.upload("/api/v1/retention/batches/" + R_EMPTY + "/calculation-data",
                TOKENS.get("admin"), "lookalike.xlsx", file("accepted/lookalike-texts.xlsx"));
        assertThat(imported.status()).as(imported.text()).isEqualTo(200);
        JsonNode items = http.get("/api/v1/retention/batches/" + R_EMPTY + "/institutions", TOKENS.get("admin"))
                .json().path("items");
        assertThat(StreamSupport.stream(items.spliterator(), false).map(i -> i.path("institutionName").asText()))
                .containsExactlyInAnyOrder("../../etc/passwd", "{\"$gt\": \"\"}");
    }

    private static void refused(Case c) {
        long eventsAtStart = events();
        long started = System.nanoTime();
        Answer a = send(c);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String seen = c.id() + ": " + c.method() + " " + c.path() + (c.query() == null ? "" : "?" + c.query())
                + " -> " + a.status()
                + " " + a.contentType() + " " + abbreviated(a.text());
        assertThat(took).as("answered within %s: %s", LIMIT, seen).isLessThan(LIMIT);
        assertThat(a.status()).as("a 4xx: %s", seen).isBetween(400, 499);
        assertThat(a.contentType()).as("problem+json: %s", seen).startsWith("application/problem+json");
        String code = a.json().path("code").asText();
        assertThat(CODES).as("a code of the catalogue: %s", seen).contains(code);
        if (c.code() != null) {
            assertThat(code).as("the code the manifest names: %s", seen).isEqualTo(c.code());
        }
        assertThat(events()).as("no event added by %s", seen).isEqualTo(eventsAtStart);
    }

    private static void readModelsUnchanged() {
        app.bean(Commands.class).awaitProjections();
        Map<String, List<String>> after = readModels();
        Set<String> names = new java.util.TreeSet<>(after.keySet());
        names.addAll(readModelsBefore.keySet());
        List<String> changed = names.stream().filter(k -> !Objects.equals(after.get(k), readModelsBefore.get(k)))
                .toList();
        assertThat(changed).as("collections changed by refused requests").isEmpty();
        assertThat(events()).isEqualTo(eventsBefore);
    }

    // ---- the request as the manifest describes it

    record Case(String id, String kind, String role, String method, String path, String query, String contentType,
                JsonNode body, String code) {

        static Case of(JsonNode n) {
            return new Case(n.path("id").asText(), n.path("kind").asText(), n.path("role").asText(),
                    n.path("method").asText(), n.path("path").asText(), text(n, "query"), text(n, "contentType"),
                    n.get("body"), text(n, "code"));
        }

        private static String text(JsonNode n, String field) {
            return n.hasNonNull(field) ? n.get(field).asText() : null;
        }
    }

    record Answer(int status, String contentType, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return Http.readJson(text());
        }
    }

    private static Answer send(Case c) {
        String target = c.path().replace("{appeal}", appeal == null ? "none" : appeal)
                .replace("{file}", evidenceFile == null ? "none" : evidenceFile)
                + (c.query() == null ? "" : "?" + c.query());
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(new URI("http://localhost:" + app.port() + escaped(target))).timeout(LIMIT);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(c.id() + ": " + target, e);
        }
        if (c.role().startsWith("bearer:")) {
            b.header("Authorization", "Bearer " + c.role().substring("bearer:".length()));
        } else if (!"anonymous".equals(c.role())) {
            b.header("Authorization", "Bearer " + TOKENS.get(c.role()));
        }
        byte[] body = null;
        String contentType = c.contentType();
        if (c.body() != null && c.body().has("multipart")) {
            String boundary = "----hostile" + UUID.randomUUID();
            body = multipart(boundary, c.body().get("multipart"));
            if (contentType == null) {
                contentType = "multipart/form-data; boundary=" + boundary;
            }
        } else if (c.body() != null && c.body().has("inline")) {
            body = c.body().get("inline").asText().getBytes(StandardCharsets.UTF_8);
        } else if (c.body() != null && c.body().has("file")) {
            body = file(c.body().get("file").asText());
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(c.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (HttpTimeoutException e) {
            return fail(c.id() + " was not answered within " + LIMIT + " (" + c.method() + " " + target + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(c.id(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Percent-encodes what a URI may not hold as it is ([, ], {, }, ", spaces, non-ASCII), keeping every %xx. */
    private static String escaped(String target) {
        StringBuilder out = new StringBuilder();
        for (byte x : target.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c > 0x20 && c < 0x7f && "[]{}\"|\\^`<> ".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static byte[] multipart(String boundary, JsonNode parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode p : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.path("name").asText()).append('"');
            byte[] content;
            if (p.has("filename")) {
                head.append("; filename=\"").append(p.path("filename").asText()).append("\"\r\n")
                        .append("Content-Type: application/octet-stream");
                content = file(p.path("file").asText());
            } else {
                head.append("\r\nContent-Type: text/plain; charset=UTF-8");
                content = p.path("value").asText().getBytes(StandardCharsets.UTF_8);
            }
            head.append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] file(String relative) {
        try {
            return Files.readAllBytes(CORPUS.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- what must not change

    /** The event store's head: the position of the last event. */
    private static long events() {
        return app.bean(EventStore.class).createHeadToken().position().orElse(-1);
    }

    /** Every collection of the read-model database but the {@link #NOT_PROJECTIONS}, each document as JSON. */
    private static Map<String, List<String>> readModels() {
        MongoDatabase db = app.bean(MongoDatabase.class);
        Map<String, List<String>> all = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            if (NOT_PROJECTIONS.containsKey(name)) {
                continue;
            }
            List<String> documents = new ArrayList<>();
            for (Document d : db.getCollection(name).find()) {
                documents.add(d.toJson());
            }
            documents.sort(null);
            all.put(name, documents);
        }
        return all;
    }

    // ---- the fixture

    private static void procurementBatch(String admin, String code, boolean demands) {
        Http.Answer created = http.postJson("/api/v1/procurement/batches", admin, Map.of("code", code,
                "name", "敌意输入批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-12-31T00:00:00Z"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String batch = "/api/v1/procurement/batches/" + code;
        assertThat(http.upload(batch + "/catalogue", admin, "c.xlsx", SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE))
                .status()).isEqualTo(200);
        if (demands) {
            List<DemandRow> rows = new ArrayList<>(SmallBatch.DEMANDS);
            rows.add(new DemandRow(5, H1, "武汉市江岸区人民医院", "420102", "G1", DemandKind.PENDING, "ZX00000098",
                    "银杏叶滴丸", "某非中选二厂", Volume.of(900), DailyUsage.of("3")));
            Http.Answer uploaded = http.upload(batch + "/demands", admin, "d.xlsx", SmallBatch.demandXlsx(rows));
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(200);
        }
    }

    private static void retentionBatches(String admin) {
        CommandGateway gateway = app.bean(CommandGateway.class);
        RetentionParameters parameters = new RetentionParameters(new BigDecimal("0.5"),
                new Score(new BigDecimal("60")), ScoreScale.LINEAR);
        Instant opens = Instant.parse("2026-01-01T00:00:00Z");
        Instant closes = Instant.parse("2099-12-31T00:00:00Z");
        gateway.sendAndWait(new CreateRetentionBatch(R_FULL, "敌意输入留用批次", opens, closes, parameters, "admin"));
        gateway.sendAndWait(new ImportCalculationData(R_FULL, List.of(
                new CalculationRow(2, H1, "武汉市江岸区人民医院", "420102", new BigDecimal("0.6"), "阿托伐他汀",
                        Volume.of(10_000), Money.of("2.5"), Volume.of(9_000), Money.of("900"), Volume.of(500),
                        Money.of("1000"))), "admin"));
        gateway.sendAndWait(new CreateRetentionBatch(R_EMPTY, "无测算数据批次", opens, closes, parameters, "admin"));
        app.bean(Commands.class).awaitProjections();
    }

    private static String account(String admin, String username, String role, String organisation) {
        Http.Answer a = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", "Init2026pass"));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", "Init2026pass")).json().path("token").asText();
        return http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Init2026pass",
                "newPassword", "Next2026pass")).json().path("token").asText();
    }

    private static String abbreviated(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
