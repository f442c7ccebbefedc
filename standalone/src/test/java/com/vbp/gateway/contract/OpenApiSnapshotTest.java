package com.vbp.gateway.contract;

import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The served OpenAPI document is the contract clients are generated from (the api-client module builds one from
 * the committed snapshot): any change to it shows up here as a difference from {@code docs/openapi.json}, to be
 * looked at and committed on purpose.
 */
class OpenApiSnapshotTest {

    /** The committed snapshot, from this module's directory (surefire's working directory). */
    static final Path SNAPSHOT = Path.of("..", "docs", "openapi.json");
    private static final String UPDATE = "openapi.update";
    private static final String HOW_TO_UPDATE = "If the change is intended, rewrite the snapshot with\n"
            + "  ./mvnw -B -ntp -o -pl standalone -am -Dconsole.skip -Dtest=OpenApiSnapshotTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE + "=true test\n"
            + "and commit docs/openapi.json (the api-client module is generated from it).";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static String served;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir);
        Answer answer = app.http().get("/v3/api-docs", null);
        assertThat(answer.status()).isEqualTo(200);
        served = answer.text();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void servedDocumentIsTheCommittedSnapshot() throws IOException {
        // The served document is already pretty-printed with its keys in order (springdoc.writer-*), so it can be
        // compared as text and read in a diff.
        String actual = served.replace("\r\n", "\n").strip() + "\n";
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(SNAPSHOT)) {
            fail(SNAPSHOT.toAbsolutePath().normalize() + " does not exist.\n" + HOW_TO_UPDATE);
        }
        String expected = Files.readString(SNAPSHOT, StandardCharsets.UTF_8).replace("\r\n", "\n");
        if (!expected.equals(actual)) {
            fail("The served /v3/api-docs differs from " + SNAPSHOT.normalize() + ":\n" + firstDifference(expected,
                    actual) + "\n" + HOW_TO_UPDATE);
        }
    }

    @Test
    void everyOperationHasAReadableUniqueIdAndTyped4xxAnswers() {
        JsonNode doc = app.http().get("/v3/api-docs", null).json();
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                String id = op.getValue().path("operationId").asText();
                // springdoc's fallback ids are the method name with _1, _2… appended
                if (!id.matches("[a-z][A-Za-z]+") || !ids.add(id)) {
                    problems.add(where + ": operationId '" + id + "' is not a unique camel-case name");
                }
                if (op.getValue().path("responses").properties().stream().noneMatch(r -> r.getKey().startsWith("2"))) {
                    problems.add(where + ": no success answer");
                }
                for (Map.Entry<String, JsonNode> response : op.getValue().path("responses").properties()) {
                    JsonNode content = response.getValue().path("content");
                    if (response.getKey().startsWith("4") && !content.has("application/problem+json")) {
                        problems.add(where + ": " + response.getKey() + " is not application/problem+json");
                    }
                    if (content.has("*/*")) {
                        problems.add(where + ": " + response.getKey() + " has no media type");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The document's security is what the security filters do: a bearer operation refuses a call without one. */
    @Test
    void theOperationsDeclaredSecuredAreTheOnesThatNeedAToken() {
        JsonNode doc = app.http().get("/v3/api-docs", null).json();
        List<String> problems = new ArrayList<>();
        int open = 0;
        for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
            String uri = path.getKey().replaceAll("\\{[^}]+}", "x");
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                JsonNode security = op.getValue().path("security");
                boolean declaredSecured = security.size() == 1 && security.get(0).has("bearer");
                if (!declaredSecured && !security.isArray()) {
                    problems.add(op.getKey() + " " + path.getKey() + " declares no security at all");
                    continue;
                }
                if (!"get".equals(op.getKey()) && !"post".equals(op.getKey())) {
                    continue; // PUTs are the same filters on the same paths
                }
                // An open POST (login) answers 400 for an empty body rather than 401.
                Answer answer = "get".equals(op.getKey()) ? app.http().get(uri, null)
                        : app.http().postJson(uri, null, Map.of());
                if (declaredSecured != (answer.status() == 401)) {
                    problems.add(op.getKey() + " " + path.getKey() + " declared " + (declaredSecured ? "secured"
                            : "open") + " but answers " + answer.status() + " without a token");
                }
                open += declaredSecured ? 0 : 1;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(open).as("login and captcha are open").isEqualTo(2);
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end of file>";
            String al = i < a.length ? a[i] : "<end of file>";
            if (!el.equals(al)) {
                return "first difference at line " + (i + 1) + "\n  snapshot: " + el.strip() + "\n  served:   "
                        + al.strip();
            }
        }
        return "no line differs";
    }
}
