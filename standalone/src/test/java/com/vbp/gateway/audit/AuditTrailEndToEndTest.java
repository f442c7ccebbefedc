package com.vbp.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.audit.AuditHttp.Reply;
import com.vbp.gateway.retention.RetentionFixture;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.env.Environment;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' event history on the real standalone application: every event of every capability says who sent
 * it, from which request and with which idempotency key (a table: one row per capability's command); only auditors
 * (and the administrator) read it; secrets are redacted; filters, the batch download and an allocation rebuilt as of
 * before and after a withdrawal.
 */
class AuditTrailEndToEndTest {

    static final String BATCH_CODE = "AUDIT-2026";
    static final String BATCH = "/api/v1/procurement/batches/" + BATCH_CODE;
    static final String H1 = "H42010200001";
    static final String RETENTION_CODE = "AUDIT-RET-2026";
    static final String RETENTION = "/api/v1/retention/batches/" + RETENTION_CODE;
    static final String ALLOCATION = BATCH_CODE + "/" + H1;
    static final String EVENTS = "/api/v1/audit/events";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static AuditHttp http;
    static String adminInitial;
    static String admin;
    static String institutionInitial;
    static String institution;
    static String auditor;
    static String analyst;
    static String bureau;
    static String appeal;

    /** Who a row's events must name; {@code role} and {@code organisation} null where the metadata has none. */
    record Who(String account, String role, String organisation) {
        static final Who SYSTEM = new Who("system", null, null);
        static final Who ANONYMOUS = new Who("anonymous", null, null);
        static final Who ADMIN = new Who("admin", "ADMIN", "CITY");
        static final Who INSTITUTION = new Who("inst-h1", "INSTITUTION", H1);
    }

    /**
     * One command of one capability, sent in a request of its own with correlation id {@link #correlationId()} and,
     * where given, an {@code Idempotency-Key}; {@code events} are the types of the events it must have caused.
     * A row without an action is work done outside any request: its events are found by aggregate instead.
     * Adding a capability is adding rows.
     */
    record Row(String capability, String what, Who who, String idempotencyKey, Set<String> events,
               Function<Map<String, String>, Reply> action, String aggregateId) {

        static Row of(String capability, String what, Who who, String key, List<String> events,
                      Function<Map<String, String>, Reply> action) {
            return new Row(capability, what, who, key, new LinkedHashSet<>(events), action, null);
        }

        String correlationId() {
            return "audit-" + capability + "-" + Integer.toHexString(what.hashCode());
        }

        @Override
        public String toString() {
            return capability + ": " + what;
        }
    }

    static final List<Row> ROWS = List.of(
            new Row("identity", "the bootstrap administrator, created at start-up", Who.SYSTEM, null,
                    Set.of("AccountCreated"), null, "admin"),
            Row.of("identity", "a login (no token yet)", Who.ANONYMOUS, null, List.of("LoginSucceeded"),
                    h -> {
                        Reply r = http.send("POST", "/api/v1/auth/login", null,
                                Map.of("username", "admin", "password", "Start2026pass"), h);
                        adminInitial = r.json().path("token").asText();
                        return r;
                    }),
            Row.of("identity", "the administrator changes the initial password", Who.ADMIN, null,
                    List.of("PasswordChanged"), h -> {
                        Reply r = http.send("POST", "/api/v1/auth/password", adminInitial,
                                Map.of("oldPassword", "Start2026pass", "newPassword", "Admin2026new"), h);
                        admin = r.json().path("token").asText();
                        return r;
                    }),
            Row.of("procurement", "the administrator creates a batch", Who.ADMIN, "batch-create-1",
                    List.of("ProcurementBatchCreated"), h -> http.send("POST", "/api/v1/procurement/batches", admin,
                            Map.of("code", BATCH_CODE, "name", "审计测试批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                                    "allocationClosesAt", "2099-12-31T00:00:00Z"), h)),
            Row.of("procurement", "the administrator uploads the catalogue", Who.ADMIN, "catalogue-1",
                    List.of("CatalogueImported"), h -> http.upload(BATCH + "/catalogue", admin,
                            SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE), h)),
            Row.of("procurement", "the administrator uploads the demands", Who.ADMIN, "demands-1",
                    List.of("DemandsImported", "InstitutionDemandRegistered"), h -> http.upload(BATCH + "/demands",
                            admin, SmallBatch.demandXlsx(SmallBatch.DEMANDS), h)),
            Row.of("identity", "the administrator creates an institution's account", Who.ADMIN, "account-inst-h1",
                    List.of("AccountCreated"), h -> http.send("POST", "/api/v1/admin/accounts", admin,
                            Map.of("username", "inst-h1", "role", "INSTITUTION", "organisation", H1,
                                    "initialPassword", "Init2026pass"), h)),
            Row.of("identity", "the institution's first login", Who.ANONYMOUS, null, List.of("LoginSucceeded"),
                    h -> {
                        Reply r = http.send("POST", "/api/v1/auth/login", null,
                                Map.of("username", "inst-h1", "password", "Init2026pass"), h);
                        institutionInitial = r.json().path("token").asText();
                        return r;
                    }),
            Row.of("identity", "the institution changes its password", Who.INSTITUTION, null,
                    List.of("PasswordChanged"), h -> {
                        Reply r = http.send("POST", "/api/v1/auth/password", institutionInitial,
                                Map.of("oldPassword", "Init2026pass", "newPassword", "Inst2026new"), h);
                        institution = r.json().path("token").asText();
                        return r;
                    }),
            Row.of("identity", "the institution changes its profile", Who.INSTITUTION, "profile-1",
                    List.of("ProfileChanged"), h -> http.send("PUT", "/api/v1/me", institution,
                            Map.of("displayName", "江岸区人民医院药剂科"), h)),
            Row.of("allocation", "confirm a selected-product line", Who.INSTITUTION, "confirm-selected-1",
                    List.of("SelectedLineConfirmed", "CapacityReserved"), h -> http.send("POST",
                            BATCH + "/selected-lines/ZC00000011/confirm", institution, null, h)),
            Row.of("allocation", "save an allocation", Who.INSTITUTION, "save-99",
                    List.of("AllocationSaved"), h -> http.send("PUT", BATCH + "/pending-lines/ZX00000099/allocation",
                            institution, Map.of("entries", List.of(Map.of("drugCode", "ZC00000021",
                                    "contractVolume", 30000))), h)),
            Row.of("allocation", "confirm the allocation", Who.INSTITUTION, "confirm-99",
                    List.of("AllocationConfirmed", "CapacityReserved"), h -> http.send("POST",
                            BATCH + "/pending-lines/ZX00000099/confirm", institution, null, h)),
            Row.of("allocation", "withdraw the allocation", Who.INSTITUTION, "withdraw-99",
                    List.of("AllocationWithdrawn", "CapacityReleased"), h -> http.send("POST",
                            BATCH + "/pending-lines/ZX00000099/withdraw", institution, null, h)),
            Row.of("allocation", "confirm the allocation again", Who.INSTITUTION, "confirm-99-again",
                    List.of("AllocationConfirmed", "CapacityReserved"), h -> http.send("POST",
                            BATCH + "/pending-lines/ZX00000099/confirm", institution, null, h)),
            Row.of("allocation", "report (上报)", Who.INSTITUTION, "report-1",
                    List.of("AllocationReported"), h -> http.send("POST", BATCH + "/report", institution, null, h)),
            Row.of("retention", "the administrator creates a retention batch", Who.ADMIN, "retention-create-1",
                    List.of("RetentionBatchCreated"), h -> http.send("POST", "/api/v1/retention/batches", admin,
                            Map.of("code", RETENTION_CODE, "name", "审计结余留用批次",
                                    "reportingOpensAt", "2026-01-01T00:00:00Z",
                                    "reportingClosesAt", "2099-12-31T00:00:00Z"), h)),
            Row.of("retention", "the administrator uploads the calculation data", Who.ADMIN, "calculation-1",
                    List.of("CalculationDataImported"), h -> http.upload(RETENTION + "/calculation-data", admin,
                            RetentionFixture.calculationXlsx(RetentionFixture.CALCULATION), h)),
            Row.of("retention", "the institution files its self-assessment", Who.INSTITUTION, "self-assessment-1",
                    List.of("SelfAssessmentFiled"), h -> http.send("PUT", RETENTION + "/self-assessment",
                            institution, Map.of("score", 95.5), h)),
            Row.of("retention", "the administrator finalises", Who.ADMIN, "finalise-1",
                    List.of("RetainedAmountCalculated", "RetentionFinalised"), h -> http.send("POST",
                            RETENTION + "/finalise", admin, null, h)),
            Row.of("appeal", "the institution files an appeal", Who.INSTITUTION, "appeal-1",
                    List.of("AppealFiled"), h -> {
                        Reply r = http.form("/api/v1/appeals", institution, Map.of("batch", RETENTION_CODE,
                                "title", "结余金额有误", "content", "氨氯地平片的非中选金额应为 500.00 元"), h);
                        String location = r.response().headers().firstValue("Location").orElseThrow();
                        appeal = location.substring(location.lastIndexOf('/') + 1);
                        return r;
                    }),
            Row.of("appeal", "the administrator answers and resolves it", Who.ADMIN, "reply-1",
                    List.of("AppealReplied", "AppealResolved"), h -> http.send("POST",
                            "/api/v1/appeals/" + appeal + "/reply", admin,
                            Map.of("message", "已核对，金额无误", "resolve", true), h)),
            Row.of("identity", "the institution logs out", Who.INSTITUTION, null,
                    List.of("TokenRevoked"), h -> http.send("POST", "/api/v1/auth/logout", institution, null, h)));

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass");
        http = new AuditHttp(Integer.parseInt(app.bean(Environment.class).getProperty("local.server.port")));
        for (Row row : ROWS) {
            if (row.action() == null) {
                continue;
            }
            Map<String, String> headers = new HashMap<>();
            headers.put("X-Correlation-Id", row.correlationId());
            if (row.idempotencyKey() != null) {
                headers.put("Idempotency-Key", row.idempotencyKey());
            }
            Reply reply = row.action().apply(headers);
            assertThat(reply.status()).as(row + ": " + reply.text()).isBetween(200, 299);
            assertThat(reply.header("X-Correlation-Id")).as(row.toString()).isEqualTo(row.correlationId());
        }
        institution = http.firstLogin("inst-h1", "Inst2026new", "Inst2026newer");
        auditor = http.account(admin, "auditor1", "AUDITOR", "CITY");
        analyst = http.account(admin, "analyst1", "ANALYST", "CITY");
        bureau = http.account(admin, "bureau-420102", "DISTRICT_BUREAU", "420102");
        Reply other = http.send("POST", "/api/v1/procurement/batches", admin, Map.of("code", "OTHER-2026",
                "name", "另一批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-12-31T00:00:00Z"), Map.of());
        assertThat(other.status()).as(other.text()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static List<Row> rows() {
        return ROWS;
    }

    static List<JsonNode> history() {
        return http.history(auditor, "", 1000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void every_event_says_who_sent_it_from_which_request_and_with_which_idempotency_key(Row row) {
        List<JsonNode> events = history().stream().filter(e -> row.action() == null
                        ? row.aggregateId().equals(e.path("aggregateId").asText())
                        && e.path("sequenceNumber").asLong() == 0
                        : row.correlationId().equals(e.path("metadata").path("correlationId").asText()))
                .toList();
        assertThat(events.stream().map(e -> e.path("type").asText()).collect(Collectors.toSet()))
                .as("the events of the request").isEqualTo(row.events());
        for (JsonNode event : events) {
            JsonNode metadata = event.path("metadata");
            assertThat(metadata.path("account").asText()).isEqualTo(row.who().account());
            assertThat(metadata.path("role").isMissingNode() ? null : metadata.path("role").asText())
                    .isEqualTo(row.who().role());
            assertThat(metadata.path("organisation").isMissingNode() ? null
                    : metadata.path("organisation").asText()).isEqualTo(row.who().organisation());
            assertThat(metadata.path("idempotencyKey").isMissingNode() ? null
                    : metadata.path("idempotencyKey").asText()).isEqualTo(row.idempotencyKey());
            assertThat(metadata.path("correlationId").asText()).isNotBlank();
            assertThat(metadata.path("traceId").asText()).isNotBlank();
            assertThat(event.path("timestamp").asText()).isNotBlank();
            assertThat(event.path("eventId").asText()).isNotBlank();
            assertThat(event.path("revision").asText()).matches("[1-9][0-9]*");
            assertThat(event.path("payload").isObject()).isTrue();
        }
    }

    @Test
    void a_correlation_id_is_echoed_when_well_formed_and_generated_otherwise() {
        Reply sent = http.send("GET", "/api/v1/me", auditor, null, Map.of("X-Correlation-Id", "client-42.a:b_c"));
        assertThat(sent.header("X-Correlation-Id")).isEqualTo("client-42.a:b_c");
        Reply malformed = http.send("GET", "/api/v1/me", auditor, null, Map.of("X-Correlation-Id", "no spaces <>"));
        assertThat(malformed.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
        Reply none = http.get("/api/v1/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void only_auditors_and_the_administrator_read_the_audit_endpoints() {
        List<String> paths = List.of(EVENTS, EVENTS + ".ndjson?batch=" + BATCH_CODE,
                "/api/v1/audit/aggregates/allocation/" + ALLOCATION);
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("institution", institution);
        refused.put("district bureau", bureau);
        refused.put("analyst", analyst);
        for (String path : paths) {
            for (Map.Entry<String, String> role : refused.entrySet()) {
                Reply r = http.get(path, role.getValue());
                assertThat(r.status()).as(role.getKey() + " " + path).isEqualTo(403);
                assertThat(r.code()).isEqualTo("FORBIDDEN");
            }
            assertThat(http.get(path, null).status()).as("no token " + path).isEqualTo(401);
            assertThat(http.get(path, auditor).status()).as("auditor " + path).isEqualTo(200);
            assertThat(http.get(path, admin).status()).as("admin " + path).isEqualTo(200);
        }
    }

    @Test
    void no_password_hash_ever_leaves_the_audit_api() {
        List<JsonNode> events = history();
        List<JsonNode> withHashes = events.stream().filter(e -> Set.of("AccountCreated", "PasswordChanged")
                .contains(e.path("type").asText())).toList();
        assertThat(withHashes).hasSizeGreaterThanOrEqualTo(6);
        withHashes.forEach(e -> assertThat(e.path("payload").path("passwordHash").asText())
                .isEqualTo("[redacted]"));
        assertThat(events.toString()).doesNotContain("$2a$").doesNotContain("$2b$");
        JsonNode created = withHashes.stream().filter(e -> e.path("aggregateId").asText().equals("inst-h1"))
                .findFirst().orElseThrow().path("payload");
        assertThat(created.path("username").asText()).isEqualTo("inst-h1");
        assertThat(created.path("organisation").asText()).isEqualTo(H1);
        assertThat(created.path("createdBy").asText()).isEqualTo("admin");
    }

    @Test
    void the_history_is_filtered_by_aggregate_account_and_time() {
        List<JsonNode> allocation = http.history(auditor, "&aggregateType=allocation&aggregateId=" + ALLOCATION, 3);
        assertThat(allocation).extracting(e -> e.path("type").asText()).containsExactly(
                "InstitutionDemandRegistered", "SelectedLineConfirmed", "AllocationSaved", "AllocationConfirmed",
                "AllocationWithdrawn", "AllocationConfirmed", "AllocationReported");
        assertThat(allocation).extracting(e -> e.path("sequenceNumber").asLong())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(http.history(auditor, "&aggregateType=InstitutionAllocation&aggregateId=" + ALLOCATION, 100))
                .hasSize(7);

        List<JsonNode> byInstitution = http.history(auditor, "&user=inst-h1", 100);
        assertThat(byInstitution).isNotEmpty().allSatisfy(e ->
                assertThat(e.path("metadata").path("account").asText()).isEqualTo("inst-h1"));
        assertThat(byInstitution).extracting(e -> e.path("type").asText()).contains("AllocationReported")
                .doesNotContain("ProcurementBatchCreated");

        List<JsonNode> all = history();
        String from = allocation.get(1).path("timestamp").asText();
        String to = allocation.get(4).path("timestamp").asText();
        List<JsonNode> window = http.history(auditor, "&aggregateId=" + ALLOCATION + "&from=" + from + "&to=" + to,
                100);
        assertThat(window).extracting(e -> e.path("type").asText())
                .containsExactly("SelectedLineConfirmed", "AllocationSaved", "AllocationConfirmed");
        assertThat(all).hasSizeGreaterThan(window.size());
    }

    @Test
    void bad_cursors_times_sizes_and_aggregates_are_refused_with_a_code() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(EVENTS + "?after=abc", "400 INVALID_CURSOR");
        refusals.put(EVENTS + "?after=-1", "400 INVALID_CURSOR");
        refusals.put(EVENTS + "?after=99999999", "400 INVALID_CURSOR");
        refusals.put(EVENTS + "?from=yesterday", "400 INVALID_TIME");
        refusals.put(EVENTS + "?to=2026-13-01T00:00:00Z", "400 INVALID_TIME");
        refusals.put(EVENTS + "?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z", "400 INVALID_TIME");
        refusals.put(EVENTS + "?size=0", "400 INVALID_PAGE");
        refusals.put(EVENTS + "?size=1001", "400 INVALID_PAGE");
        refusals.put(EVENTS + ".ndjson", "400 INVALID_REQUEST");
        refusals.put(EVENTS + ".ndjson?batch=NO-SUCH-BATCH", "404 UNKNOWN_BATCH");
        refusals.put(EVENTS + ".ndjson?batch=admin", "404 UNKNOWN_BATCH");
        refusals.put("/api/v1/audit/aggregates/account/admin", "400 UNKNOWN_AGGREGATE_TYPE");
        refusals.put("/api/v1/audit/aggregates/allocation/NOPE/" + H1, "404 UNKNOWN_AGGREGATE");
        refusals.put("/api/v1/audit/aggregates/procurement-batch/" + ALLOCATION, "404 UNKNOWN_AGGREGATE");
        refusals.put("/api/v1/audit/aggregates/allocation/" + ALLOCATION + "?asOf=2000-01-01T00:00:00Z",
                "404 UNKNOWN_AGGREGATE");
        refusals.put("/api/v1/audit/aggregates/allocation/" + ALLOCATION + "?asOf=soon", "400 INVALID_TIME");
        // the models of the retention batch and the appeal build with the application's configuration
        refusals.put("/api/v1/audit/aggregates/retention/NO-SUCH-BATCH", "404 UNKNOWN_AGGREGATE");
        refusals.put("/api/v1/audit/aggregates/appeal/no-such-appeal", "404 UNKNOWN_AGGREGATE");
        refusals.forEach((path, expected) -> {
            Reply r = http.get(path, auditor);
            assertThat(r.status() + " " + r.code()).as(path + ": " + r.text()).isEqualTo(expected);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        });
        assertThat(http.get(EVENTS + "?size=1000", auditor).status()).isEqualTo(200);
    }

    @Test
    void an_allocation_rebuilt_as_of_before_and_after_a_withdrawal_differs_exactly_by_the_withdrawn_line() {
        List<JsonNode> events = http.history(auditor, "&aggregateId=" + ALLOCATION, 100);
        String confirmedAt = events.get(3).path("timestamp").asText();
        String withdrawnAt = events.get(4).path("timestamp").asText();
        assertThat(events.get(4).path("type").asText()).isEqualTo("AllocationWithdrawn");

        JsonNode before = aggregate("allocation/" + ALLOCATION + "?asOf=" + confirmedAt);
        JsonNode after = aggregate("allocation/" + ALLOCATION + "?asOf=" + withdrawnAt);
        JsonNode now = aggregate("allocation/" + ALLOCATION);

        assertThat(before.path("type").asText()).isEqualTo("allocation");
        assertThat(before.path("id").asText()).isEqualTo(ALLOCATION);
        assertThat(before.path("aggregateType").asText()).isEqualTo("InstitutionAllocation");
        assertThat(before.path("version").asLong()).isEqualTo(3);
        assertThat(after.path("version").asLong()).isEqualTo(4);
        assertThat(now.path("version").asLong()).isEqualTo(6);
        assertThat(before.path("events")).extracting(e -> e.path("type").asText()).containsExactly(
                "InstitutionDemandRegistered", "SelectedLineConfirmed", "AllocationSaved", "AllocationConfirmed");
        assertThat(after.path("events")).extracting(e -> e.path("type").asText()).endsWith("AllocationWithdrawn")
                .hasSize(5);

        JsonNode was = before.path("state");
        JsonNode is = after.path("state");
        Set<String> changed = new LinkedHashSet<>();
        was.fieldNames().forEachRemaining(name -> {
            if (!was.path(name).equals(is.path(name))) {
                changed.add(name);
            }
        });
        assertThat(changed).containsExactlyInAnyOrder("confirmedPending", "confirmedEntries", "drafts");
        assertThat(is.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(was::fieldNames);
        // before: ZX00000099 confirmed with its entry; after: a draft again, holding the released entry
        assertThat(was.path("confirmedPending").path("ZX00000099").path("yuan").decimalValue())
                .isEqualByComparingTo("1416.67");
        assertThat(was.path("confirmedEntries").path("ZX00000099").get(0).path("drugCode").asText())
                .isEqualTo("ZC00000021");
        assertThat(was.path("drafts").has("ZX00000099")).isFalse();
        assertThat(is.path("confirmedPending").has("ZX00000099")).isFalse();
        assertThat(is.path("confirmedEntries").has("ZX00000099")).isFalse();
        assertThat(is.path("drafts").path("ZX00000099")).isEqualTo(was.path("confirmedEntries").path("ZX00000099"));
        assertThat(was.path("reported").asBoolean()).isFalse();
        assertThat(now.path("state").path("reported").asBoolean()).isTrue();

        JsonNode capacity = aggregate("capacity/capacity/" + BATCH_CODE + "/ZC00000021?asOf=" + withdrawnAt);
        assertThat(capacity.path("state").path("reservedTotal").asLong()).isZero();
        assertThat(aggregate("procurement-batch/" + BATCH_CODE).path("state").path("batchCode").asText())
                .isEqualTo(BATCH_CODE);
    }

    @Test
    void a_batch_history_downloads_as_ndjson_with_every_event_of_the_batch_and_nothing_else() {
        Reply download = http.get(EVENTS + ".ndjson?batch=" + BATCH_CODE, auditor);
        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(download.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(download.header("Content-Disposition")).contains("audit-" + BATCH_CODE + ".ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(download.response().body(), StandardCharsets.UTF_8).split("\n")) {
            lines.add(Http.readJson(line));
        }
        List<String> expected = history().stream()
                .filter(e -> BATCH_CODE.equals(e.path("payload").path("batchCode").asText(null)))
                .map(e -> e.path("eventId").asText()).toList();
        assertThat(lines).extracting(e -> e.path("eventId").asText()).containsExactlyElementsOf(expected);
        assertThat(lines).extracting(e -> e.path("type").asText()).contains("ProcurementBatchCreated",
                "CatalogueImported", "DemandsImported", "InstitutionDemandRegistered", "SelectedLineConfirmed",
                "CapacityReserved", "CapacityReleased", "AllocationReported").doesNotContain("AccountCreated");
        assertThat(lines).allSatisfy(e -> assertThat(e.path("metadata").path("account").asText()).isNotBlank());
    }

    private static JsonNode aggregate(String path) {
        Reply r = http.get("/api/v1/audit/aggregates/" + path, auditor);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
        return r.json();
    }
}
