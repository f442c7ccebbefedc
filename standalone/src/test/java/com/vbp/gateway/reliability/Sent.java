package com.vbp.gateway.reliability;

import java.util.Map;

/**
 * One command a client sent, with what it changes and how it ended, in the order the client got its answers.
 * {@code aggregateId} is the aggregate the command is about (an allocation {@code batch/institution}, a batch
 * code) and {@code event} the one event it must leave there; {@code entries} (drug code → contract volume) what a
 * save stored.
 */
record Sent(String correlationId, Kind kind, String aggregateId, String line, Map<String, Long> entries,
            Outcome outcome, int status) {

    enum Kind {
        CREATE_BATCH("ProcurementBatchCreated"), CATALOGUE("CatalogueImported"), DEMANDS("DemandsImported"),
        CONFIRM_SELECTED("SelectedLineConfirmed"), SAVE("AllocationSaved"), CONFIRM("AllocationConfirmed"),
        WITHDRAW("AllocationWithdrawn"), REPORT("AllocationReported"),
        /** accounts and password changes of the set-up: must be there, once */
        SETUP(null);

        final String event;

        Kind(String event) {
            this.event = event;
        }
    }

    enum Outcome {
        /** answered 2xx: must be in the history exactly once */
        ACKNOWLEDGED,
        /** answered 4xx: must have changed nothing */
        REFUSED,
        /** no answer (the process was killed) or 5xx, and found in the history afterwards */
        APPLIED_UNANSWERED,
        /** no answer (the process was killed) or 5xx, and not in the history */
        LOST_UNANSWERED;

        boolean applied() {
            return this == ACKNOWLEDGED || this == APPLIED_UNANSWERED;
        }
    }

    Sent ended(Outcome outcome, int status) {
        return new Sent(correlationId, kind, aggregateId, line, entries, outcome, status);
    }
}
