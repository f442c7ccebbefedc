package com.vbp.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.query.audit.ProjectionReplayHandler;
import org.axonframework.common.Registration;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/v1/admin/projections/{name}/replay} on the standalone application with the demo data set and a
 * small batch worked through the whole allocation flow: a rebuilt projection equals, document by document,
 * the one built live; while the supply list is rebuilt its readers get the old figures, never an empty list; a second
 * replay while one runs is refused; unknown names, the accounts projection and other roles are refused.
 */
class ProjectionReplayControllerTest {

    /** The collections of each projection compared before and after its replay. */
    private static final Map<String, List<String>> COLLECTIONS = new LinkedHashMap<>();

    static {
        COLLECTIONS.put("allocation-lines", List.of("allocation_lines", "allocation_capacity"));
        COLLECTIONS.put("allocation-report", List.of("allocation_report"));
        COLLECTIONS.put("allocation-summary", List.of("allocation_summary"));
        COLLECTIONS.put("supply-list", List.of("supply_list", "supply_catalogue"));
        COLLECTIONS.put("procurement-batches", List.of("procurement_batches"));
        COLLECTIONS.put("organisations", List.of("organisations"));
        COLLECTIONS.put("integrity-chain", List.of("integrity_chain", "integrity_chain_head"));
    }

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static Http http;
    static History history;

    @BeforeAll
    static void start() {
        app = StandaloneApp.start(dataDir, "app.demo.enabled=true");
        http = app.http();
        history = History.load(http, "Demo2026pass");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_rebuilt_projection_equals_the_one_built_live_document_by_document() {
        MongoDatabase db = app.bean(MongoDatabase.class);
        for (Map.Entry<String, List<String>> projection : COLLECTIONS.entrySet()) {
            Map<String, List<Document>> live = dump(db, projection.getValue());
            assertThat(live.values().stream().mapToInt(List::size).sum()).as(projection.getKey() + " has documents")
                    .isPositive();

            Answer started = http.postJson(path(projection.getKey()), history.admin, Map.of());
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            assertThat(started.json().path("requestedBy").asText()).isEqualTo("admin");
            JsonNode done = awaitDone(projection.getKey());
            assertThat(done.path("positionReached").asLong()).isGreaterThanOrEqualTo(done.path("resetPosition").asLong());
            assertThat(done.path("eventsPerSecond").asDouble()).isPositive();
            assertThat(done.path("finishedAt").asText()).isNotBlank();

            Map<String, List<Document>> rebuilt = dump(db, projection.getValue());
            for (String collection : projection.getValue()) {
                assertThat(rebuilt.get(collection)).as(projection.getKey() + ": " + collection)
                        .hasSameSizeAs(live.get(collection));
                for (int i = 0; i < live.get(collection).size(); i++) {
                    Document before = live.get(collection).get(i);
                    Document after = rebuilt.get(collection).get(i);
                    assertThat(after).as(collection + " " + before.get("_id") + "\nlive:    " + before.toJson()
                            + "\nrebuilt: " + after.toJson()).isEqualTo(before);
                }
            }
        }
        JsonNode supply = http.get("/api/v1/procurement/batches/" + History.BATCH + "/supply-list?size=500",
                history.admin).json();
        assertThat(supply.path("total").asLong()).as("the rebuilt supply list answers queries").isPositive();
    }

    @Test
    void while_a_replay_runs_its_progress_shows_it_and_a_second_replay_is_refused() throws Exception {
        String name = "supply-list";
        CountDownLatch release = new CountDownLatch(1);
        // Holds the replay at its first batch, so that the test sees it running.
        Registration hold = app.bean(ProjectionReplayHandler.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            release.await(30, TimeUnit.SECONDS);
            return chain.proceed();
        });
        try {
            Answer started = http.postJson(path(name), history.admin, Map.of());
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            JsonNode running = http.get(path(name), history.admin).json();
            assertThat(running.path("replaying").asBoolean()).isTrue();
            assertThat(running.path("done").asBoolean()).isFalse();
            assertThat(running.path("positionReached").asLong()).isLessThan(running.path("resetPosition").asLong());
            assertThat(running.path("headPosition").asLong()).isGreaterThanOrEqualTo(
                    running.path("resetPosition").asLong());

            Answer again = http.postJson(path(name), history.admin, Map.of());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.code()).isEqualTo("REPLAY_RUNNING");
        } finally {
            release.countDown();
            hold.cancel();
        }
        JsonNode done = awaitDone(name);
        assertThat(done.path("replaying").asBoolean()).isFalse();
        assertThat(done.path("error").asBoolean()).isFalse();
        assertThat(http.postJson(path(name), history.admin, Map.of()).status())
                .as("a finished replay can be run again").isEqualTo(202);
        awaitDone(name);
    }

    @Test
    void while_the_supply_list_is_rebuilt_readers_get_the_old_figures_and_then_the_rebuilt_list_equal_to_them() {
        String list = History.PATH + "/supply-list?size=500";
        MongoDatabase db = app.bean(MongoDatabase.class);
        JsonNode before = http.get(list, history.admin).json();
        assertThat(before.path("total").asLong()).isPositive();
        Map<String, List<Document>> live = dump(db, COLLECTIONS.get("supply-list"));
        // Slows the replay down (every batch of the rebuilt list waits), so that readers meet it while it runs.
        Registration slow = app.bean(ProjectionReplayHandler.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            Thread.sleep(200);
            return chain.proceed();
        });
        int readsWhileReplaying = 0;
        try {
            assertThat(http.postJson(path("supply-list"), history.admin, Map.of()).status()).isEqualTo(202);
            while (http.get(path("supply-list"), history.admin).json().path("replaying").asBoolean()) {
                JsonNode during = http.get(list, history.admin).json();
                assertThat(during).as("the supply list while its replay runs").isEqualTo(before);
                readsWhileReplaying++;
                sleep(100);
            }
        } finally {
            slow.cancel();
        }
        assertThat(readsWhileReplaying).as("reads made while the replay ran").isGreaterThanOrEqualTo(3);
        JsonNode done = awaitDone("supply-list");
        assertThat(done.path("positionReached").asLong()).isGreaterThanOrEqualTo(done.path("resetPosition").asLong());
        assertThat(http.get(list, history.admin).json()).as("the rebuilt supply list").isEqualTo(before);
        assertThat(dump(db, COLLECTIONS.get("supply-list"))).isEqualTo(live);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).noneMatch(c -> c.endsWith("__replay"));
    }

    @Test
    void unknown_projections_the_accounts_projection_and_other_roles_are_refused() {
        Answer unknown = http.postJson(path("no-such-projection"), history.admin, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_PROJECTION");
        assertThat(http.get(path("no-such-projection"), history.admin).code()).isEqualTo("UNKNOWN_PROJECTION");

        Answer accounts = http.postJson(path("accounts"), history.admin, Map.of());
        assertThat(accounts.status()).isEqualTo(409);
        assertThat(accounts.code()).isEqualTo("REPLAY_NOT_ALLOWED");

        JsonNode list = http.get("/api/v1/admin/projections", history.admin).json();
        List<String> names = new ArrayList<>();
        list.path("items").forEach(p -> names.add(p.path("projection").asText()));
        assertThat(names).containsAll(COLLECTIONS.keySet()).contains("accounts");

        for (String token : List.of(history.auditor, history.analyst, history.institution)) {
            Answer post = http.postJson(path("supply-list"), token, Map.of());
            assertThat(post.status()).isEqualTo(403);
            assertThat(post.code()).isEqualTo("FORBIDDEN");
            assertThat(http.get(path("supply-list"), token).status()).isEqualTo(403);
            assertThat(http.get("/api/v1/admin/projections", token).status()).isEqualTo(403);
        }
        assertThat(http.postJson(path("supply-list"), null, Map.of()).status()).isEqualTo(401);
    }

    private static String path(String projection) {
        return "/api/v1/admin/projections/" + projection + "/replay";
    }

    private static JsonNode awaitDone(String projection) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            Answer progress = http.get(path(projection), history.admin);
            assertThat(progress.status()).as(progress.text()).isEqualTo(200);
            JsonNode p = progress.json();
            assertThat(p.path("error").asBoolean()).as(p.toString()).isFalse();
            if (p.path("done").asBoolean()) {
                return p;
            }
            assertThat(System.currentTimeMillis()).as("replay of " + projection + " finished in time: " + p)
                    .isLessThan(deadline);
            sleep(50);
        }
    }

    /** Every document of the collections, ordered by {@code _id}. */
    static Map<String, List<Document>> dump(MongoDatabase db, List<String> collections) {
        Map<String, List<Document>> dump = new LinkedHashMap<>();
        for (String c : collections) {
            dump.put(c, db.getCollection(c).find().sort(new Document("_id", 1)).into(new ArrayList<>()));
        }
        return dump;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A history with every kind of allocation event, loaded over HTTP: the small batch of {@link SmallBatch}
     * plus a pending line of H1 in G1; H1 confirms its selected line, allocates and confirms both pending lines,
     * withdraws and confirms one again and reports; H2 confirms its selected line. Accounts of the roles the
     * tests need. The figures are those of the allocation end-to-end test.
     */
    static final class History {

        static final String BATCH = "ALLOC-2026";
        static final String PATH = "/api/v1/procurement/batches/" + BATCH;
        static final String H1 = "H42010200001";
        static final String H2 = "H42010300002";

        String admin;
        String auditor;
        String analyst;
        String institution;
        String otherInstitution;
        private final Http http;

        private History(Http http) {
            this.http = http;
        }

        static History load(Http http, String adminPassword) {
            History h = new History(http);
            h.admin = h.firstLogin("admin", adminPassword);
            h.ok(http.postJson("/api/v1/procurement/batches", h.admin, Map.of("code", BATCH, "name", "重放测试批次",
                    "allocationOpensAt", "2026-01-01T00:00:00Z", "allocationClosesAt", "2099-12-31T00:00:00Z")));
            h.ok(http.upload(PATH + "/catalogue", h.admin, "c.xlsx", SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE)));
            List<DemandRow> demands = new ArrayList<>(SmallBatch.DEMANDS);
            demands.add(new DemandRow(5, H1, "武汉市江岸区人民医院", "420102", "G1", DemandKind.PENDING, "ZX00000098",
                    "银杏叶滴丸", "某非中选二厂", Volume.of(900), DailyUsage.of("3")));
            h.ok(http.upload(PATH + "/demands", h.admin, "d.xlsx", SmallBatch.demandXlsx(demands)));
            h.institution = h.account("inst-h1", "INSTITUTION", H1);
            h.otherInstitution = h.account("inst-h2", "INSTITUTION", H2);
            h.auditor = h.account("auditor1", "AUDITOR", "CITY");
            h.analyst = h.account("analyst1", "ANALYST", "CITY");

            String inst = h.institution;
            h.ok(http.postJson(PATH + "/selected-lines/ZC00000011/confirm", inst, Map.of()));
            h.ok(http.putJson(PATH + "/pending-lines/ZX00000099/allocation", inst, entries("ZC00000021", 30000)));
            h.ok(http.postJson(PATH + "/pending-lines/ZX00000099/confirm", inst, Map.of()));
            h.ok(http.putJson(PATH + "/pending-lines/ZX00000098/allocation", inst,
                    entries("ZC00000011", 450, "ZC00000012", 600)));
            h.ok(http.postJson(PATH + "/pending-lines/ZX00000098/confirm", inst, Map.of()));
            h.ok(http.postJson(PATH + "/pending-lines/ZX00000098/withdraw", inst, Map.of()));
            h.ok(http.postJson(PATH + "/pending-lines/ZX00000098/confirm", inst, Map.of()));
            h.ok(http.postJson(PATH + "/report", inst, Map.of()));
            h.ok(http.postJson(PATH + "/selected-lines/ZC00000012/confirm", h.otherInstitution, Map.of()));
            return h;
        }

        private String account(String username, String role, String organisation) {
            ok(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                    "organisation", organisation, "initialPassword", "Init2026pass")));
            return firstLogin(username, "Init2026pass");
        }

        private String firstLogin(String username, String password) {
            Answer login = ok(http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                    "password", password)));
            return ok(http.postJson("/api/v1/auth/password", login.json().path("token").asText(),
                    Map.of("oldPassword", password, "newPassword", "Next2026pass"))).json().path("token").asText();
        }

        private Answer ok(Answer a) {
            assertThat(a.status()).as(a.text()).isBetween(200, 299);
            return a;
        }

        private static Map<String, Object> entries(Object... drugAndVolume) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (int i = 0; i < drugAndVolume.length; i += 2) {
                entries.add(Map.of("drugCode", drugAndVolume[i], "contractVolume", drugAndVolume[i + 1]));
            }
            return Map.of("entries", entries);
        }
    }
}
