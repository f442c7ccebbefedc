package com.vbp.gateway.consistency;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.vbp.gateway.consistency.IdempotentRequests.Answer;
import com.vbp.gateway.problem.Refused;
import com.vbp.query.idempotency.IdempotentAnswers;
import com.vbp.query.config.EmbeddedMongo;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

import java.nio.file.Path;
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
        new AnnotationCommandHandlerAdapter<>(new IdempotentAnswers(client.getDatabase("vbp"),
                new com.vbp.query.idempotency.IdempotencyProperties(java.time.Duration.ofMinutes(1)))).subscribe(bus);
        requests = new IdempotentRequests(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    private Supplier<Answer> counted(int status, String body) {
        return () -> Answer.of(status, status >= 400 ? "application/problem+json" : "application/json",
                body.replace("#", String.valueOf(runs.incrementAndGet())));
    }

    @Test
    void a_repeat_with_the_same_key_gets_the_first_answer_and_runs_nothing() {
        Answer first = requests.run("inst", "k1", "PUT /x abc", counted(200, "{\"total\":#}"));
        Answer again = requests.run("inst", "k1", "PUT /x abc", counted(200, "{\"total\":#}"));

        assertThat(runs).hasValue(1);
        assertThat(again.text()).isEqualTo(first.text()).contains("\"total\":1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.contentType()).isEqualTo("application/json");
        assertThat(again.replayed()).isTrue();
        assertThat(first.replayed()).isFalse();
    }

    @Test
    void keys_belong_to_an_account_and_to_one_request() {
        requests.run("inst", "k1", "POST /report -", counted(200, "{}"));
        requests.run("other", "k1", "POST /report -", counted(200, "{}"));
        assertThat(runs).as("another account's key is another key").hasValue(2);

        assertThatThrownBy(() -> requests.run("inst", "k1", "POST /confirm -", counted(200, "{}")))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.refusal().code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
                    assertThat(r.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                });
        assertThatThrownBy(() -> requests.run("inst", "k1", "POST /report other-body", counted(200, "{}")))
                .isInstanceOf(Refused.class);
        assertThat(runs).hasValue(2);
    }

    @Test
    void a_refusal_is_recorded_and_answered_again() {
        Answer first = requests.run("inst", "k2", "POST /withdraw -", counted(409, "{\"code\":\"ALREADY_REPORTED\"}"));
        Answer again = requests.run("inst", "k2", "POST /withdraw -", counted(409, "{\"code\":\"ALREADY_REPORTED\"}"));

        assertThat(runs).hasValue(1);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.text()).isEqualTo(first.text()).contains("ALREADY_REPORTED");
    }

    @Test
    void an_unexpected_failure_gives_the_key_back_and_a_running_request_holds_it() {
        assertThatThrownBy(() -> requests.run("inst", "k3", "POST /report -", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        Answer retried = requests.run("inst", "k3", "POST /report -", counted(200, "{}"));
        assertThat(runs).hasValue(2);
        assertThat(retried.status()).isEqualTo(200);

        requests.run("inst", "k5", "POST /report -", counted(500, "{}"));
        assertThat(requests.run("inst", "k5", "POST /report -", counted(200, "{}")).replayed())
                .as("a 5xx is not recorded").isFalse();

        requests.run("inst", "k4", "POST /report -", () -> {
            assertThatThrownBy(() -> requests.run("inst", "k4", "POST /report -", counted(200, "{}")))
                    .isInstanceOfSatisfying(Refused.class,
                            r -> assertThat(r.refusal().code()).isEqualTo("IDEMPOTENCY_KEY_IN_USE"));
            return Answer.of(200, "application/json", "{}");
        });
        assertThat(runs).hasValue(4);
    }

    @Test
    void without_a_key_every_request_runs() {
        requests.run("inst", null, "POST /report -", counted(200, "{}"));
        requests.run("inst", null, "POST /report -", counted(200, "{}"));
        assertThat(runs).hasValue(2);
        assertThatThrownBy(() -> requests.run("inst", " ", "POST /report -", counted(200, "{}")))
                .isInstanceOf(Refused.class);
    }
}
