package com.vbp.command;

import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side as its own process serves its metrics for Prometheus on the management server, the commands
 * it handles among them. No Axon Server runs here: a command is handed to the bus's local segment, as Axon Server
 * would hand it over, and refused before anything is stored.
 */
class CommandSidePrometheusTest {

    @Test
    void prometheus_scrapes_the_command_side() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=command-side", "--server.port=0", "--management.server.port=0",
                        "--app.startup.connect-timeout=0", "--axon.axonserver.servers=localhost:1",
                        "--spring.main.banner-mode=off")) {
            CompletableFuture<CommandResultMessage<?>> answered = new CompletableFuture<>();
            context.getBean(AxonServerCommandBus.class).localSegment().dispatch(GenericCommandMessage.asCommandMessage(
                    new CreateProcurementBatch("not a code!", "x", Instant.EPOCH, Instant.MAX, null, null, "admin")),
                    (command, result) -> answered.complete(result));
            assertThat(answered.get(30, TimeUnit.SECONDS).isExceptional()).isTrue();

            String metrics = scrape(context.getEnvironment().getProperty("local.management.port"));
            assertThat(metrics).contains("jvm_memory_used_bytes");
            assertThat(metrics).containsPattern("vbp_commands_seconds_count\\{code=\"INVALID_BATCH_CODE\","
                    + "outcome=\"refused\",type=\"CreateProcurementBatch\"} 1");
            assertThat(metrics).contains("commandBus_capacity");
        }
    }

    private static String scrape(String port) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }
}
