package com.vbp.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Role;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.gateway.excel.AssessmentTemplateFile;
import com.vbp.gateway.retention.RetentionFixture;
import com.vbp.gateway.support.HandOver;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.query.allocation.AllocationSummaryProjection;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix (issue 16, item 3): {@code authorization-matrix.txt} in the test resources lists every
 * endpoint × every {@link Role} × target (the caller's own organisation, another organisation of the same district,
 * another district; "any" where the endpoint targets no organisation) with the answer the product gives. One
 * standalone application with accounts of every role walks every cell with a well-formed request (a write that
 * would succeed when allowed, its preconditions prepared by the target's own institution or the administrator),
 * and the endpoints the application exposes must be exactly the table's, both ways, so that a new endpoint cannot
 * slip in unlisted and a removed one leaves no stale row.
 * <p>
 * The targets are three institutions: {@link #H1} of district {@link #D1} (the institution account's own; for the
 * district bureau of D1 an institution of its own district), {@link #H2}, another institution of D1, and
 * {@link #H3} of district {@link #D2}. The city-level roles (administrator, auditor, analyst) own no institution:
 * for them the three columns are the same three institutions.
 * <p>
 * To add an endpoint: its rows in the table and, in {@link #requests()}, the request that exercises one cell.
 */
class AuthorizationMatrixTest {

    static final String H1 = RetentionFixture.H1;
    static final String H2 = RetentionFixture.H2;
    static final String H3 = RetentionFixture.H3;
    static final String D1 = RetentionFixture.D1;
    static final String D2 = RetentionFixture.D2;

    private static final String MATRIX = "/authorization-matrix.txt";
    private static final String PASSWORD = "Next2026pass";
    private static final String INITIAL = "Init2026pass";
    private static final String ADMIN_PASSWORD = "Admin2026new";

    /** The procurement batch of the reads and allocation writes, the one of the report, and the retention ones. */
    private static final String P = "/api/v1/procurement/batches/AM-P";
    private static final String P_REPORT = "/api/v1/procurement/batches/AM-REP";
    private static final String R_FINAL = RetentionFixture.batchPath("AM-R1");
    private static final String R_OPEN = RetentionFixture.batchPath("AM-R2");
    /** A projection small enough to rebuild within the walk, which nothing else in it reads. */
    private static final String PROJECTION = AllocationSummaryProjection.GROUP;

    enum Target {
        ANY(null), OWN(H1), SAME_DISTRICT(H2), OTHER_DISTRICT(H3);

        final String institution;

        Target(String institution) {
            this.institution = institution;
        }

        String district() {
            return H3.equals(institution) ? D2 : D1;
        }
    }

    /** Who sends a request: {@code role} null is nobody logged in. */
    record Caller(String role, String username, String password, String token, String organisation) {
    }

    /** One cell of the table: the answer expected of an endpoint for a role on a target. */
    record Cell(String endpoint, String role, Target target, String expected, int line) {

        boolean holds(int status) {
            return "allow".equals(expected) ? status >= 200 && status < 300 : expected.equals(String.valueOf(status));
        }

        @Override
        public String toString() {
            return endpoint + " as " + role + " on " + target + " (line " + line + ")";
        }
    }

    interface Request {
        Answer send(Caller caller, Target target);
    }

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;
    private static Http http;
    private static HttpClient client;
    private static String admin;
    private static final Map<String, Caller> CALLERS = new LinkedHashMap<>();
    /** inst-h1, inst-h2, inst-h3: the institution that owns each target's lines and appeals. */
    private static final Map<String, String> OWNER_TOKENS = new HashMap<>();
    private static final Map<String, String> SELECTED_LINES = new HashMap<>();
    private static final Map<String, String> PENDING_LINES = new HashMap<>();
    private static final Map<String, LineState> PENDING_STATE = new HashMap<>();
    private static final Map<String, String> APPEALS = new HashMap<>();
    private static final Map<String, String> EVIDENCE = new HashMap<>();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    enum LineState { DRAFT, SAVED, CONFIRMED }

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + RetentionFixture.ADMIN_PASSWORD);
        http = app.http();
        client = HttpClient.newHttpClient();
        RetentionFixture fx = new RetentionFixture(http).login();
        admin = fx.admin;
        Instant now = Instant.now();
        for (String code : List.of("AM-R1", "AM-R2")) {
            fx.createBatch(code, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
            fx.uploadCalculationData(code);
        }
        expect(http.postJson(R_FINAL + "/finalise", admin, Map.of()), 200);
        procurementBatch("AM-P", demands(H1, H2, H3));
        procurementBatch("AM-REP", List.of(selected(2, H1)));

        CALLERS.put("ADMIN", new Caller("ADMIN", "admin", ADMIN_PASSWORD, admin, "CITY"));
        CALLERS.put("INSTITUTION", account("inst-h1", "INSTITUTION", H1));
        CALLERS.put("DISTRICT_BUREAU", account("bureau-" + D1, "DISTRICT_BUREAU", D1));
        CALLERS.put("AUDITOR", account("auditor1", "AUDITOR", "CITY"));
        CALLERS.put("ANALYST", account("analyst1", "ANALYST", "CITY"));
        CALLERS.put("NONE", new Caller(null, "inst-h1", PASSWORD, null, null));
        account("bureau-" + D2, "DISTRICT_BUREAU", D2);
        OWNER_TOKENS.put(H1, CALLERS.get("INSTITUTION").token());
        OWNER_TOKENS.put(H2, account("inst-h2", "INSTITUTION", H2).token());
        OWNER_TOKENS.put(H3, account("inst-h3", "INSTITUTION", H3).token());

        for (String institution : List.of(H1, H2, H3)) {
            String owner = OWNER_TOKENS.get(institution);
            SELECTED_LINES.put(institution, firstLine(P + "/selected-lines", owner));
            PENDING_LINES.put(institution, firstLine(P + "/pending-lines", owner));
            PENDING_STATE.put(institution, LineState.DRAFT);
            String appeal = fileAppeal(owner);
            APPEALS.put(institution, appeal);
            EVIDENCE.put(institution, http.get("/api/v1/appeals/" + appeal, owner).json()
                    .path("evidence").get(0).path("fileId").asText());
        }
        String line = firstLine(P_REPORT + "/selected-lines", OWNER_TOKENS.get(H1));
        expect(http.postJson(P_REPORT + "/selected-lines/" + line + "/confirm", OWNER_TOKENS.get(H1), Map.of()), 200);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void every_endpoint_the_application_exposes_is_in_the_matrix_and_every_row_is_exposed() {
        Set<String> exposed = new TreeSet<>();
        app.beans(RequestMappingInfoHandlerMapping.class).values()
                .forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info -> exposed.addAll(keys(info))));
        Set<String> listed = matrix().stream().map(Cell::endpoint).collect(Collectors.toCollection(TreeSet::new));

        Set<String> unlisted = new TreeSet<>(exposed);
        unlisted.removeAll(listed);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(exposed);
        assertThat(unlisted).as("endpoints the application exposes that " + MATRIX + " does not name").isEmpty();
        assertThat(stale).as("rows of " + MATRIX + " for endpoints the application does not expose").isEmpty();
    }

    @Test
    void every_cell_of_the_matrix_answers_as_the_table_says() {
        List<Cell> cells = matrix();
        Map<String, Request> requests = requests();
        List<String> failures = new ArrayList<>();
        Set<String> endpoints = new TreeSet<>();
        for (Cell cell : cells) {
            endpoints.add(cell.endpoint());
            Request request = requests.get(cell.endpoint());
            if (request == null) {
                failures.add(cell + ": no request for this endpoint in requests()");
                continue;
            }
            Answer a = request.send(CALLERS.get(cell.role()), cell.target());
            if (!cell.holds(a.status())) {
                failures.add(cell + ": expected " + cell.expected() + ", answered " + a.status() + " "
                        + abbreviate(a.text()));
            } else if (a.status() >= 400 && a.status() < 500 && !a.contentType().startsWith("application/problem+json")) {
                failures.add(cell + ": " + a.status() + " is not problem+json but " + a.contentType());
            }
        }
        // Nobody logged in: 401 everywhere but where the table names the answer (role NONE).
        Set<String> open = cells.stream().filter(c -> "NONE".equals(c.role())).map(Cell::endpoint)
                .collect(Collectors.toSet());
        for (String endpoint : endpoints) {
            if (!open.contains(endpoint) && requests.containsKey(endpoint)) {
                Answer a = requests.get(endpoint).send(CALLERS.get("NONE"), Target.OWN);
                if (a.status() != 401) {
                    failures.add(endpoint + " without a token: expected 401, answered " + a.status());
                }
            }
        }
        assertThat(failures).as("cells whose answer differs from " + MATRIX + " (" + cells.size() + " cells)")
                .isEmpty();
    }

    // ---- the table ----

    /** Every cell of the table; the table itself is checked: five roles per endpoint, one kind of target each. */
    static List<Cell> matrix() {
        List<Cell> cells = new ArrayList<>();
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        Map<String, Boolean> targeted = new HashMap<>();
        List<String> lines;
        try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream(MATRIX)) {
            assertThat(in).as(MATRIX).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> known = Arrays.stream(Role.values()).map(Enum::name).collect(Collectors.toSet());
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            assertThat(f).as("line %d: method path role any own same-district other-district", n).hasSize(7);
            String endpoint = f[0] + " " + f[1];
            assertThat(known.contains(f[2]) || "NONE".equals(f[2])).as("line %d: role %s", n, f[2]).isTrue();
            assertThat(roles.computeIfAbsent(endpoint, k -> new TreeSet<>()).add(f[2]))
                    .as("line %d: %s has a second row for %s", n, endpoint, f[2]).isTrue();
            boolean hasTargets = !"-".equals(f[4]);
            assertThat(hasTargets ? "-".equals(f[3]) && !"-".equals(f[5]) && !"-".equals(f[6])
                    : !"-".equals(f[3]) && "-".equals(f[5]) && "-".equals(f[6]))
                    .as("line %d: either 'any' alone or the three targets", n).isTrue();
            assertThat(targeted.putIfAbsent(endpoint, hasTargets) == null || targeted.get(endpoint) == hasTargets)
                    .as("line %d: every row of %s has the same kind of target", n, endpoint).isTrue();
            Map<Target, String> expected = new EnumMap<>(Target.class);
            if (hasTargets) {
                expected.put(Target.OWN, f[4]);
                expected.put(Target.SAME_DISTRICT, f[5]);
                expected.put(Target.OTHER_DISTRICT, f[6]);
            } else {
                expected.put(Target.ANY, f[3]);
            }
            for (Map.Entry<Target, String> e : expected.entrySet()) {
                assertThat(e.getValue()).as("line %d: allow or a status", n).matches("allow|\\d{3}");
                cells.add(new Cell(endpoint, f[2], e.getKey(), e.getValue(), n));
            }
        }
        roles.forEach((endpoint, r) -> assertThat(r).as("the roles of %s", endpoint).containsAll(known));
        return cells;
    }

    /** "METHOD /path" of every pattern and method of a mapping; "* /path" when it takes any method. */
    private static List<String> keys(RequestMappingInfo info) {
        Set<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        if (methods.isEmpty()) {
            methods.add("*");
        }
        List<String> keys = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            methods.forEach(m -> keys.add(m + " " + pattern));
        }
        return keys;
    }

    // ---- one well-formed request per endpoint ----

    static Map<String, Request> requests() {
        Map<String, Request> r = new LinkedHashMap<>();

        // authentication and one's own account
        r.put("POST /api/v1/auth/login", (c, t) -> http.postJson("/api/v1/auth/login", c.token(),
                Map.of("username", c.username(), "password", c.password())));
        r.put("GET /api/v1/auth/captcha", (c, t) -> http.get("/api/v1/auth/captcha", c.token()));
        r.put("POST /api/v1/auth/logout", (c, t) -> http.postJson("/api/v1/auth/logout",
                c.role() == null ? null : login(c.username(), c.password()), Map.of()));
        r.put("POST /api/v1/auth/password", (c, t) -> {
            if (c.role() == null) {
                return http.postJson("/api/v1/auth/password", null, Map.of("oldPassword", PASSWORD,
                        "newPassword", "Other2026pass"));
            }
            // a fresh account of the caller's role and organisation: a new password ends every older token
            String username = unique("pw");
            created(username, c.role(), c.organisation());
            return http.postJson("/api/v1/auth/password", login(username, INITIAL), Map.of("oldPassword", INITIAL,
                    "newPassword", PASSWORD));
        });
        r.put("GET /api/v1/me", (c, t) -> http.get("/api/v1/me", c.token()));
        r.put("PUT /api/v1/me", (c, t) -> http.putJson("/api/v1/me", c.token(), Map.of("displayName", "矩阵测试")));

        // backups (standalone)
        r.put("POST /api/v1/admin/backups", (c, t) -> http.postJson("/api/v1/admin/backups", c.token(), Map.of()));
        r.put("GET /api/v1/admin/backups", (c, t) -> http.get("/api/v1/admin/backups", c.token()));

        // accounts
        r.put("POST /api/v1/admin/accounts", (c, t) -> http.postJson("/api/v1/admin/accounts", c.token(),
                Map.of("username", unique("acct"), "role", "INSTITUTION", "organisation", H1,
                        "initialPassword", INITIAL)));
        r.put("POST /api/v1/admin/accounts/{username}/disable", (c, t) -> http.postJson("/api/v1/admin/accounts/"
                + created(unique("off"), "INSTITUTION", H1) + "/disable", c.token(), Map.of()));
        r.put("POST /api/v1/admin/accounts/{username}/reset-password", (c, t) -> http.postJson(
                "/api/v1/admin/accounts/" + created(unique("reset"), "INSTITUTION", H1) + "/reset-password",
                c.token(), Map.of("newPassword", "Reset2026pass")));
        r.put("GET /api/v1/admin/accounts", (c, t) -> http.get("/api/v1/admin/accounts", c.token()));

        // procurement batches and the supply list
        r.put("POST /api/v1/procurement/batches", (c, t) -> http.postJson("/api/v1/procurement/batches", c.token(),
                procurementBody(unique("AM-PB"))));
        r.put("GET /api/v1/procurement/batches", (c, t) -> http.get("/api/v1/procurement/batches", c.token()));
        r.put("GET /api/v1/procurement/batches/{batch}", (c, t) -> http.get(P, c.token()));
        r.put("POST /api/v1/procurement/batches/{batch}/catalogue", (c, t) -> http.upload(
                "/api/v1/procurement/batches/" + newProcurementBatch(false) + "/catalogue", c.token(), "c.xlsx",
                SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE)));
        r.put("POST /api/v1/procurement/batches/{batch}/demands", (c, t) -> http.upload(
                "/api/v1/procurement/batches/" + newProcurementBatch(true) + "/demands", c.token(), "d.xlsx",
                SmallBatch.demandXlsx(demands(H1, H2, H3))));
        r.put("GET /api/v1/procurement/batches/{batch}/supply-list", (c, t) -> http.get(P + "/supply-list"
                + "?institution=" + t.institution, c.token()));
        r.put("GET /api/v1/procurement/batches/{batch}/supply-list.xlsx", (c, t) -> http.get(P
                + "/supply-list.xlsx?institution=" + t.institution, c.token()));

        // allocation: lists of one institution, and the institution's own commands on a line of the target's
        for (String list : List.of("selected-lines", "pending-lines", "report", "report.xlsx")) {
            r.put("GET /api/v1/procurement/batches/{batch}/" + list, (c, t) -> http.get(P + "/" + list
                    + "?institution=" + t.institution, c.token()));
        }
        r.put("POST /api/v1/procurement/batches/{batch}/selected-lines/{line}/confirm", (c, t) -> http.postJson(
                P + "/selected-lines/" + SELECTED_LINES.get(t.institution) + "/confirm", c.token(), Map.of()));
        r.put("PUT /api/v1/procurement/batches/{batch}/pending-lines/{line}/allocation", (c, t) -> {
            bring(t.institution, LineState.DRAFT, LineState.SAVED);
            return after(c, t, LineState.SAVED, http.putJson(pending(t) + "/allocation", c.token(), allocation()));
        });
        r.put("POST /api/v1/procurement/batches/{batch}/pending-lines/{line}/allocation/check", (c, t) -> {
            bring(t.institution, LineState.DRAFT, LineState.SAVED);
            return http.postJson(pending(t) + "/allocation/check", c.token(), allocation());
        });
        r.put("POST /api/v1/procurement/batches/{batch}/pending-lines/{line}/confirm", (c, t) -> {
            bring(t.institution, LineState.SAVED);
            return after(c, t, LineState.CONFIRMED, http.postJson(pending(t) + "/confirm", c.token(), Map.of()));
        });
        r.put("POST /api/v1/procurement/batches/{batch}/pending-lines/{line}/withdraw", (c, t) -> {
            bring(t.institution, LineState.CONFIRMED);
            // a withdrawn line is a draft without entries again: 确认 needs a new 保存
            return after(c, t, LineState.DRAFT, http.postJson(pending(t) + "/withdraw", c.token(), Map.of()));
        });
        r.put("POST /api/v1/procurement/batches/{batch}/report", (c, t) -> http.postJson(P_REPORT + "/report",
                c.token(), Map.of()));

        // analytics
        for (String report : List.of("contract-amounts", "contract-amounts.xlsx", "allocation-progress",
                "allocation-progress.xlsx", "retention-summary", "retention-summary.xlsx")) {
            r.put("GET /api/v1/analytics/" + report, (c, t) -> http.get("/api/v1/analytics/" + report, c.token()));
        }

        // retention batches
        r.put("POST /api/v1/retention/batches", (c, t) -> http.postJson("/api/v1/retention/batches", c.token(),
                retentionBody(unique("AM-RB"))));
        r.put("GET /api/v1/retention/batches", (c, t) -> http.get("/api/v1/retention/batches", c.token()));
        r.put("GET /api/v1/retention/batches/{batch}", (c, t) -> http.get(R_FINAL, c.token()));
        r.put("POST /api/v1/retention/batches/{batch}/calculation-data", (c, t) -> http.upload(R_OPEN
                + "/calculation-data", c.token(), "测算数据.xlsx", RetentionFixture.calculationXlsx(
                RetentionFixture.CALCULATION)));
        r.put("POST /api/v1/retention/batches/{batch}/finalise", (c, t) -> http.postJson(
                newRetentionBatch() + "/finalise", c.token(), Map.of()));
        r.put("POST /api/v1/retention/batches/{batch}/recalculate", (c, t) -> http.postJson(R_FINAL
                + "/recalculate", c.token(), Map.of("reason", "矩阵测试")));

        // retention assessment
        r.put("GET /api/v1/retention/batches/{batch}/institutions", (c, t) -> http.get(R_OPEN
                + "/institutions?institution=" + t.institution, c.token()));
        r.put("GET /api/v1/retention/batches/{batch}/institutions.xlsx", (c, t) -> http.get(R_OPEN
                + "/institutions.xlsx?institution=" + t.institution, c.token()));
        r.put("PUT /api/v1/retention/batches/{batch}/self-assessment", (c, t) -> http.putJson(R_OPEN
                + "/self-assessment", c.token(), Map.of("score", 80)));
        r.put("GET /api/v1/retention/batches/{batch}/assessment-template.xlsx", (c, t) -> http.get(R_OPEN
                + "/assessment-template.xlsx?district=" + t.district(), c.token()));
        r.put("POST /api/v1/retention/batches/{batch}/assessment-scores", (c, t) -> http.upload(R_OPEN
                + "/assessment-scores", c.token(), "考核评分.xlsx", scores(t)));

        // retained amounts
        r.put("GET /api/v1/retention/batches/{batch}/amounts", (c, t) -> http.get(R_FINAL
                + "/amounts?institution=" + t.institution, c.token()));
        r.put("GET /api/v1/retention/batches/{batch}/amounts.xlsx", (c, t) -> http.get(R_FINAL
                + "/amounts.xlsx?institution=" + t.institution, c.token()));
        r.put("GET /api/v1/retention/batches/{batch}/amounts/{institution}", (c, t) -> http.get(R_FINAL
                + "/amounts/" + t.institution, c.token()));
        r.put("GET /api/v1/retention/batches/{batch}/amounts/{institution}.xlsx", (c, t) -> http.get(R_FINAL
                + "/amounts/" + t.institution + ".xlsx", c.token()));

        // appeals
        r.put("POST /api/v1/appeals", (c, t) -> appeal(c.token()));
        r.put("GET /api/v1/appeals", (c, t) -> http.get("/api/v1/appeals?institution=" + t.institution,
                c.token()));
        r.put("GET /api/v1/appeals.xlsx", (c, t) -> http.get("/api/v1/appeals.xlsx?institution=" + t.institution,
                c.token()));
        r.put("GET /api/v1/appeals/{appeal}", (c, t) -> http.get("/api/v1/appeals/" + APPEALS.get(t.institution),
                c.token()));
        r.put("GET /api/v1/appeals/{appeal}/evidence/{file}", (c, t) -> http.get("/api/v1/appeals/"
                + APPEALS.get(t.institution) + "/evidence/" + EVIDENCE.get(t.institution), c.token()));
        r.put("POST /api/v1/appeals/{appeal}/reply", (c, t) -> http.postJson("/api/v1/appeals/"
                + APPEALS.get(t.institution) + "/reply", c.token(), Map.of("message", "已收到", "resolve", false)));
        r.put("POST /api/v1/appeals/{appeal}/reopen", (c, t) -> {
            // a resolved appeal of the target's, never reopened: the one state in which it may be reopened
            String appeal = fileAppeal(OWNER_TOKENS.get(t.institution));
            expect(http.postJson("/api/v1/appeals/" + appeal + "/reply", admin, Map.of("message", "已处理",
                    "resolve", true)), 200);
            return http.postJson("/api/v1/appeals/" + appeal + "/reopen", c.token(), Map.of("reason", "仍有异议"));
        });

        // audit
        r.put("GET /api/v1/audit/events", (c, t) -> http.get("/api/v1/audit/events", c.token()));
        r.put("GET /api/v1/audit/events.ndjson", (c, t) -> http.get("/api/v1/audit/events.ndjson?batch=AM-P",
                c.token()));
        r.put("GET /api/v1/audit/aggregates/{type}/{*id}", (c, t) -> http.get("/api/v1/audit/aggregates/allocation/"
                + "AM-P/" + t.institution, c.token()));
        r.put("GET /api/v1/audit/verify", (c, t) -> http.get("/api/v1/audit/verify", c.token()));

        // projection replays
        r.put("GET /api/v1/admin/projections", (c, t) -> http.get("/api/v1/admin/projections", c.token()));
        r.put("POST /api/v1/admin/projections/{name}/replay", (c, t) -> {
            Answer a = http.postJson("/api/v1/admin/projections/" + PROJECTION + "/replay", c.token(), Map.of());
            if (a.status() == 202) {
                awaitReplay();
            }
            return a;
        });
        r.put("GET /api/v1/admin/projections/{name}/replay", (c, t) -> http.get("/api/v1/admin/projections/"
                + PROJECTION + "/replay", c.token()));

        // the OpenAPI document, its page, the error page and the actuator
        for (String path : List.of("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config",
                "/swagger-ui.html", "/actuator", "/actuator/health", "/actuator/info", "/actuator/metrics",
                "/actuator/prometheus")) {
            r.put("GET " + path, (c, t) -> http.get(path, c.token()));
        }
        r.put("GET /actuator/health/**", (c, t) -> http.get("/actuator/health/liveness", c.token()));
        r.put("GET /actuator/metrics/{requiredMetricName}", (c, t) -> http.get("/actuator/metrics/jvm.threads.live",
                c.token()));
        r.put("* /error", (c, t) -> http.get("/error", c.token()));
        return r;
    }

    // ---- the world the cells act on ----

    private static void procurementBatch(String code, List<DemandRow> demands) {
        expect(http.postJson("/api/v1/procurement/batches", admin, procurementBody(code)), 201);
        String path = "/api/v1/procurement/batches/" + code;
        expect(http.upload(path + "/catalogue", admin, "c.xlsx", SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE)), 200);
        expect(http.upload(path + "/demands", admin, "d.xlsx", SmallBatch.demandXlsx(demands)), 200);
    }

    private static Map<String, Object> procurementBody(String code) {
        return Map.of("code", code, "name", "授权矩阵批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-12-31T00:00:00Z");
    }

    private static Map<String, Object> retentionBody(String code) {
        Instant now = Instant.now();
        return Map.of("code", code, "name", "授权矩阵结余留用", "reportingOpensAt", now.minus(Duration.ofHours(1))
                .toString(), "reportingClosesAt", now.plus(Duration.ofDays(30)).toString());
    }

    /** A new procurement batch, with the catalogue when {@code withCatalogue}: a fresh target for an upload. */
    private static String newProcurementBatch(boolean withCatalogue) {
        String code = unique("AM-PU");
        expect(http.postJson("/api/v1/procurement/batches", admin, procurementBody(code)), 201);
        if (withCatalogue) {
            expect(http.upload("/api/v1/procurement/batches/" + code + "/catalogue", admin, "c.xlsx",
                    SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE)), 200);
        }
        return code;
    }

    /** A new retention batch with its calculation data, not finalised: a fresh target for 结算. */
    private static String newRetentionBatch() {
        String code = unique("AM-RF");
        expect(http.postJson("/api/v1/retention/batches", admin, retentionBody(code)), 201);
        expect(http.upload(RetentionFixture.batchPath(code) + "/calculation-data", admin, "测算数据.xlsx",
                RetentionFixture.calculationXlsx(RetentionFixture.CALCULATION)), 200);
        return RetentionFixture.batchPath(code);
    }

    /**
     * Per institution a selected-product line and a pending line (G2: P 9,000, U_d 9; one winner, U 30). Line ids
     * are the lines' drug codes, so every institution's differ: a line of another institution is then one the
     * caller's own allocation does not have, not a line of its own under the same id.
     */
    private static List<DemandRow> demands(String... institutions) {
        List<DemandRow> rows = new ArrayList<>();
        int row = 2;
        for (String institution : institutions) {
            rows.add(selected(row++, institution));
            rows.add(new DemandRow(row++, institution, name(institution), district(institution), "G2",
                    DemandKind.PENDING, "ZX0000009" + row, "丹参片", "某非中选药厂", Volume.of(9000),
                    DailyUsage.of("9")));
        }
        return rows;
    }

    /** A selected-product line of a winning product of its own for each institution. */
    private static DemandRow selected(int row, String institution) {
        WinningProduct p = SmallBatch.CATALOGUE.get(List.of(H1, H2, H3).indexOf(institution)).product();
        return new DemandRow(row, institution, name(institution), district(institution), p.groupCode(),
                DemandKind.SELECTED, p.drugCode(), p.variety(), p.enterprise(), Volume.of(2400), null);
    }

    private static String name(String institution) {
        return RetentionFixture.CALCULATION.stream().filter(c -> c.institutionCode().equals(institution))
                .findFirst().orElseThrow().institutionName();
    }

    private static String district(String institution) {
        return H3.equals(institution) ? D2 : D1;
    }

    /** The only allocation of G2's pending line within rule 1: 9,000 / 9 × 30 = 30,000. */
    private static Map<String, Object> allocation() {
        return Map.of("entries", List.of(Map.of("drugCode", "ZC00000021", "contractVolume", 30000)));
    }

    private static String pending(Target t) {
        return P + "/pending-lines/" + PENDING_LINES.get(t.institution);
    }

    /**
     * Brings the target's pending line into one of {@code wanted} (the first is the one aimed at), by its own
     * institution, so that the cell's command would succeed for whoever may send it.
     */
    private static void bring(String institution, LineState... wanted) {
        String owner = OWNER_TOKENS.get(institution);
        String path = P + "/pending-lines/" + PENDING_LINES.get(institution);
        LineState state = PENDING_STATE.get(institution);
        if (Arrays.asList(wanted).contains(state)) {
            return;
        }
        LineState goal = wanted[0];
        if (state == LineState.CONFIRMED) {
            expect(http.postJson(path + "/withdraw", owner, Map.of()), 200);
            state = LineState.DRAFT;
        }
        if (state == LineState.DRAFT && goal != LineState.DRAFT) {
            expect(http.putJson(path + "/allocation", owner, allocation()), 200);
            state = LineState.SAVED;
        }
        if (state == LineState.SAVED && goal == LineState.CONFIRMED) {
            expect(http.postJson(path + "/confirm", owner, Map.of()), 200);
            state = LineState.CONFIRMED;
        }
        PENDING_STATE.put(institution, state);
    }

    /** Records the line's new state when the cell's command went through. */
    private static Answer after(Caller c, Target t, LineState state, Answer a) {
        if (a.status() >= 200 && a.status() < 300) {
            PENDING_STATE.put(t.institution, state);
        }
        return a;
    }

    private static String firstLine(String list, String token) {
        Answer a = expect(http.get(list, token), 200);
        JsonNode items = a.json().path("items");
        assertThat(items.size()).as(a.text()).isEqualTo(1);
        return items.get(0).path("lineId").asText();
    }

    /** A 考核评分 file of one row: the target's institution, scored 85. */
    private static byte[] scores(Target t) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet(AssessmentTemplateFile.SHEET_NAME);
            List<String> titles = AssessmentTemplateFile.UPLOAD_TITLES;
            Row head = sheet.createRow(0);
            for (int i = 0; i < titles.size(); i++) {
                head.createCell(i).setCellValue(titles.get(i));
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(t.institution);
            row.createCell(1).setCellValue(name(t.institution));
            row.createCell(2).setCellValue(t.district());
            row.createCell(3).setCellValue(85);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files an appeal on the finalised retention batch as the institution of {@code token}; its id. */
    private static String fileAppeal(String token) {
        return expect(appeal(token), 201).json().path("appealId").asText();
    }

    /** 申诉 on the finalised retention batch with one PNG as evidence. */
    private static Answer appeal(String token) {
        String boundary = "----matrix" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = Map.of("batch", "AM-R1", "title", "结余金额有误", "content", "请复核");
        try {
            for (Map.Entry<String, String> f : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                        + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + f.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"evidence\"; "
                    + "filename=\"evidence.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(png());
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI base = URI.create("http://localhost:" + app.port());
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/appeals"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HandOver.readAfter(b, base);
        try {
            HttpResponse<byte[]> r = HandOver.saw(client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReplay() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (http.get("/api/v1/admin/projections/" + PROJECTION + "/replay", admin).json().path("done")
                    .asBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the replay of " + PROJECTION + " did not finish within 30 s");
    }

    // ---- accounts ----

    /** An account whose initial password is changed, as every caller's is. */
    private static Caller account(String username, String role, String organisation) {
        created(username, role, organisation);
        String token = expect(http.postJson("/api/v1/auth/password", login(username, INITIAL),
                Map.of("oldPassword", INITIAL, "newPassword", PASSWORD)), 200).json().path("token").asText();
        return new Caller(role, username, PASSWORD, token, organisation);
    }

    /** An account as the administrator creates it, still with its initial password; its username. */
    private static String created(String username, String role, String organisation) {
        expect(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", INITIAL)), 201);
        return username;
    }

    private static String login(String username, String password) {
        return expect(http.postJson("/api/v1/auth/login", null, Map.of("username", username, "password",
                password)), 200).json().path("token").asText();
    }

    private static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    private static Answer expect(Answer a, int status) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        return a;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
