package com.vbp.command.appeal;

import com.vbp.command.common.MutableClock;
import com.vbp.events.appeal.AppealCommands.FileAppeal;
import com.vbp.events.appeal.AppealEvents.AppealFiled;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.vbp.command.appeal.AppealMatchers.refused;
import static com.vbp.command.appeal.AppealTestData.APPEAL;
import static com.vbp.command.appeal.AppealTestData.BATCH;
import static com.vbp.command.appeal.AppealTestData.BATCH_NAME;
import static com.vbp.command.appeal.AppealTestData.DEADLINE;
import static com.vbp.command.appeal.AppealTestData.FINALISED;
import static com.vbp.command.appeal.AppealTestData.H001;
import static com.vbp.command.appeal.AppealTestData.H001_NAME;
import static com.vbp.command.appeal.AppealTestData.H002;
import static com.vbp.command.appeal.AppealTestData.H003;
import static com.vbp.command.appeal.AppealTestData.JIANGAN;
import static com.vbp.command.appeal.AppealTestData.NOW;
import static com.vbp.command.appeal.AppealTestData.SHA;
import static com.vbp.command.appeal.AppealTestData.WUCHANG;
import static com.vbp.command.appeal.AppealTestData.batchCreated;
import static com.vbp.command.appeal.AppealTestData.chars;
import static com.vbp.command.appeal.AppealTestData.file;
import static com.vbp.command.appeal.AppealTestData.fileAppeal;
import static com.vbp.command.appeal.AppealTestData.filed;
import static com.vbp.command.appeal.AppealTestData.finalised;
import static com.vbp.command.appeal.AppealTestData.imported;
import static com.vbp.command.appeal.AppealTestData.institution;
import static com.vbp.command.appeal.AppealTestData.pdf;
import static com.vbp.command.appeal.AppealTestData.recalculated;
import static com.vbp.command.common.RefusalMatchers.violation;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/**
 * Given a retention batch's history in the event store, when an institution files an appeal, then (seed 003 §4.3,
 * {@link Appeal}, {@link AppealRules}).
 */
class AppealFilingTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final RetentionHistory history = new RetentionHistory();
    private FixtureConfiguration<Appeal> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new AppealPeriod(AppealPeriod.DEFAULT_DAYS));
    }

    @AfterEach
    void stop() {
        history.shutDown();
    }

    private FixtureConfiguration<Appeal> fixture(AppealPeriod period) {
        FixtureConfiguration<Appeal> f = new AggregateTestFixture<>(Appeal.class);
        f.registerInjectableResource(clock);
        f.registerInjectableResource(history.facts());
        f.registerInjectableResource(period);
        return f;
    }

    /** The batch as the tests find it: created, with H001 and H002 in its calculation data, and finalised. */
    private void finalisedBatch() {
        history.batch(BATCH, batchCreated(), imported(), finalised(FINALISED));
    }

    @Nested
    class Filing {

        @Test
        void records_the_appeal_with_the_batchs_name_and_the_institutions_name_and_district() {
            finalisedBatch();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(filed());
        }

        @Test
        void copies_names_and_district_from_the_latest_calculation_data() {
            history.batch(BATCH, batchCreated(), imported(),
                    imported(institution(H001, "武汉市第一医院（总院）", WUCHANG)));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(matches((AppealFiled e) ->
                            e.institutionName().equals("武汉市第一医院（总院）") && e.district().equals(WUCHANG)
                                    && e.batchName().equals(BATCH_NAME)), andNoMore())));
        }

        @Test
        void records_the_texts_stripped_and_the_evidence_with_type_and_digest_in_lower_case() {
            finalisedBatch();
            EvidenceFile scan = new EvidenceFile("f2", "  扫描件.PNG ", 1, "Image/PNG", SHA.toUpperCase());
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, " \u3000留用金额有误\t", "\n第3行的中选产品采购金额与医院账目不符。\u3000 ",
                            List.of(pdf("f1"), scan)))
                    .expectEvents(new AppealFiled(APPEAL, BATCH, BATCH_NAME, H001, H001_NAME, JIANGAN, "留用金额有误",
                            "第3行的中选产品采购金额与医院账目不符。",
                            List.of(pdf("f1"), new EvidenceFile("f2", "扫描件.PNG", 1, "image/png", SHA)),
                            "h001.user", NOW));
        }

        @Test
        void needs_no_evidence() {
            finalisedBatch();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of()))
                    .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(null))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((AppealFiled e) -> e.evidence().isEmpty()), andNoMore())));
        }
    }

    @Nested
    class The_batch {

        @Test
        void must_exist() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectNoEvents()
                    .expectException(refused("UNKNOWN_BATCH", Map.of("batchCode", BATCH)));
        }

        @Test
        void must_be_a_retention_batch_not_a_procurement_batch_of_the_same_code() {
            history.record("ProcurementBatch", BATCH, new ProcurementBatchCreated(BATCH, "集采批次", FINALISED,
                    FINALISED.plusSeconds(60), null, null, "admin", FINALISED));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectException(violation("UNKNOWN_BATCH"));
        }

        @Test
        void must_be_named() {
            fixture.givenNoPriorActivity()
                    .when(new FileAppeal(APPEAL, " ", H001, "标题", "内容",
                            List.of(), "h001.user"))
                    .expectException(violation("UNKNOWN_BATCH"));
        }

        @Test
        void must_hold_the_institution_in_its_calculation_data() {
            finalisedBatch();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H003, "标题", "内容", List.of()))
                    .expectNoEvents()
                    .expectException(refused("NOT_A_PARTICIPANT", Map.of("batchCode", BATCH, "institutionCode", H003)));
        }

        @Test
        void must_hold_the_institution_in_its_current_calculation_data_not_an_earlier_one() {
            history.batch(BATCH, batchCreated(), imported(), imported(institution(H002, "武昌医院", WUCHANG)));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectException(violation("NOT_A_PARTICIPANT"));
        }

        @Test
        void without_calculation_data_has_no_participants() {
            history.batch(BATCH, batchCreated());
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectException(violation("NOT_A_PARTICIPANT"));
        }
    }

    @Nested
    class The_appeal_period {

        @Test
        void has_not_begun_to_run_before_the_batch_is_finalised() {
            history.batch(BATCH, batchCreated(), imported());
            clock.set(FINALISED.plus(Duration.ofDays(400)));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void is_open_until_just_before_30_days_after_finalising() {
            finalisedBatch();
            clock.set(DEADLINE.minusNanos(1));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void is_over_at_exactly_30_days_after_finalising() {
            finalisedBatch();
            clock.set(DEADLINE);
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectNoEvents()
                    .expectException(refused("APPEAL_PERIOD_OVER", Map.of("finalisedAt", FINALISED.toString(),
                            "deadline", DEADLINE.toString(), "round", 1, "windowDays", 30)));
        }

        @Test
        void starts_again_with_a_recalculation() {
            Instant recalculated = FINALISED.plus(Duration.ofDays(20));
            history.batch(BATCH, batchCreated(), imported(), finalised(FINALISED), recalculated(2, recalculated));
            clock.set(DEADLINE);
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectSuccessfulHandlerExecution();
            clock.set(recalculated.plus(Duration.ofDays(30)));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectException(refused("APPEAL_PERIOD_OVER", Map.of("finalisedAt", recalculated.toString(),
                            "deadline", recalculated.plus(Duration.ofDays(30)).toString(), "round", 2)));
        }

        @Test
        void lasts_as_many_days_as_configured() {
            finalisedBatch();
            FixtureConfiguration<Appeal> sevenDays = fixture(new AppealPeriod(7));
            clock.set(FINALISED.plus(Duration.ofDays(7)).minusNanos(1));
            sevenDays.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectSuccessfulHandlerExecution();
            clock.set(FINALISED.plus(Duration.ofDays(7)));
            sevenDays.givenNoPriorActivity()
                    .when(fileAppeal())
                    .expectException(refused("APPEAL_PERIOD_OVER", Map.of("windowDays", 7)));
        }
    }

    @Nested
    class The_texts {

        @BeforeEach
        void batch() {
            finalisedBatch();
        }

        @Test
        void a_title_of_100_characters_is_accepted_and_of_101_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, chars(100), "内容", List.of()))
                    .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, chars(101), "内容", List.of()))
                    .expectNoEvents()
                    .expectException(refused("INVALID_TITLE", Map.of("length", 101, "max", 100)));
        }

        @Test
        void characters_are_counted_as_people_count_them() {
            // U+20BB7 𠮷 is one character in two UTF-16 units
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, "\uD842\uDFB7".repeat(100), "内容", List.of()))
                    .expectSuccessfulHandlerExecution();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\u3000\u3000", "\t\n"})
        void an_empty_or_blank_title_is_refused(String title) {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, title, "内容", List.of()))
                    .expectException(refused("INVALID_TITLE", Map.of("length", 0)));
        }

        @Test
        void a_missing_title_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, null, "内容", List.of()))
                    .expectException(violation("INVALID_TITLE"));
        }

        @Test
        void a_title_is_one_line() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, "留用金额\n有误", "内容", List.of()))
                    .expectException(violation("INVALID_TITLE"));
        }

        @Test
        void content_of_2000_characters_is_accepted_and_of_2001_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, "标题", chars(2000), List.of()))
                    .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, "标题", chars(2001), List.of()))
                    .expectException(refused("INVALID_CONTENT", Map.of("length", 2001, "max", 2000)));
        }

        @Test
        void empty_content_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, "标题", " \n ", List.of()))
                    .expectException(violation("INVALID_CONTENT"));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(H001, "标题", null, List.of()))
                    .expectException(violation("INVALID_CONTENT"));
        }
    }

    @Nested
    class The_evidence {

        private static final long MIB_10 = 10L * 1024 * 1024;

        @BeforeEach
        void batch() {
            finalisedBatch();
        }

        private List<EvidenceFile> pdfs(int n) {
            List<EvidenceFile> files = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                files.add(pdf("f" + i));
            }
            return files;
        }

        @Test
        void ten_files_are_accepted_and_eleven_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(pdfs(10)))
                    .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(pdfs(11)))
                    .expectNoEvents()
                    .expectException(refused("TOO_MANY_EVIDENCE_FILES", Map.of("files", 11, "maxFiles", 10)));
        }

        @Test
        void a_file_of_10_MiB_is_accepted_and_one_byte_more_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", MIB_10, "application/pdf", SHA))))
                    .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(pdf("f1"), file("f2", MIB_10 + 1, "application/pdf", SHA))))
                    .expectException(refused("EVIDENCE_TOO_LARGE",
                            Map.of("file", 2, "size", MIB_10 + 1, "maxBytes", MIB_10)));
        }

        @Test
        void an_empty_file_is_refused_and_a_file_of_one_byte_accepted() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", 0, "application/pdf", SHA))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("file", 1, "problem", "EMPTY")));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", 1, "application/pdf", SHA))))
                    .expectSuccessfulHandlerExecution();
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/pdf", "image/jpeg", "image/png",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
        void pdf_jpeg_png_xlsx_and_docx_are_accepted(String type) {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", 100, type, SHA))))
                    .expectSuccessfulHandlerExecution();
        }

        @ParameterizedTest
        @ValueSource(strings = {"application/zip", "application/x-msdownload", "text/html", "image/gif",
                "application/msword", "application/octet-stream", ""})
        void other_types_are_refused(String type) {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", 100, type, SHA))))
                    .expectException(refused("UNSUPPORTED_EVIDENCE_TYPE", Map.of("file", 1, "contentType", type)));
        }

        @Test
        void a_file_without_a_detected_type_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", 100, null, SHA))))
                    .expectException(violation("UNSUPPORTED_EVIDENCE_TYPE"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "abc",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a081",
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g",
                " 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"})
        void a_digest_that_is_not_64_hexadecimal_digits_is_refused(String sha256) {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", 100, "application/pdf", sha256))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("problem", "INVALID_SHA256")));
        }

        @Test
        void a_file_without_a_digest_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file("f1", 100, "application/pdf", null))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("problem", "INVALID_SHA256")));
        }

        @Test
        void each_file_needs_an_id_of_its_own() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(file(" ", 100, "application/pdf", SHA))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("problem", "MISSING_FILE_ID")));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(Arrays.asList(pdf("f1"), null)))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("file", 2, "problem", "MISSING_FILE_ID")));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(pdf("f1"), pdf("f2"), pdf("f1"))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("file", 3, "problem", "DUPLICATE_FILE")));
        }

        @Test
        void each_file_needs_a_name_of_at_most_255_characters() {
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(new EvidenceFile("f1", " ", 100, "application/pdf", SHA))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("problem", "INVALID_NAME")));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(new EvidenceFile("f1", null, 100, "application/pdf", SHA))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("problem", "INVALID_NAME")));
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(new EvidenceFile("f1", chars(251) + ".pdf", 100, "application/pdf",
                            SHA))))
                    .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                    .when(fileAppeal(List.of(new EvidenceFile("f1", chars(252) + ".pdf", 100, "application/pdf",
                            SHA))))
                    .expectException(refused("INVALID_EVIDENCE", Map.of("problem", "INVALID_NAME")));
        }
    }

    @Test
    void an_institution_files_for_itself_whatever_others_of_the_batch_do() {
        finalisedBatch();
        fixture.givenNoPriorActivity()
                .when(fileAppeal(H002, "标题", "内容", List.of()))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(matches((AppealFiled e) ->
                        e.institutionCode().equals(H002) && e.district().equals(WUCHANG)), andNoMore())));
    }
}
