package com.vbp.gateway.consistency;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vbp.events.common.Refusal;
import com.vbp.gateway.problem.Refused;
import com.vbp.query.idempotency.IdempotentAnswers;
import com.vbp.query.config.EmbeddedMongo;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code Idempotency-Key} handling: the gateway's {@link IdempotentRequests} and the query side's
 * {@link IdempotentAnswers} on the real embedded store, joined by Axon's command bus as in standalone mode.
 */
class IdempotentRequestsTest {

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private IdempotentRequests requests;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new IdempotentAnswers(client.getDatabase("vbp"), 60_000)).subscribe(bus);
        requests = new IdempotentRequests(DefaultCommandGateway.builder().commandBus(bus).build(),
                JsonMapper.builder().build());
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    record Figures(String lineId, long total) {
    }

    private Supplier<ResponseEntity<?>> counted(Supplier<ResponseEntity<?>> answer) {
        return () -> {
            runs.incrementAndGet();
            return answer.get();
        };
    }

    private static String text(ResponseEntity<?> r) {
        return new String((byte[]) r.getBody(), StandardCharsets.UTF_8);
    }

    @Test
    void a_repeat_with_the_same_key_gets_the_first_answer_and_runs_nothing() {
        var body = Map.of("entries", "x");
        ResponseEntity<?> first = requests.run("inst", "k1", "PUT B/pending-lines/X/allocation", body,
                counted(() -> ResponseEntity.ok(new Figures("X", runs.get()))));
        ResponseEntity<?> again = requests.run("inst", "k1", "PUT B/pending-lines/X/allocation", body,
                counted(() -> ResponseEntity.ok(new Figures("X", runs.get()))));

        assertThat(runs).hasValue(1);
        assertThat(text(again)).isEqualTo(text(first)).contains("\"total\":1");
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isNull();
    }

    @Test
    void keys_belong_to_an_account_and_to_one_request() {
        requests.run("inst", "k1", "POST B/report", null, counted(() -> ResponseEntity.ok(new Figures("A", 1))));
        requests.run("other", "k1", "POST B/report", null, counted(() -> ResponseEntity.ok(new Figures("A", 1))));
        assertThat(runs).as("another account's key is another key").hasValue(2);

        assertThatThrownBy(() -> requests.run("inst", "k1", "POST B/pending-lines/X/confirm", null,
                counted(() -> ResponseEntity.ok(new Figures("A", 1)))))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.refusal().code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
                    assertThat(r.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                });
        assertThatThrownBy(() -> requests.run("inst", "k1", "POST B/report", Map.of("other", "body"),
                counted(() -> ResponseEntity.ok(new Figures("A", 1)))))
                .isInstanceOf(Refused.class);
        assertThat(runs).hasValue(2);
    }

    @Test
    void a_refusal_is_recorded_and_answered_again() {
        Supplier<ResponseEntity<?>> refused = counted(() -> {
            throw new CommandExecutionException("refused", null,
                    new Refusal("ALREADY_REPORTED", "The institution has reported", Map.of(), null));
        });
        ResponseEntity<?> first = requests.run("inst", "k2", "POST B/pending-lines/X/withdraw", null, refused);
        ResponseEntity<?> again = requests.run("inst", "k2", "POST B/pending-lines/X/withdraw", null, refused);

        assertThat(runs).hasValue(1);
        assertThat(first.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(String.valueOf(again.getHeaders().getContentType())).startsWith("application/problem+json");
        assertThat(text(again)).isEqualTo(text(first)).contains("ALREADY_REPORTED");
    }

    @Test
    void an_unexpected_failure_gives_the_key_back_and_a_running_request_holds_it() {
        assertThatThrownBy(() -> requests.run("inst", "k3", "POST B/report", null, counted(() -> {
            throw new IllegalStateException("boom");
        }))).isInstanceOf(IllegalStateException.class);
        ResponseEntity<?> retried = requests.run("inst", "k3", "POST B/report", null,
                counted(() -> ResponseEntity.ok(new Figures("R", 2))));
        assertThat(runs).hasValue(2);
        assertThat(retried.getStatusCode().value()).isEqualTo(200);

        requests.run("inst", "k4", "POST B/report", null, () -> {
            assertThatThrownBy(() -> requests.run("inst", "k4", "POST B/report", null,
                    counted(() -> ResponseEntity.ok(new Figures("R", 3)))))
                    .isInstanceOfSatisfying(Refused.class,
                            r -> assertThat(r.refusal().code()).isEqualTo("IDEMPOTENCY_KEY_IN_USE"));
            return ResponseEntity.ok(new Figures("R", 4));
        });
        assertThat(runs).hasValue(2);
    }

    @Test
    void without_a_key_every_request_runs() {
        requests.run("inst", null, "POST B/report", null, counted(() -> ResponseEntity.ok(new Figures("R", 1))));
        requests.run("inst", null, "POST B/report", null, counted(() -> ResponseEntity.ok(new Figures("R", 1))));
        assertThat(runs).hasValue(2);
        assertThatThrownBy(() -> requests.run("inst", " ", "POST B/report", null,
                counted(() -> ResponseEntity.ok(new Figures("R", 1))))).isInstanceOf(Refused.class);
    }
}
