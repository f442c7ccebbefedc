package com.vbp.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import com.vbp.gateway.audit.ProjectionReplayControllerTest.History;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.vbp.gateway.audit.ProjectionReplayControllerTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/audit/verify} on the standalone application, against Axon's JDBC event table
 * ({@code DomainEventEntry}) changed behind the application's back: an untouched history verifies intact with
 * a head that survives restarts and replays; an altered payload is named; an event stored at an old revision
 * is upcast for the projections and leaves the chain intact; only the auditor may verify.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegrityControllerTest {

    private static final String VERIFY = "/api/v1/audit/verify";
    private static final String ADMIN_PASSWORD = "Start2026pass";

    @TempDir
    static Path dataDir;
    static StandaloneApp app;
    static Http http;
    static History history;

    @BeforeAll
    static void startAndLoad() {
        app = start();
        history = History.load(http, ADMIN_PASSWORD);
    }

    private static StandaloneApp start() {
        StandaloneApp started = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=" + ADMIN_PASSWORD);
        http = started.http();
        return started;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void an_untouched_history_verifies_intact_and_its_head_hash_survives_restarts_and_replays() throws SQLException {
        JsonNode report = verify(null);
        long events = count("SELECT COUNT(*) FROM DomainEventEntry");
        long head = count("SELECT MAX(globalIndex) FROM DomainEventEntry");
        assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("firstBreak").isNull()).isTrue();
        assertThat(report.path("verifiedEvents").asLong()).isEqualTo(events).isGreaterThan(30);
        assertThat(report.path("headPosition").asLong()).isEqualTo(head);
        String headHash = report.path("headHash").asText();
        assertThat(headHash).matches("[0-9a-f]{64}");
        assertThat(report.path("encoding").asText()).startsWith("vbp-chain-1");

        JsonNode earlier = verify(head - 1);
        assertThat(earlier.path("headPosition").asLong()).isLessThan(head);
        assertThat(earlier.path("headHash").asText()).isNotEqualTo(headHash);

        app.close();
        app = start();
        JsonNode afterRestart = verify(null);
        assertThat(afterRestart.path("headPosition").asLong()).as("the restart itself wrote no event").isEqualTo(head);
        assertThat(afterRestart.path("headHash").asText()).isEqualTo(headHash);
        assertThat(verify(head - 1).path("headHash").asText()).isEqualTo(earlier.path("headHash").asText());

        Answer replay = http.postJson("/api/v1/admin/projections/integrity-chain/replay", history.admin, Map.of());
        assertThat(replay.status()).as(replay.text()).isEqualTo(202);
        awaitReplay("integrity-chain");
        JsonNode afterReplay = verify(null);
        assertThat(afterReplay.path("intact").asBoolean()).isTrue();
        assertThat(afterReplay.path("headHash").asText()).isEqualTo(headHash);
    }

    @Test
    @Order(2)
    void events_appended_concurrently_are_chained_in_position_order() throws Exception {
        List<String> tokens = List.of(history.admin, history.auditor, history.analyst, history.institution,
                history.otherInstitution);
        ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (String token : tokens) {
                    String name = "并发测试" + round;
                    answers.add(pool.submit(() -> http.putJson("/api/v1/me", token, Map.of("displayName", name))
                            .status()));
                }
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode report = verify(null);
        assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("verifiedEvents").asLong()).isEqualTo(count("SELECT COUNT(*) FROM DomainEventEntry"));
        assertThat(report.path("headPosition").asLong()).isEqualTo(count("SELECT MAX(globalIndex) FROM DomainEventEntry"));
    }

    @Test
    @Order(3)
    void an_event_altered_in_the_store_is_where_verify_says_the_chain_breaks() throws SQLException {
        StoredRow row = row("SELECT globalIndex, eventIdentifier, payloadType, aggregateIdentifier, payload "
                + "FROM DomainEventEntry WHERE payloadType LIKE '%SelectedLineConfirmed' ORDER BY globalIndex LIMIT 1");
        String original = new String(row.payload(), StandardCharsets.UTF_8);
        assertThat(original).contains("ZC00000011");
        String forged = original.replace("ZC00000011", "ZC00000012");
        long head = count("SELECT MAX(globalIndex) FROM DomainEventEntry");
        try {
            setPayload(row.position(), forged.getBytes(StandardCharsets.UTF_8));

            JsonNode report = verify(null);
            assertThat(report.path("intact").asBoolean()).isFalse();
            JsonNode broken = report.path("firstBreak");
            assertThat(broken.path("position").asLong()).isEqualTo(row.position());
            assertThat(broken.path("eventId").asText()).isEqualTo(row.eventId());
            assertThat(broken.path("type").asText()).isEqualTo(row.type()).endsWith("SelectedLineConfirmed");
            assertThat(broken.path("aggregateId").asText()).isEqualTo(row.aggregateId());
            assertThat(broken.path("kind").asText()).isEqualTo("ALTERED");
            assertThat(broken.path("expectedHash").asText()).matches("[0-9a-f]{64}")
                    .isNotEqualTo(broken.path("storedHash").asText());
            assertThat(report.path("headPosition").asLong()).as("reading goes on to the head").isEqualTo(head);
        } finally {
            setPayload(row.position(), row.payload());
        }
        assertThat(verify(null).path("intact").asBoolean()).as("the original bytes restored").isTrue();
    }

    @Test
    @Order(4)
    void an_event_stored_at_revision_1_is_upcast_for_the_projection_and_leaves_the_chain_intact() throws SQLException {
        JsonNode batch = http.get(History.PATH, history.admin).json();
        int lines = batch.path("demandLineCount").asInt();
        assertThat(lines).isEqualTo(4);
        long sequence = count("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = '"
                + History.BATCH + "'") + 1;
        String eventId = UUID.randomUUID().toString();
        String revision1 = "{\"batchCode\":\"" + History.BATCH + "\",\"institutionCodes\":[],\"lineCount\":7,"
                + "\"importedBy\":\"admin\",\"importedAt\":\"2026-03-01T08:00:00Z\"}";
        try (Connection c = dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, "
                        + "payload, payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, History.BATCH);
            insert.setLong(2, sequence);
            insert.setString(3, "ProcurementBatch");
            insert.setString(4, eventId);
            insert.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(6, revision1.getBytes(StandardCharsets.UTF_8));
            insert.setString(7, "1");
            insert.setString(8, DemandsImported.class.getName());
            insert.setString(9, Instant.now().toString());
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }

        long deadline = System.currentTimeMillis() + 20_000;
        while (http.get(History.PATH, history.admin).json().path("demandLineCount").asInt() == lines
                && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        assertThat(http.get(History.PATH, history.admin).json().path("demandLineCount").asInt())
                .as("the projection read the old event's lineCount as demandLineCount").isEqualTo(lines + 7);

        List<? extends DomainEventMessage<?>> stream = app.bean(EventStore.class).readEvents(History.BATCH)
                .asStream().filter(m -> m.getIdentifier().equals(eventId)).toList();
        assertThat(stream).hasSize(1);
        assertThat(stream.get(0).getPayload()).isInstanceOfSatisfying(DemandsImported.class,
                e -> assertThat(e.demandLineCount()).isEqualTo(7));

        long position = count("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = '" + eventId + "'");
        JsonNode report = verify(null);
        assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("headPosition").asLong()).isEqualTo(position);
    }

    @Test
    @Order(5)
    void only_the_auditor_and_the_administrator_verify() {
        assertThat(http.get(VERIFY, history.admin).status()).isEqualTo(200);
        for (String token : List.of(history.analyst, history.institution)) {
            Answer refused = http.get(VERIFY, token);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.code()).isEqualTo("FORBIDDEN");
        }
        assertThat(http.get(VERIFY, null).status()).isEqualTo(401);
        assertThat(http.get(VERIFY + "?upTo=-1", history.auditor).code()).isEqualTo("INVALID_REQUEST");
    }

    private static JsonNode verify(Long upTo) {
        Answer a = http.get(VERIFY + (upTo == null ? "" : "?upTo=" + upTo), history.auditor);
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        return a.json();
    }

    private static void awaitReplay(String projection) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!http.get("/api/v1/admin/projections/" + projection + "/replay", history.admin).json()
                .path("done").asBoolean()) {
            assertThat(System.currentTimeMillis()).as("replay finished in time").isLessThan(deadline);
            sleep(50);
        }
    }

    private record StoredRow(long position, String eventId, String type, String aggregateId, byte[] payload) {
    }

    private static DataSource dataSource() {
        return app.bean(DataSource.class);
    }

    private static StoredRow row(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            assertThat(r.next()).as(sql).isTrue();
            return new StoredRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getBytes(5));
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet r = s.executeQuery()) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }

    private static void setPayload(long position, byte[] payload) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE DomainEventEntry SET payload = ? WHERE globalIndex = ?")) {
            s.setBytes(1, payload);
            s.setLong(2, position);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
