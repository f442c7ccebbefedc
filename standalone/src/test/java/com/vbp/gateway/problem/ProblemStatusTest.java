package com.vbp.gateway.problem;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway answers each code with its catalogue status, and what it does not know as today. */
class ProblemStatusTest {

    @Test
    void every_code_of_the_catalogue_is_answered_with_its_status() {
        assertThat(RefusalCode.values()).allSatisfy(code -> assertThat(ProblemHandler.status(Refusal.of(code)))
                .as(code.code()).isEqualTo(HttpStatus.valueOf(code.status())));
    }

    @Test
    void a_remote_refusal_with_a_code_the_catalogue_does_not_know_is_a_broken_rule_422_with_its_code() {
        Refusal remote = new Refusal("A_CODE_OF_A_NEWER_VERSION", "words", null, null);

        ResponseEntity<Object> answer = new ProblemHandler().domain(
                new CommandExecutionException("refused", null, remote));

        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(((ProblemDetail) answer.getBody()).getProperties())
                .containsEntry("code", "A_CODE_OF_A_NEWER_VERSION");
    }

    @Test
    void a_remote_failure_without_a_refusal_is_a_500_internal_error() {
        ResponseEntity<Object> answer = new ProblemHandler().domain(
                new CommandExecutionException("boom", new IllegalStateException("boom"), "not a refusal"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) answer.getBody()).getProperties())
                .containsEntry("code", RefusalCode.INTERNAL_ERROR.code());
    }

    @Test
    void a_code_known_to_the_catalogue_from_a_remote_side_gets_its_own_status() {
        Refusal remote = new Refusal(RefusalCode.UNKNOWN_BATCH.code(), "No batch X", null, null);
        assertThat(ProblemHandler.status(remote)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(Arrays.stream(RefusalCode.values()).map(RefusalCode::code)).doesNotHaveDuplicates();
    }

    @Test
    void a_concurrency_failure_described_by_a_remote_command_side_is_a_409_conflict() {
        // What the gateway gets through Axon Server when two command-side instances append to one aggregate.
        RemoteHandlingException remote = new RemoteHandlingException(RemoteExceptionDescription.describing(
                new ConcurrencyException("An event for aggregate [P1] at sequence [7] was already inserted")));

        ResponseEntity<Object> answer = new ProblemHandler().domain(
                new CommandExecutionException("failed at commit", remote, null));

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(((ProblemDetail) answer.getBody()).getProperties()).containsEntry("code", "CONFLICT");
    }
}
