package com.vbp.command.appeal;

import com.vbp.command.appeal.RetentionBatchFacts.Participant;
import com.vbp.command.appeal.RetentionBatchFacts.Round;
import com.vbp.events.common.Money;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.vbp.command.appeal.AppealTestData.BATCH;
import static com.vbp.command.appeal.AppealTestData.BATCH_NAME;
import static com.vbp.command.appeal.AppealTestData.FINALISED;
import static com.vbp.command.appeal.AppealTestData.H001;
import static com.vbp.command.appeal.AppealTestData.H001_NAME;
import static com.vbp.command.appeal.AppealTestData.H002;
import static com.vbp.command.appeal.AppealTestData.JIANGAN;
import static com.vbp.command.appeal.AppealTestData.WUCHANG;
import static com.vbp.command.appeal.AppealTestData.batchCreated;
import static com.vbp.command.appeal.AppealTestData.finalised;
import static com.vbp.command.appeal.AppealTestData.imported;
import static com.vbp.command.appeal.AppealTestData.institution;
import static com.vbp.command.appeal.AppealTestData.recalculated;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading a retention batch's facts from Axon's event store. */
class RetentionFactsTest {

    private final RetentionHistory history = new RetentionHistory();

    @AfterEach
    void stop() {
        history.shutDown();
    }

    @Test
    void folds_the_batchs_own_events_from_the_store() {
        history.batch(BATCH, batchCreated(), imported(), finalised(FINALISED), recalculated(2, FINALISED.plusSeconds(9)));
        history.batch("OTHER", batchCreated());

        RetentionBatchFacts facts = history.facts().of(BATCH);

        assertThat(facts.exists()).isTrue();
        assertThat(facts.name()).isEqualTo(BATCH_NAME);
        assertThat(facts.participant(H001)).contains(new Participant(H001, H001_NAME, JIANGAN));
        assertThat(facts.latestRound()).contains(new Round(2, FINALISED.plusSeconds(9)));
    }

    @Test
    void a_code_without_events_is_no_batch() {
        assertThat(history.facts().of(BATCH).exists()).isFalse();
    }

    @Test
    void another_aggregate_under_the_same_identifier_is_no_retention_batch() {
        history.record("ProcurementBatch", BATCH, new ProcurementBatchCreated(BATCH, "集采批次", FINALISED,
                FINALISED.plusSeconds(60), null, null, "admin", FINALISED));
        assertThat(history.facts().of(BATCH).exists()).isFalse();
    }

    @Test
    void the_latest_import_wins_when_several_are_stored() {
        history.batch(BATCH, batchCreated(), imported(), imported(institution(H002, "武昌医院", WUCHANG)));
        RetentionBatchFacts facts = history.facts().of(BATCH);
        assertThat(facts.participant(H001)).isEmpty();
        assertThat(facts.participant(H002)).isPresent();
    }

    /** A snapshot of the batch would hide the events before it from a reader that started from it. */
    @Test
    void reads_every_event_even_when_the_batch_has_a_snapshot() {
        history.batch(BATCH, batchCreated(), imported(), finalised(FINALISED));
        history.store.storeSnapshot(new GenericDomainEventMessage<>("RetentionBatch", BATCH,
                history.lastSequence(BATCH), new SnapshotOfTheBatch(BATCH, Money.of("1"), Instant.EPOCH)));

        RetentionBatchFacts facts = history.facts().of(BATCH);

        assertThat(facts.name()).isEqualTo(BATCH_NAME);
        assertThat(facts.participant(H001)).isPresent();
        assertThat(facts.latestRound()).contains(new Round(1, FINALISED));
    }

    /** Stands in for a snapshot of the RetentionBatch aggregate, whose state is its own. */
    record SnapshotOfTheBatch(String batchCode, Money retained, Instant at) {
    }
}
