package com.vbp.gateway.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone process's metrics and logs: {@code /actuator/prometheus} shows the commands by type, outcome and
 * refusal code, the HTTP latency histogram by route template, Axon's event-processor meters and the Excel upload
 * and export meters; without a management port of its own it needs an ADMIN token. With
 * {@code LOG_FORMAT=json} the console is Boot's ECS JSON, and a request's lines carry its correlation id and user.
 */
class StandaloneObservabilityTest {

    private static final String BATCH = "/api/v1/procurement/batches/OBS-2026";

    @TempDir
    Path dataDir;

    @Test
    void metrics_are_scraped_and_log_lines_are_json_with_correlation_id_and_user() {
        try (StandaloneApp app = StandaloneApp.start(dataDir, "app.bootstrap.admin-password=Start2026pass",
                "LOG_FORMAT=json")) {
            Environment environment = app.bean(Environment.class);
            assertThat(environment.getProperty("logging.structured.format.console"))
                    .as("LOG_FORMAT=json selects Boot's structured console log").isEqualTo("ecs");
            ByteArrayOutputStream logged = new ByteArrayOutputStream();
            OutputStreamAppender<ILoggingEvent> json = jsonAppender(environment, logged);
            Http http = app.http();
            String token;
            try {
                String initial = http.postJson("/api/v1/auth/login", null,
                        Map.of("username", "admin", "password", "Start2026pass")).json().path("token").asText();
                Answer weak = http.withHeader("X-Correlation-Id", "obs-weak-1").postJson("/api/v1/auth/password",
                        initial, Map.of("oldPassword", "Start2026pass", "newPassword", "short1"));
                assertThat(weak.code()).isEqualTo("PASSWORD_POLICY");
                token = http.postJson("/api/v1/auth/password", initial,
                        Map.of("oldPassword", "Start2026pass", "newPassword", "Admin2026new")).json().path("token")
                        .asText();
            } finally {
                detach(json);
            }
            JsonNode refusedLine = lines(logged).stream()
                    .filter(line -> "obs-weak-1".equals(line.path("correlationId").asText()))
                    .filter(line -> line.path("message").asText().contains("PASSWORD_POLICY"))
                    .findFirst().orElseThrow(() -> new AssertionError("no JSON line of the refusal in " + logged));
            assertThat(refusedLine.path("user").asText()).isEqualTo("admin");
            assertThat(refusedLine.path("log").path("level").asText()).isEqualTo("INFO");

            assertThat(http.postJson("/api/v1/procurement/batches", token, Map.of("code", "OBS-2026",
                    "name", "观测批次", "allocationOpensAt", "2026-01-01T00:00:00Z",
                    "allocationClosesAt", "2099-12-31T00:00:00Z")).status()).isEqualTo(201);
            Answer catalogue = http.upload(BATCH + "/catalogue", token, "catalogue.xlsx",
                    SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE));
            assertThat(catalogue.status()).as(catalogue.text()).isEqualTo(200);
            Answer demands = http.upload(BATCH + "/demands", token, "demands.xlsx",
                    SmallBatch.demandXlsx(SmallBatch.DEMANDS));
            assertThat(demands.status()).as(demands.text()).isEqualTo(200);
            assertThat(http.get(BATCH + "/supply-list.xlsx", token).status()).isEqualTo(200);

            assertThat(http.get("/actuator/prometheus", null).status())
                    .as("not public when the management server shares the application's port").isEqualTo(401);
            Answer scraped = http.get("/actuator/prometheus", token);
            assertThat(scraped.status()).as("an ADMIN token may read it").isEqualTo(200);
            String metrics = scraped.text();

            assertThat(metrics).containsPattern("vbp_commands_seconds_count\\{[^}]*code=\"PASSWORD_POLICY\""
                    + "[^}]*outcome=\"refused\"[^}]*type=\"ChangePassword\"[^}]*} 1");
            assertThat(metrics).containsPattern("vbp_commands_seconds_count\\{[^}]*code=\"none\""
                    + "[^}]*outcome=\"success\"[^}]*type=\"CreateProcurementBatch\"[^}]*} 1");
            assertThat(metrics).containsPattern("http_server_requests_seconds_bucket\\{[^}]*method=\"POST\""
                    + "[^}]*uri=\"/api/v1/procurement/batches/\\{[a-zA-Z]+}/catalogue\"");
            assertThat(metrics).containsPattern("eventProcessor_latency\\{processorName=\"[a-z-]+\"} ");
            assertThat(metrics).containsPattern("vbp_upload_rows_sum\\{[^}]*sheet=\"中选产品目录\"[^}]*} "
                    + SmallBatch.CATALOGUE.size() + "\\.0");
            assertThat(metrics).containsPattern("vbp_upload_seconds_count\\{[^}]*outcome=\"read\""
                    + "[^}]*sheet=\"医疗机构需求\"[^}]*} 1");
            assertThat(metrics).containsPattern("vbp_export_bytes_count\\{[^}]*sheet=\"供应清单\"[^}]*} 1");
        }
    }

    /** Boot's encoder with the format the application chose, on the root logger, writing into {@code into}. */
    private static OutputStreamAppender<ILoggingEvent> jsonAppender(Environment environment,
                                                                    ByteArrayOutputStream into) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setContext(context);
        encoder.setFormat(environment.getProperty("logging.structured.format.console"));
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(into);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    private static void detach(OutputStreamAppender<ILoggingEvent> appender) {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    /** Every line parsed as JSON: a line that is not would fail here. */
    private static List<JsonNode> lines(ByteArrayOutputStream logged) {
        return Arrays.stream(logged.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> !line.isBlank()).map(Http::readJson).toList();
    }
}
