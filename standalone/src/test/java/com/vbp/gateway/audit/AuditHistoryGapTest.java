package com.vbp.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.gateway.audit.AuditHttp.Reply;
import com.vbp.gateway.support.StandaloneApp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A refused command that got as far as the JDBC store (a second creation of an existing account, as two
 * administrators racing would send it) takes a global position and rolls back, leaving that position empty for good.
 * A client paging with {@code after = next}, one event per page and a tiny scan bound, still reaches the head: every
 * page moves the cursor on, so the pages are bounded by the events; the batch download ends too.
 */
class AuditHistoryGapTest {

    @TempDir
    Path dataDir;

    @Test
    void paging_steps_over_a_position_left_empty_by_a_refused_command_and_reaches_the_head() {
        try (StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass",
                "app.audit.max-scan=2")) {
            AuditHttp http = new AuditHttp(Integer.parseInt(app.bean(Environment.class)
                    .getProperty("local.server.port")));
            String admin = http.firstLogin("admin", "Start2026pass", "Admin2026new");
            String auditor = http.account(admin, "auditor1", "AUDITOR", "CITY");
            Reply batch = http.send("POST", "/api/v1/procurement/batches", admin, Map.of("code", "GAP-2026",
                    "name", "间隙批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                    "allocationClosesAt", "2099-12-31T00:00:00Z"), Map.of());
            assertThat(batch.status()).as(batch.text()).isEqualTo(201);

            // given a position taken and rolled back: the event store refuses a second AccountCreated for auditor1
            assertThatThrownBy(() -> app.bean(CommandGateway.class).sendAndWait(new CreateAccount("auditor1",
                    Role.AUDITOR, "CITY", null, "Init2026pass", "admin")));
            for (int i = 0; i < 3; i++) {
                Reply changed = http.send("PUT", "/api/v1/me", admin, Map.of("displayName", "管理员 " + i), Map.of());
                assertThat(changed.status()).as(changed.text()).isEqualTo(200);
            }
            long started = System.nanoTime();
            List<JsonNode> all = http.history(auditor, "", 1000);
            List<Long> positions = all.stream().map(e -> e.path("position").asLong()).toList();
            assertThat(positions.get(positions.size() - 1) - positions.get(0) + 1)
                    .as("a position is empty: " + positions).isGreaterThan(positions.size());

            // when a client pages with size=1 from the start, then every page moves on and the last is complete
            List<Long> paged = new ArrayList<>();
            Long next = null;
            int pages = 0;
            boolean complete = false;
            while (!complete) {
                assertThat(pages).as("pages so far, positions " + paged).isLessThanOrEqualTo(positions.size() + 1);
                Reply r = http.get("/api/v1/audit/events?size=1" + (next == null ? "" : "&after=" + next), auditor);
                assertThat(r.status()).as(r.text()).isEqualTo(200);
                JsonNode body = r.json();
                body.path("items").forEach(e -> paged.add(e.path("position").asLong()));
                complete = body.path("complete").asBoolean();
                if (!complete) {
                    assertThat(body.path("next").asLong()).as("next moves on: " + body).isGreaterThan(
                            next == null ? -1 : next);
                }
                next = body.path("next").asLong();
                pages++;
            }
            assertThat(paged).isEqualTo(positions);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));

            // and the batch's download ends at once, with its one event; an unknown batch is refused
            Reply download = http.get("/api/v1/audit/events.ndjson?batch=GAP-2026", auditor);
            assertThat(download.status()).as(download.text()).isEqualTo(200);
            assertThat(download.text().lines().toList()).hasSize(1)
                    .allMatch(line -> line.contains("ProcurementBatchCreated"));
            Reply unknown = http.get("/api/v1/audit/events.ndjson?batch=NO-EVENTS", auditor);
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("UNKNOWN_BATCH");
        }
    }
}
