package com.vbp.query.retention;

import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionQueries.FindRetentionBatch;
import com.vbp.events.retention.RetentionQueries.ListRetentionBatches;
import com.vbp.events.retention.RetentionQueries.RetentionBatchView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.vbp.query.retention.RetentionFixture.AT;
import static com.vbp.query.retention.RetentionFixture.BATCH;
import static com.vbp.query.retention.RetentionFixture.CLOSES;
import static com.vbp.query.retention.RetentionFixture.DATA;
import static com.vbp.query.retention.RetentionFixture.OPENS;
import static com.vbp.query.retention.RetentionFixture.PARAMETERS;
import static com.vbp.query.retention.RetentionFixture.created;
import static com.vbp.query.retention.RetentionFixture.dump;
import static com.vbp.query.retention.RetentionFixture.score;
import static org.assertj.core.api.Assertions.assertThat;

/** 结余留用批次列表 on the embedded store: window, parameters, institution count, finalised flag and round. */
class RetentionBatchProjectionTest extends EmbeddedStore {

    private RetentionBatchProjection batches;

    @Override
    void openProjections() {
        batches = new RetentionBatchProjection(db);
    }

    private RetentionBatchView find(String batch) {
        return batches.handle(new FindRetentionBatch(batch));
    }

    @Test
    void a_new_batch_shows_its_window_and_parameters_and_is_not_finalised() {
        batches.on(created(BATCH, AT));

        RetentionBatchView view = find(BATCH);

        assertThat(view).isEqualTo(new RetentionBatchView(BATCH, "结余留用 R1", OPENS, CLOSES, PARAMETERS, 0, false,
                0, null));
        assertThat(view.parameters().retentionRatio()).isEqualByComparingTo("0.5");
        assertThat(view.parameters().passingScore()).isEqualTo(score("60"));
    }

    @Test
    void an_unknown_batch_is_not_found() {
        batches.on(created(BATCH, AT));

        assertThat(find("NOPE")).isNull();
    }

    @Test
    void the_list_shows_the_newest_batch_first() {
        batches.on(created("R1", AT));
        batches.on(created("R3", AT.plusSeconds(60)));
        batches.on(created("R2", AT.plusSeconds(30)));

        assertThat(batches.handle(new ListRetentionBatches()).items()).extracting(RetentionBatchView::batchCode)
                .containsExactly("R3", "R2", "R1");
    }

    @Test
    void the_institution_count_is_the_latest_imports() {
        batches.on(created(BATCH, AT));
        batches.on(new CalculationDataImported(BATCH, DATA, "admin", AT));
        assertThat(find(BATCH).institutions()).isEqualTo(4);

        batches.on(new CalculationDataImported(BATCH, DATA.subList(0, 2), "admin", AT.plusSeconds(60)));

        assertThat(find(BATCH).institutions()).isEqualTo(2);
    }

    @Test
    void finalising_is_round_one_and_a_recalculation_moves_the_round_on_keeping_the_finalising_time() {
        batches.on(created(BATCH, AT));
        batches.on(new CalculationDataImported(BATCH, DATA, "admin", AT));
        Money total = Money.of("6900.00");
        batches.on(new RetentionFinalised(BATCH, 4, total, "admin", AT.plusSeconds(3600)));

        RetentionBatchView finalised = find(BATCH);
        assertThat(finalised.finalised()).isTrue();
        assertThat(finalised.round()).isEqualTo(1);
        assertThat(finalised.finalisedAt()).isEqualTo(AT.plusSeconds(3600));

        batches.on(new RetentionRecalculated(BATCH, 2, "复核更正", Money.of("7900.00"), "admin", AT.plusSeconds(7200)));

        RetentionBatchView recalculated = find(BATCH);
        assertThat(recalculated.round()).isEqualTo(2);
        assertThat(recalculated.finalised()).isTrue();
        assertThat(recalculated.finalisedAt()).isEqualTo(AT.plusSeconds(3600));
        assertThat(recalculated.institutions()).isEqualTo(4);
    }

    @Test
    void handling_every_event_twice_leaves_the_same_documents() {
        List<Object> events = List.of(created(BATCH, AT), new CalculationDataImported(BATCH, DATA, "admin", AT),
                new RetentionFinalised(BATCH, 4, Money.of("6900.00"), "admin", AT.plusSeconds(3600)),
                new RetentionRecalculated(BATCH, 2, "复核更正", Money.of("7900.00"), "admin", AT.plusSeconds(7200)));
        events.forEach(this::handle);
        String once = dump(db);

        events.forEach(e -> {
            handle(e);
            handle(e);
        });

        assertThat(dump(db)).isEqualTo(once);
        assertThat(find(BATCH).round()).isEqualTo(2);
        assertThat(find(BATCH).institutions()).isEqualTo(4);
    }

    @Test
    void a_duplicate_creation_after_finalising_keeps_the_batch_finalised() {
        batches.on(created(BATCH, AT));
        batches.on(new CalculationDataImported(BATCH, DATA, "admin", AT));
        batches.on(new RetentionFinalised(BATCH, 4, Money.of("6900.00"), "admin", AT.plusSeconds(3600)));

        batches.on(created(BATCH, AT));

        RetentionBatchView view = find(BATCH);
        assertThat(view.finalised()).isTrue();
        assertThat(view.round()).isEqualTo(1);
        assertThat(view.institutions()).isEqualTo(4);
    }

    @Test
    void a_duplicate_finalising_after_a_recalculation_keeps_the_later_round() {
        batches.on(created(BATCH, AT));
        batches.on(new RetentionFinalised(BATCH, 4, Money.of("6900.00"), "admin", AT.plusSeconds(3600)));
        batches.on(new RetentionRecalculated(BATCH, 2, "复核更正", Money.of("7900.00"), "admin", AT.plusSeconds(7200)));

        batches.on(new RetentionFinalised(BATCH, 4, Money.of("6900.00"), "admin", AT.plusSeconds(3600)));

        assertThat(find(BATCH).round()).isEqualTo(2);
    }

    @Test
    void the_reset_handler_clears_every_batch() {
        batches.on(created(BATCH, AT));
        batches.on(created("R2", AT));

        batches.reset();

        assertThat(batches.handle(new ListRetentionBatches()).items()).isEmpty();
        assertThat(find(BATCH)).isNull();
        assertThat(RetentionFixture.documents(db)).isZero();
    }

    private void handle(Object event) {
        if (event instanceof RetentionBatchCreated e) {
            batches.on(e);
        } else if (event instanceof CalculationDataImported e) {
            batches.on(e);
        } else if (event instanceof RetentionFinalised e) {
            batches.on(e);
        } else if (event instanceof RetentionRecalculated e) {
            batches.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }
}
