package com.vbp.gateway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.gateway.excel.XlsxDownload;
import com.vbp.gateway.retention.RetentionFixture;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static com.vbp.gateway.retention.RetentionFixture.D1;
import static com.vbp.gateway.retention.RetentionFixture.D2;
import static com.vbp.gateway.retention.RetentionFixture.H1;
import static com.vbp.gateway.retention.RetentionFixture.H2;
import static com.vbp.gateway.retention.RetentionFixture.H3;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md: "A request for data outside the caller's scope (another district, another institution) answers 403
 * OUT_OF_SCOPE, never a silently narrowed answer." Walks every list and export with an {@code institution} or
 * {@code district} filter on the real standalone application, for every role that may read it: a filter
 * outside the caller's scope is refused, naming what was asked and the scope; its own is answered, and holds
 * only what was asked; the administrator (and the analyst where it reads) may ask for anything.
 * <p>
 * The data: {@link RetentionFixture}'s retention batch (H1, H2 of {@value RetentionFixture#D1}, H3 of
 * {@value RetentionFixture#D2}) and {@link SmallBatch}'s procurement batch (H1 and H3 under the same codes).
 */
class ScopeEndToEndTest {

    private static final String PROCUREMENT = "/api/v1/procurement/batches/SCOPE-P";
    private static final String RETENTION = RetentionFixture.batchPath("SCOPE-R");
    private static final String INSTITUTION = "inst-h1";
    private static final String BUREAU = "bureau-" + D1;
    private static final String ADMIN = "admin";
    private static final String ANALYST = "analyst1";

    /** A list or export, who may read it at all, and which of the two filters it takes. */
    private record Endpoint(String path, Set<String> readers, boolean institutionFilter, boolean districtFilter) {

        boolean reads(String who) {
            return readers.contains(who);
        }
    }

    private static final Set<String> EVERYONE = Set.of(INSTITUTION, BUREAU, ADMIN, ANALYST);
    private static final Set<String> INSTITUTION_AND_ADMIN = Set.of(INSTITUTION, ADMIN);
    private static final Set<String> NOT_ANALYST = Set.of(INSTITUTION, BUREAU, ADMIN);

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(PROCUREMENT + "/supply-list", EVERYONE, true, true),
            new Endpoint(PROCUREMENT + "/supply-list.xlsx", EVERYONE, true, true),
            new Endpoint(PROCUREMENT + "/selected-lines", INSTITUTION_AND_ADMIN, true, false),
            new Endpoint(PROCUREMENT + "/pending-lines", INSTITUTION_AND_ADMIN, true, false),
            new Endpoint(PROCUREMENT + "/report", INSTITUTION_AND_ADMIN, true, false),
            new Endpoint(PROCUREMENT + "/report.xlsx", INSTITUTION_AND_ADMIN, true, false),
            new Endpoint(RETENTION + "/institutions", NOT_ANALYST, true, true),
            new Endpoint(RETENTION + "/institutions.xlsx", NOT_ANALYST, true, true),
            new Endpoint(RETENTION + "/assessment-template.xlsx", Set.of(BUREAU, ADMIN), false, true),
            new Endpoint(RETENTION + "/amounts", EVERYONE, true, true),
            new Endpoint(RETENTION + "/amounts.xlsx", EVERYONE, true, true),
            new Endpoint("/api/v1/appeals", NOT_ANALYST, true, true),
            new Endpoint("/api/v1/appeals.xlsx", NOT_ANALYST, true, true));

    @TempDir
    static Path dataDir;

    private static StandaloneApp app;
    private static Http http;
    private static RetentionFixture fx;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + RetentionFixture.ADMIN_PASSWORD);
        http = app.http();
        fx = new RetentionFixture(http).login();
        Instant now = Instant.now();
        fx.createBatch("SCOPE-R", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
        fx.uploadCalculationData("SCOPE-R");
        Answer created = http.postJson("/api/v1/procurement/batches", fx.admin, Map.of("code", "SCOPE-P",
                "name", "范围测试批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-12-31T00:00:00Z"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(http.upload(PROCUREMENT + "/catalogue", fx.admin, "c.xlsx",
                SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE)).status()).isEqualTo(200);
        assertThat(http.upload(PROCUREMENT + "/demands", fx.admin, "d.xlsx",
                SmallBatch.demandXlsx(SmallBatch.DEMANDS)).status()).isEqualTo(200);
        fx.accounts();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** Every (endpoint, caller, filter) pair that matters, with the status it must answer. */
    static Stream<Arguments> requests() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            if (e.institutionFilter()) {
                if (e.reads(INSTITUTION)) {
                    cases.add(Arguments.of(e.path(), INSTITUTION, "institution", H3, 403));
                    cases.add(Arguments.of(e.path(), INSTITUTION, "institution", H1, 200));
                }
                if (e.reads(BUREAU)) {
                    cases.add(Arguments.of(e.path(), BUREAU, "institution", H3, 403));
                    cases.add(Arguments.of(e.path(), BUREAU, "institution", "H99999999999", 403));
                    cases.add(Arguments.of(e.path(), BUREAU, "institution", H2, 200));
                }
                cases.add(Arguments.of(e.path(), ADMIN, "institution", H3, 200));
                if (e.reads(ANALYST)) {
                    cases.add(Arguments.of(e.path(), ANALYST, "institution", H3, 200));
                }
            }
            if (e.districtFilter()) {
                if (e.reads(INSTITUTION)) {
                    cases.add(Arguments.of(e.path(), INSTITUTION, "district", D2, 403));
                    cases.add(Arguments.of(e.path(), INSTITUTION, "district", D1, 200));
                }
                if (e.reads(BUREAU)) {
                    cases.add(Arguments.of(e.path(), BUREAU, "district", D2, 403));
                    cases.add(Arguments.of(e.path(), BUREAU, "district", D1, 200));
                }
                cases.add(Arguments.of(e.path(), ADMIN, "district", D2, 200));
                if (e.reads(ANALYST)) {
                    cases.add(Arguments.of(e.path(), ANALYST, "district", D2, 200));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}: {0}?{2}={3} → {4}")
    @MethodSource("requests")
    void a_filter_outside_the_callers_scope_is_refused_and_one_inside_is_answered(String path, String who,
                                                                                  String filter, String value,
                                                                                  int status) {
        String token = ADMIN.equals(who) ? fx.admin : fx.token(who);
        Answer a = http.get(path + "?" + filter + "=" + value, token);
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        if (status == 403) {
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.code()).isEqualTo("OUT_OF_SCOPE");
            JsonNode figures = a.json().path("figures");
            assertThat(figures.path("requested").path(filter).asText()).isEqualTo(value);
            assertThat(figures.path("scope").path(INSTITUTION.equals(who) ? "institution" : "district").asText())
                    .isEqualTo(INSTITUTION.equals(who) ? H1 : D1);
        } else if (path.endsWith(".xlsx")) {
            assertThat(a.contentType()).startsWith(XlsxDownload.CONTENT_TYPE);
        } else {
            // what is answered is what was asked: no row of another institution or district
            String field = "institution".equals(filter) ? "institutionCode" : "district";
            for (JsonNode item : a.json().path("items")) {
                if (item.has(field)) {
                    assertThat(item.path(field).asText()).as(a.text()).isEqualTo(value);
                }
            }
        }
    }
}
