package com.vbp.command.appeal;

import com.vbp.command.appeal.RetentionBatchFacts.Participant;
import com.vbp.command.appeal.RetentionBatchFacts.Round;
import com.vbp.events.retention.RetentionEvents.SelfAssessmentFiled;
import com.vbp.events.retention.RetentionValues.Score;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.vbp.command.appeal.AppealTestData.BATCH;
import static com.vbp.command.appeal.AppealTestData.BATCH_NAME;
import static com.vbp.command.appeal.AppealTestData.FINALISED;
import static com.vbp.command.appeal.AppealTestData.H001;
import static com.vbp.command.appeal.AppealTestData.H001_NAME;
import static com.vbp.command.appeal.AppealTestData.H002;
import static com.vbp.command.appeal.AppealTestData.H003;
import static com.vbp.command.appeal.AppealTestData.JIANGAN;
import static com.vbp.command.appeal.AppealTestData.WUCHANG;
import static com.vbp.command.appeal.AppealTestData.batchCreated;
import static com.vbp.command.appeal.AppealTestData.finalised;
import static com.vbp.command.appeal.AppealTestData.imported;
import static com.vbp.command.appeal.AppealTestData.institution;
import static com.vbp.command.appeal.AppealTestData.recalculated;
import static org.assertj.core.api.Assertions.assertThat;

/** The fold of a retention batch's events into what an appeal needs to know of it. */
class RetentionBatchFactsTest {

    private static RetentionBatchFacts fold(Object... events) {
        return RetentionBatchFacts.fold(BATCH, List.of(events));
    }

    @Test
    void a_batch_without_events_does_not_exist_has_no_participants_and_no_round() {
        RetentionBatchFacts facts = fold();
        assertThat(facts.exists()).isFalse();
        assertThat(facts.participant(H001)).isEmpty();
        assertThat(facts.latestRound()).isEmpty();
    }

    @Test
    void a_created_batch_exists_under_its_name() {
        RetentionBatchFacts facts = fold(batchCreated());
        assertThat(facts.exists()).isTrue();
        assertThat(facts.name()).isEqualTo(BATCH_NAME);
        assertThat(facts.batchCode()).isEqualTo(BATCH);
    }

    @Test
    void the_calculation_data_names_the_participants_with_their_names_and_districts() {
        RetentionBatchFacts facts = fold(batchCreated(), imported());
        assertThat(facts.participant(H001)).contains(new Participant(H001, H001_NAME, JIANGAN));
        assertThat(facts.participant(H002)).contains(new Participant(H002, "武昌医院", WUCHANG));
        assertThat(facts.participant(H003)).isEmpty();
        assertThat(facts.participant(null)).isEmpty();
    }

    @Test
    void the_latest_import_replaces_the_participants_whole() {
        RetentionBatchFacts facts = fold(batchCreated(), imported(),
                imported(institution(H001, "武汉市第一医院（总院）", WUCHANG), institution(H003, "新机构", JIANGAN)));
        assertThat(facts.participant(H001)).contains(new Participant(H001, "武汉市第一医院（总院）", WUCHANG));
        assertThat(facts.participant(H002)).isEmpty();
        assertThat(facts.participant(H003)).isPresent();
    }

    @Test
    void finalising_is_round_one_and_each_recalculation_the_round_it_names() {
        assertThat(fold(batchCreated(), imported()).latestRound()).isEmpty();
        assertThat(fold(batchCreated(), imported(), finalised(FINALISED)).latestRound())
                .contains(new Round(1, FINALISED));
        assertThat(fold(batchCreated(), imported(), finalised(FINALISED),
                recalculated(2, FINALISED.plusSeconds(60)), recalculated(3, FINALISED.plusSeconds(120)))
                .latestRound()).contains(new Round(3, FINALISED.plusSeconds(120)));
    }

    @Test
    void other_events_of_the_batch_or_of_anything_else_change_nothing() {
        RetentionBatchFacts facts = fold(batchCreated(), imported(), finalised(FINALISED),
                new SelfAssessmentFiled(BATCH, H001, new Score(new BigDecimal("90")), "h001.user", FINALISED),
                "not an event", 42);
        assertThat(facts.name()).isEqualTo(BATCH_NAME);
        assertThat(facts.participant(H001)).isPresent();
        assertThat(facts.latestRound()).contains(new Round(1, FINALISED));
    }
}
