package com.vbp.gateway.appeal;

import com.mongodb.client.MongoDatabase;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionCommands.ImportCalculationData;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.StandaloneApp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.core.env.Environment;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone application with two retention batches and the accounts the appeal tests need.
 * {@link #BATCH}: H1 and H3 of district 420102, H2 of district 420103, in its calculation data. {@link #H2_ONLY}:
 * only H2, so an appeal of H1 on it is refused ({@code NOT_A_PARTICIPANT}). The batches are made through the
 * command gateway with {@code RetentionCommands}; the calculation data also registers the organisations.
 */
final class AppealFixture implements AutoCloseable {

    static final String BATCH = "RET-2026-01";
    static final String H2_ONLY = "RET-2026-02";
    static final String H1 = "H42010200001";
    static final String H2 = "H42010300002";
    static final String H3 = "H42010200003";
    static final String ADMIN_PASSWORD = "Start2026pass";

    final StandaloneApp app;
    final Http http;
    final AppealHttp appeals;
    String admin;
    String institution;
    String otherInstitution;
    String bureau;
    String otherBureau;
    String analyst;

    private AppealFixture(StandaloneApp app) {
        this.app = app;
        this.http = app.http();
        this.appeals = new AppealHttp(Integer.parseInt(app.bean(Environment.class).getProperty("local.server.port")));
    }

    static AppealFixture start(Path dataDir, String... properties) {
        String[] all = new String[properties.length + 1];
        all[0] = "app.bootstrap.admin-password=" + ADMIN_PASSWORD;
        System.arraycopy(properties, 0, all, 1, properties.length);
        AppealFixture fx = new AppealFixture(StandaloneApp.start(dataDir, all));
        fx.load();
        return fx;
    }

    private void load() {
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password",
                ADMIN_PASSWORD)).json().path("token").asText();
        admin = http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", ADMIN_PASSWORD,
                "newPassword", "Admin2026new")).json().path("token").asText();
        CommandGateway gateway = app.bean(CommandGateway.class);
        Instant opens = Instant.parse("2026-01-01T00:00:00Z");
        Instant closes = Instant.parse("2099-12-31T00:00:00Z");
        RetentionParameters parameters = new RetentionParameters(new BigDecimal("0.5"),
                new Score(new BigDecimal("60")), ScoreScale.LINEAR);
        gateway.sendAndWait(new CreateRetentionBatch(BATCH, "2026年第一批结余留用", opens, closes, parameters, "admin"));
        gateway.sendAndWait(new ImportCalculationData(BATCH, List.of(
                row(2, H1, "武汉市江岸区人民医院", "420102"),
                row(3, H2, "武汉市第一医院", "420103"),
                row(4, H3, "武汉市江岸区中医医院", "420102")), "admin"));
        gateway.sendAndWait(new CreateRetentionBatch(H2_ONLY, "2026年第二批结余留用", opens, closes, parameters,
                "admin"));
        gateway.sendAndWait(new ImportCalculationData(H2_ONLY, List.of(row(2, H2, "武汉市第一医院", "420103")),
                "admin"));
        app.bean(Commands.class).awaitProjections();
        institution = account("inst-h1", "INSTITUTION", H1);
        otherInstitution = account("inst-h2", "INSTITUTION", H2);
        bureau = account("bureau-420102", "DISTRICT_BUREAU", "420102");
        otherBureau = account("bureau-420103", "DISTRICT_BUREAU", "420103");
        analyst = account("analyst1", "ANALYST", "CITY");
    }

    private static CalculationRow row(int row, String code, String name, String district) {
        return new CalculationRow(row, code, name, district, new BigDecimal("0.6"), "阿托伐他汀", Volume.of(10_000),
                Money.of("2.5"), Volume.of(9_000), Money.of("900"), Volume.of(500), Money.of("1000"));
    }

    String account(String username, String role, String organisation) {
        Answer a = http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", "Init2026pass"));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        String initial = http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", "Init2026pass")).json().path("token").asText();
        return http.postJson("/api/v1/auth/password", initial, Map.of("oldPassword", "Init2026pass",
                "newPassword", "Next2026pass")).json().path("token").asText();
    }

    /** How many files the evidence bucket holds, read straight from the read-model database. */
    long storedFiles() {
        return app.bean(MongoDatabase.class).getCollection(EvidenceStore.BUCKET + ".files").countDocuments();
    }

    long storedChunks() {
        return app.bean(MongoDatabase.class).getCollection(EvidenceStore.BUCKET + ".chunks").countDocuments();
    }

    @Override
    public void close() {
        app.close();
    }
}
