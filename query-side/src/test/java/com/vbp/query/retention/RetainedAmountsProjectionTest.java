package com.vbp.query.retention;

import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionQueries.DistrictRetention;
import com.vbp.events.retention.RetentionQueries.FetchRetainedAmountDetail;
import com.vbp.events.retention.RetentionQueries.FetchRetainedAmounts;
import com.vbp.events.retention.RetentionQueries.FetchRetentionSummary;
import com.vbp.events.retention.RetentionQueries.RetainedAmountDetail;
import com.vbp.events.retention.RetentionQueries.RetainedAmountPage;
import com.vbp.events.retention.RetentionQueries.RetainedAmountView;
import com.vbp.events.retention.RetentionValues.VarietyRetention;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static com.vbp.query.retention.RetentionFixture.AMLODIPINE;
import static com.vbp.query.retention.RetentionFixture.AT;
import static com.vbp.query.retention.RetentionFixture.ATORVASTATIN;
import static com.vbp.query.retention.RetentionFixture.BATCH;
import static com.vbp.query.retention.RetentionFixture.DATA;
import static com.vbp.query.retention.RetentionFixture.PARAMETERS;
import static com.vbp.query.retention.RetentionFixture.calculated;
import static com.vbp.query.retention.RetentionFixture.dump;
import static com.vbp.query.retention.RetentionFixture.institution;
import static com.vbp.query.retention.RetentionFixture.roundOne;
import static com.vbp.query.retention.RetentionFixture.roundTwo;
import static com.vbp.query.retention.RetentionFixture.score;
import static com.vbp.query.retention.RetentionFixture.varieties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * 医疗机构结余金额 and the analysts' summary on the embedded store: the latest round's figures per
 * institution, totals over every row in scope, the detail with its inputs.
 */
class RetainedAmountsProjectionTest extends EmbeddedStore {

    private RetainedAmountsProjection amounts;

    @Override
    void openProjections() {
        amounts = new RetainedAmountsProjection(db);
    }

    private RetainedAmountPage fetch(String institution, String district, int page, int size) {
        return amounts.handle(new FetchRetainedAmounts(BATCH, institution, district, page, size));
    }

    private RetainedAmountDetail detail(String institution) {
        return amounts.handle(new FetchRetainedAmountDetail(BATCH, institution));
    }

    private void imported() {
        amounts.on(new CalculationDataImported(BATCH, DATA, "admin", AT));
    }

    /** As the aggregate records finalising: every institution's figures, then RetentionFinalised. */
    private void finalised() {
        roundOne().forEach(amounts::on);
        amounts.on(new RetentionFinalised(BATCH, 4, Money.of("6900.00"), "admin", AT.plusSeconds(3600)));
    }

    /** As the aggregate records a recalculation: RetentionRecalculated, then every institution's figures. */
    private void recalculated() {
        amounts.on(new RetentionRecalculated(BATCH, 2, "D2 复核 H4", Money.of("7900.00"), "admin",
                AT.plusSeconds(7200)));
        roundTwo().forEach(amounts::on);
    }

    @Test
    void before_finalising_the_list_is_an_empty_page_and_the_detail_is_not_found() {
        imported();

        RetainedAmountPage page = fetch(null, null, 0, 20);

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.budget()).isEqualTo(Money.of("0.00"));
        assertThat(page.surplus()).isEqualTo(Money.of("0.00"));
        assertThat(page.retained()).isEqualTo(Money.of("0.00"));
        assertThat(detail("H1")).isNull();
    }

    @Test
    void figures_handled_before_the_finalising_event_show_only_once_the_batch_is_finalised() {
        imported();
        roundOne().forEach(amounts::on);

        assertThat(fetch(null, null, 0, 20).total()).isZero();

        amounts.on(new RetentionFinalised(BATCH, 4, Money.of("6900.00"), "admin", AT.plusSeconds(3600)));

        assertThat(fetch(null, null, 0, 20).total()).isEqualTo(4);
    }

    @Test
    void every_institution_has_its_row_by_code_with_its_figures_and_the_totals() {
        imported();
        finalised();

        RetainedAmountPage page = fetch(null, null, 0, 20);

        assertThat(page.total()).isEqualTo(4);
        assertThat(page.items()).extracting(RetainedAmountView::institutionCode, RetainedAmountView::district,
                        RetainedAmountView::assessed, RetainedAmountView::assessedVarieties,
                        RetainedAmountView::retained)
                .containsExactly(tuple("H1", "D1", true, 2, Money.of("6900.00")),
                        tuple("H2", "D1", true, 1, Money.of("0.00")),
                        tuple("H3", "D2", true, 1, Money.of("0.00")),
                        tuple("H4", "D2", false, 3, Money.of("0.00")));
        assertThat(page.items().get(0)).isEqualTo(new RetainedAmountView("H1", "H1医院", "D1", 1, 2,
                Money.of("26000.00"), Money.of("11000.00"), Money.of("15000.00"), score("92"), true,
                new BigDecimal("0.92"), Money.of("6900.00"), Money.of("4830.00"), Money.of("2070.00")));
        RetainedAmountView h4 = page.items().get(3);
        assertThat(h4.assessmentScore()).as("未考核").isNull();
        assertThat(h4.factor()).isEqualByComparingTo("0");
        assertThat(page.items().get(2).surplus()).isEqualTo(Money.of("-200.00"));
        assertThat(page.budget()).isEqualTo(Money.of("30500.00"));
        assertThat(page.surplus()).isEqualTo(Money.of("17400.00"));
        assertThat(page.retained()).isEqualTo(Money.of("6900.00"));
    }

    @Test
    void the_totals_are_over_every_row_in_scope_not_just_the_page() {
        imported();
        finalised();

        RetainedAmountPage second = fetch(null, null, 1, 1);
        RetainedAmountPage beyond = fetch(null, null, 9, 1);

        assertThat(second.items()).extracting(RetainedAmountView::institutionCode).containsExactly("H2");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(1);
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.budget()).isEqualTo(Money.of("30500.00"));
        assertThat(second.surplus()).isEqualTo(Money.of("17400.00"));
        assertThat(second.retained()).isEqualTo(Money.of("6900.00"));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(4);
        assertThat(beyond.retained()).isEqualTo(Money.of("6900.00"));
    }

    @Test
    void the_filters_narrow_the_rows_and_the_totals_exactly() {
        imported();
        finalised();

        RetainedAmountPage d2 = fetch(null, "D2", 0, 1);
        assertThat(d2.items()).extracting(RetainedAmountView::institutionCode).containsExactly("H3");
        assertThat(d2.total()).isEqualTo(2);
        assertThat(d2.budget()).isEqualTo(Money.of("3500.00"));
        assertThat(d2.surplus()).isEqualTo(Money.of("1800.00"));
        assertThat(d2.retained()).isEqualTo(Money.of("0.00"));

        RetainedAmountPage h1 = fetch("H1", null, 0, 20);
        assertThat(h1.items()).extracting(RetainedAmountView::institutionCode).containsExactly("H1");
        assertThat(h1.budget()).isEqualTo(Money.of("26000.00"));
        assertThat(h1.retained()).isEqualTo(Money.of("6900.00"));

        assertThat(fetch("H1", "D1", 0, 20).total()).isEqualTo(1);
        assertThat(fetch("H1", "D2", 0, 20).total()).as("H1 is not in D2").isZero();
        assertThat(fetch("H1", "D2", 0, 20).retained()).isEqualTo(Money.of("0.00"));
        assertThat(fetch("H", null, 0, 20).total()).as("exact, not a prefix").isZero();
        assertThat(fetch("", " ", 0, 20).total()).as("blank filters mean any").isEqualTo(4);
    }

    @Test
    void the_detail_has_the_row_the_parameters_the_share_and_the_variety_rows() {
        imported();
        finalised();

        RetainedAmountDetail h1 = detail("H1");

        assertThat(h1.amount()).isEqualTo(fetch("H1", null, 0, 1).items().get(0));
        assertThat(h1.parameters()).isEqualTo(PARAMETERS);
        assertThat(h1.employeeShare()).isEqualTo(new BigDecimal("0.7"));
        assertThat(h1.varieties()).extracting(v -> v.figures().variety(), VarietyRetention::budget,
                        VarietyRetention::actual, VarietyRetention::surplus)
                .containsExactly(tuple("阿托伐他汀钙片", new Money(new BigDecimal("20000.00")), Money.of("4000.00"),
                                new Money(new BigDecimal("16000.00"))),
                        tuple("氨氯地平片", new Money(new BigDecimal("6000.00")), Money.of("7000.00"),
                                new Money(new BigDecimal("-1000.00"))));
        assertThat(h1.varieties().get(0).figures()).isEqualTo(ATORVASTATIN);
        assertThat(h1.varieties().get(1).figures()).isEqualTo(AMLODIPINE);
        assertThat(h1.varieties().get(0).completionRate()).isEqualByComparingTo("0.15");
        assertThat(h1.varieties().get(0).retainedShare()).isEqualByComparingTo("7360");
        assertThat(h1.varieties().get(1).retainedShare()).isEqualByComparingTo("-460");
    }

    @Test
    void an_unknown_institution_or_batch_has_no_detail() {
        imported();
        finalised();

        assertThat(detail("H9")).isNull();
        assertThat(detail(null)).isNull();
        assertThat(amounts.handle(new FetchRetainedAmountDetail("OTHER", "H1"))).isNull();
    }

    @Test
    void a_recalculation_replaces_the_figures_with_the_new_rounds() {
        imported();
        finalised();
        assertThat(fetch(null, null, 0, 20).retained()).isEqualTo(Money.of("6900.00"));
        assertThat(amounts.handle(new FetchRetentionSummary(BATCH)).items()).hasSize(2);

        recalculated();

        RetainedAmountPage page = fetch(null, null, 0, 20);
        assertThat(page.items()).extracting(RetainedAmountView::institutionCode, RetainedAmountView::round,
                        RetainedAmountView::retained)
                .containsExactly(tuple("H1", 2, Money.of("6900.00")), tuple("H2", 2, Money.of("0.00")),
                        tuple("H3", 2, Money.of("0.00")), tuple("H4", 2, Money.of("1000.00")));
        assertThat(page.retained()).isEqualTo(Money.of("7900.00"));
        RetainedAmountDetail h4 = detail("H4");
        assertThat(h4.amount().assessed()).isTrue();
        assertThat(h4.amount().assessmentScore()).isEqualTo(score("100"));
        assertThat(h4.amount().employeePart()).isEqualTo(Money.of("400.00"));
        assertThat(h4.amount().residentPart()).isEqualTo(Money.of("600.00"));
    }

    @Test
    void an_earlier_rounds_event_handled_again_after_a_recalculation_changes_nothing() {
        imported();
        finalised();
        recalculated();
        String after = dump(db);

        finalised();

        assertThat(dump(db)).isEqualTo(after);
        assertThat(detail("H4").amount().round()).isEqualTo(2);
        assertThat(fetch(null, null, 0, 20).retained()).isEqualTo(Money.of("7900.00"));
    }

    @Test
    void while_a_recalculation_is_being_handled_only_the_new_rounds_rows_show() {
        imported();
        finalised();
        amounts.on(new RetentionRecalculated(BATCH, 2, "D2 复核 H4", Money.of("7900.00"), "admin",
                AT.plusSeconds(7200)));
        amounts.on(roundTwo().get(3));

        RetainedAmountPage page = fetch(null, null, 0, 20);

        assertThat(page.items()).extracting(RetainedAmountView::institutionCode).containsExactly("H4");
        assertThat(page.retained()).isEqualTo(Money.of("1000.00"));
        assertThat(detail("H1")).as("H1's round-1 figures are not the latest").isNull();

        roundTwo().subList(0, 3).forEach(amounts::on);

        assertThat(fetch(null, null, 0, 20).items()).extracting(RetainedAmountView::institutionCode,
                RetainedAmountView::round)
                .containsExactly(tuple("H1", 2), tuple("H2", 2), tuple("H3", 2), tuple("H4", 2));
        assertThat(fetch(null, "D1", 0, 20).total()).isEqualTo(2);
    }

    @Test
    void a_reader_that_does_not_handle_the_events_sees_a_recalculation_made_by_another() {
        RetainedAmountsProjection reader = new RetainedAmountsProjection(db);
        imported();
        finalised();
        assertThat(reader.handle(new FetchRetainedAmounts(BATCH, null, null, 0, 20)).retained())
                .isEqualTo(Money.of("6900.00"));

        recalculated();

        RetainedAmountPage page = reader.handle(new FetchRetainedAmounts(BATCH, null, "D2", 0, 20));
        assertThat(page.items()).extracting(RetainedAmountView::institutionCode, RetainedAmountView::round,
                RetainedAmountView::retained).containsExactly(tuple("H3", 2, Money.of("0.00")),
                tuple("H4", 2, Money.of("1000.00")));
        assertThat(reader.handle(new FetchRetentionSummary(BATCH)).items().get(1).retained())
                .isEqualTo(Money.of("1000.00"));
    }

    @Test
    void the_summary_gives_each_batch_and_district_its_count_and_sums_of_the_latest_round() {
        imported();
        finalised();
        amounts.on(new CalculationDataImported("R0", List.of(institution("H1", "D9", "0.5", varieties(1))),
                "admin", AT));
        amounts.on(new RetainedAmountCalculated("R0", 1, "H1", "H1医院", "D9", PARAMETERS, score("90"), true,
                new BigDecimal("0.9"), new BigDecimal("0.5"), List.of(), Money.of("10.00"), Money.of("4.00"),
                Money.of("6.00"), Money.of("2.70"), Money.of("1.35"), Money.of("1.35"), AT));
        amounts.on(new RetentionFinalised("R0", 1, Money.of("2.70"), "admin", AT));
        amounts.on(new CalculationDataImported("R5", DATA, "admin", AT)); // not finalised: no rows

        List<DistrictRetention> r1 = amounts.handle(new FetchRetentionSummary(BATCH)).items();
        assertThat(r1).containsExactly(
                new DistrictRetention(BATCH, "D1", 2, Money.of("27000.00"), Money.of("15600.00"), Money.of("6900.00")),
                new DistrictRetention(BATCH, "D2", 2, Money.of("3500.00"), Money.of("1800.00"), Money.of("0.00")));

        recalculated();
        assertThat(amounts.handle(new FetchRetentionSummary(BATCH)).items().get(1).retained())
                .isEqualTo(Money.of("1000.00"));

        assertThat(amounts.handle(new FetchRetentionSummary(null)).items())
                .extracting(DistrictRetention::batchCode, DistrictRetention::district, DistrictRetention::institutions,
                        DistrictRetention::retained)
                .containsExactly(tuple("R0", "D9", 1L, Money.of("2.70")), tuple(BATCH, "D1", 2L, Money.of("6900.00")),
                        tuple(BATCH, "D2", 2L, Money.of("1000.00")));
        assertThat(amounts.handle(new FetchRetentionSummary("NOPE")).items()).isEmpty();
    }

    @Test
    void handling_every_event_twice_leaves_the_same_documents() {
        List<Object> events = new ArrayList<>();
        events.add(new CalculationDataImported(BATCH, DATA, "admin", AT));
        events.addAll(roundOne());
        events.add(new RetentionFinalised(BATCH, 4, Money.of("6900.00"), "admin", AT.plusSeconds(3600)));
        events.add(new RetentionRecalculated(BATCH, 2, "D2 复核 H4", Money.of("7900.00"), "admin", AT.plusSeconds(7200)));
        events.addAll(roundTwo());
        events.forEach(this::handle);
        String once = dump(db);
        RetainedAmountPage page = fetch(null, null, 0, 20);

        events.forEach(e -> {
            handle(e);
            handle(e);
        });

        assertThat(dump(db)).isEqualTo(once);
        assertThat(fetch(null, null, 0, 20)).isEqualTo(page);
        assertThat(page.retained()).isEqualTo(Money.of("7900.00"));
    }

    @Test
    void the_reset_handler_clears_every_document() {
        imported();
        finalised();
        assertThat(fetch(null, null, 0, 20).total()).isEqualTo(4);

        amounts.reset();

        assertThat(fetch(null, null, 0, 20).items()).isEmpty();
        assertThat(detail("H1")).isNull();
        assertThat(amounts.handle(new FetchRetentionSummary(null)).items()).isEmpty();
        assertThat(RetentionFixture.documents(db)).isZero();
    }

    private void handle(Object event) {
        if (event instanceof CalculationDataImported e) {
            amounts.on(e);
        } else if (event instanceof RetainedAmountCalculated e) {
            amounts.on(e);
        } else if (event instanceof RetentionFinalised e) {
            amounts.on(e);
        } else if (event instanceof RetentionRecalculated e) {
            amounts.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }
}
