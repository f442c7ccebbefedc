package com.vbp.query.retention;

import com.vbp.events.retention.RetentionEvents.AssessmentScoresUploaded;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.SelfAssessmentFiled;
import com.vbp.events.retention.RetentionQueries.FetchRetentionInstitutions;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionPage;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionView;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.InstitutionScore;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.vbp.query.retention.RetentionFixture.AT;
import static com.vbp.query.retention.RetentionFixture.BATCH;
import static com.vbp.query.retention.RetentionFixture.DATA;
import static com.vbp.query.retention.RetentionFixture.dump;
import static com.vbp.query.retention.RetentionFixture.institution;
import static com.vbp.query.retention.RetentionFixture.score;
import static com.vbp.query.retention.RetentionFixture.varieties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * 测算数据基本信息 on the embedded store: one row per institution of the current calculation data, by code,
 * with its 自评分 and its district's latest 医保考核评分.
 */
class RetentionInstitutionsProjectionTest extends EmbeddedStore {

    private RetentionInstitutionsProjection institutions;

    @Override
    void openProjections() {
        institutions = new RetentionInstitutionsProjection(db);
    }

    private RetentionInstitutionPage fetch(String institution, String district, int page, int size) {
        return institutions.handle(new FetchRetentionInstitutions(BATCH, institution, district, page, size));
    }

    private RetentionInstitutionPage all() {
        return fetch(null, null, 0, 100);
    }

    private RetentionInstitutionView row(String code) {
        return fetch(code, null, 0, 100).items().stream().findFirst().orElse(null);
    }

    private static AssessmentScoresUploaded upload(String district, String... codeAndScore) {
        List<InstitutionScore> scores = new java.util.ArrayList<>();
        for (int i = 0; i < codeAndScore.length; i += 2) {
            scores.add(new InstitutionScore(codeAndScore[i], score(codeAndScore[i + 1])));
        }
        return new AssessmentScoresUploaded(BATCH, district, scores, "bureau-" + district, AT);
    }

    private void imported(List<InstitutionCalculation> data) {
        institutions.on(new CalculationDataImported(BATCH, data, "admin", AT));
    }

    @Test
    void one_row_per_institution_by_code_with_its_name_district_share_and_variety_count() {
        imported(DATA);

        RetentionInstitutionPage page = all();

        assertThat(page.total()).isEqualTo(4);
        assertThat(page.items()).extracting(RetentionInstitutionView::institutionCode,
                        RetentionInstitutionView::district, RetentionInstitutionView::varieties)
                .containsExactly(tuple("H1", "D1", 2), tuple("H2", "D1", 1), tuple("H3", "D2", 1),
                        tuple("H4", "D2", 3));
        RetentionInstitutionView h1 = page.items().get(0);
        assertThat(h1.institutionName()).isEqualTo("H1医院");
        assertThat(h1.employeeShare()).isEqualTo(new BigDecimal("0.7"));
        assertThat(h1.selfAssessment()).isNull();
        assertThat(h1.assessmentScore()).isNull();
    }

    @Test
    void pages_cut_the_sorted_rows_and_the_total_counts_them_all() {
        imported(DATA);

        RetentionInstitutionPage second = fetch(null, null, 1, 3);
        RetentionInstitutionPage beyond = fetch(null, null, 5, 3);

        assertThat(second.items()).extracting(RetentionInstitutionView::institutionCode).containsExactly("H4");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(3);
        assertThat(second.total()).isEqualTo(4);
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(4);
        assertThat(fetch(null, null, 0, 0).size()).as("size 0 means the default page").isEqualTo(20);
    }

    @Test
    void the_filters_narrow_to_an_institution_a_district_or_both_exactly() {
        imported(DATA);

        assertThat(fetch(null, "D2", 0, 20).items()).extracting(RetentionInstitutionView::institutionCode)
                .containsExactly("H3", "H4");
        assertThat(fetch(null, "D2", 0, 20).total()).isEqualTo(2);
        assertThat(fetch("H2", null, 0, 20).items()).extracting(RetentionInstitutionView::institutionCode)
                .containsExactly("H2");
        assertThat(fetch("H2", "D1", 0, 20).total()).isEqualTo(1);
        assertThat(fetch("H2", "D2", 0, 20).total()).as("H2 is not in D2").isZero();
        assertThat(fetch("H", null, 0, 20).total()).as("exact, not a prefix").isZero();
        assertThat(fetch(" ", "", 0, 20).total()).as("blank filters mean any").isEqualTo(4);
        assertThat(institutions.handle(new FetchRetentionInstitutions("OTHER", null, null, 0, 20)).total())
                .as("another batch has no rows").isZero();
    }

    @Test
    void the_latest_self_assessment_is_shown() {
        imported(DATA);
        institutions.on(new SelfAssessmentFiled(BATCH, "H2", score("85.5"), "h2", AT));
        institutions.on(new SelfAssessmentFiled(BATCH, "H2", score("88"), "h2", AT.plusSeconds(60)));

        assertThat(row("H2").selfAssessment()).isEqualTo(score("88"));
        assertThat(row("H1").selfAssessment()).isNull();
    }

    @Test
    void a_districts_upload_scores_its_institutions_and_leaves_the_other_district_alone() {
        imported(DATA);
        institutions.on(upload("D1", "H1", "92", "H2", "50"));
        institutions.on(upload("D2", "H3", "80"));

        assertThat(all().items()).extracting(RetentionInstitutionView::institutionCode,
                        RetentionInstitutionView::assessmentScore)
                .containsExactly(tuple("H1", score("92")), tuple("H2", score("50")), tuple("H3", score("80")),
                        tuple("H4", null));
    }

    @Test
    void a_districts_later_upload_replaces_its_scores_and_institutions_left_out_lose_theirs() {
        imported(DATA);
        institutions.on(upload("D1", "H1", "92", "H2", "50"));
        institutions.on(upload("D2", "H3", "80", "H4", "70"));

        institutions.on(upload("D1", "H2", "65.5"));

        assertThat(all().items()).extracting(RetentionInstitutionView::institutionCode,
                        RetentionInstitutionView::assessmentScore)
                .containsExactly(tuple("H1", null), tuple("H2", score("65.5")), tuple("H3", score("80")),
                        tuple("H4", score("70")));
    }

    @Test
    void a_reimport_replaces_the_roster_whole() {
        imported(DATA);
        institutions.on(filed(BATCH, "H1", "90"));
        institutions.on(upload("D1", "H1", "92", "H2", "50"));

        imported(List.of(institution("H2", "D1", "0.65", varieties(4)), institution("H1", "D1", "0.7", varieties(1)),
                institution("H5", "D2", "0.3", varieties(2))));

        RetentionInstitutionPage page = all();
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(RetentionInstitutionView::institutionCode,
                        RetentionInstitutionView::varieties, RetentionInstitutionView::employeeShare)
                .containsExactly(tuple("H1", 1, new BigDecimal("0.7")), tuple("H2", 4, new BigDecimal("0.65")),
                        tuple("H5", 2, new BigDecimal("0.3")));
        assertThat(fetch(null, "D2", 0, 20).items()).extracting(RetentionInstitutionView::institutionCode)
                .as("H3 and H4 are gone").containsExactly("H5");
        assertThat(row("H1").selfAssessment()).as("the filing still stands").isEqualTo(score("90"));
        assertThat(row("H1").assessmentScore()).isEqualTo(score("92"));
        assertThat(row("H3")).isNull();
    }

    @Test
    void an_institution_moved_to_another_district_by_a_reimport_has_only_its_new_districts_score() {
        imported(DATA);
        institutions.on(upload("D1", "H1", "92", "H2", "50"));

        imported(List.of(institution("H1", "D2", "0.7", varieties(2)), institution("H2", "D1", "0.6", varieties(1))));

        assertThat(row("H1").district()).isEqualTo("D2");
        assertThat(row("H1").assessmentScore()).as("D1's score no longer counts for H1").isNull();
        assertThat(row("H2").assessmentScore()).isEqualTo(score("50"));

        institutions.on(upload("D2", "H1", "77"));
        assertThat(row("H1").assessmentScore()).isEqualTo(score("77"));
    }

    @Test
    void batches_are_kept_apart() {
        imported(DATA);
        institutions.on(new CalculationDataImported("R2", List.of(institution("H1", "D1", "0.1", varieties(5))),
                "admin", AT));
        institutions.on(new SelfAssessmentFiled("R2", "H1", score("10"), "h1", AT));
        institutions.on(new AssessmentScoresUploaded("R2", "D1", List.of(new InstitutionScore("H1", score("11"))),
                "d1", AT));

        RetentionInstitutionView h1 = row("H1");
        assertThat(h1.varieties()).isEqualTo(2);
        assertThat(h1.selfAssessment()).isNull();
        assertThat(h1.assessmentScore()).isNull();
        assertThat(institutions.handle(new FetchRetentionInstitutions("R2", null, null, 0, 20)).items())
                .extracting(RetentionInstitutionView::varieties, RetentionInstitutionView::selfAssessment,
                        RetentionInstitutionView::assessmentScore)
                .containsExactly(tuple(5, score("10"), score("11")));
    }

    @Test
    void handling_every_event_twice_leaves_the_same_documents() {
        List<Object> events = List.of(new CalculationDataImported(BATCH, DATA, "admin", AT),
                filed(BATCH, "H1", "90"), upload("D1", "H1", "92", "H2", "50"),
                upload("D2", "H3", "80"), upload("D1", "H2", "65"),
                new CalculationDataImported(BATCH, DATA.subList(1, 4), "admin", AT.plusSeconds(60)),
                filed(BATCH, "H2", "70"));
        events.forEach(this::handle);
        String once = dump(db);
        RetentionInstitutionPage page = all();

        events.forEach(e -> {
            handle(e);
            handle(e);
        });

        assertThat(dump(db)).isEqualTo(once);
        assertThat(all()).isEqualTo(page);
        assertThat(page.items()).extracting(RetentionInstitutionView::institutionCode,
                        RetentionInstitutionView::selfAssessment, RetentionInstitutionView::assessmentScore)
                .containsExactly(tuple("H1", score("90"), null), tuple("H2", score("70"), score("65")),
                        tuple("H4", null, null));
    }

    @Test
    void the_reset_handler_clears_every_document() {
        imported(DATA);
        institutions.on(filed(BATCH, "H1", "90"));
        institutions.on(upload("D1", "H1", "92"));

        institutions.reset();

        assertThat(all().items()).isEmpty();
        assertThat(all().total()).isZero();
        assertThat(RetentionFixture.documents(db)).isZero();
    }

    private static SelfAssessmentFiled filed(String batch, String institution, String points) {
        return new SelfAssessmentFiled(batch, institution, score(points), institution, AT);
    }

    private void handle(Object event) {
        if (event instanceof CalculationDataImported e) {
            institutions.on(e);
        } else if (event instanceof SelfAssessmentFiled e) {
            institutions.on(e);
        } else if (event instanceof AssessmentScoresUploaded e) {
            institutions.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }
}
