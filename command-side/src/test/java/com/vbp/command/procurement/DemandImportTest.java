package com.vbp.command.procurement;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.invalidRows;
import static com.vbp.command.common.RefusalMatchers.problem;
import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.command.procurement.BatchTestData.BATCH;
import static com.vbp.command.procurement.BatchTestData.CLOSES;
import static com.vbp.command.procurement.BatchTestData.D001;
import static com.vbp.command.procurement.BatchTestData.D002;
import static com.vbp.command.procurement.BatchTestData.D003;
import static com.vbp.command.procurement.BatchTestData.G01;
import static com.vbp.command.procurement.BatchTestData.G02;
import static com.vbp.command.procurement.BatchTestData.N001;
import static com.vbp.command.procurement.BatchTestData.N002;
import static com.vbp.command.procurement.BatchTestData.NOW;
import static com.vbp.command.procurement.BatchTestData.batchCreated;
import static com.vbp.command.procurement.BatchTestData.catalogueImported;
import static com.vbp.command.procurement.BatchTestData.d003;
import static com.vbp.command.procurement.BatchTestData.pending;
import static com.vbp.command.procurement.BatchTestData.selected;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.hamcrest.Matchers.containsString;

/**
 * Given/when/then tests of importing institutions' demand lines (医疗机构需求) into a batch. An accepted
 * file records {@code DemandsImported} on the batch and spawns one {@code InstitutionAllocation} per
 * institution with {@code createNew}. Axon 4.13's fixture records the spawned aggregates' events in the
 * same list, so their payloads are expected here too; but it creates spawned aggregates as plain
 * {@code AnnotatedAggregate}s, so their events arrive as {@code GenericEventMessage}s without aggregate
 * type, identifier or sequence number. Those are checked in
 * {@code com.vbp.command.allocation.InstitutionAllocationTest} against a real event-sourcing repository.
 */
class DemandImportTest {

    private static final String H001_NAME = "武汉市第一医院";
    private static final String H002_NAME = "武汉市中医医院";

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<ProcurementBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProcurementBatch.class);
        fixture.registerInjectableResource(clock);
    }

    private static ImportDemands importing(List<DemandRow> rows) {
        return new ImportDemands(BATCH, rows, "admin");
    }

    private static ImportDemands importing(DemandRow... rows) {
        return importing(List.of(rows));
    }

    /** Row 2 is a valid 中选 line of H001 for D001; row 3 is the row under test. */
    private static ImportDemands withRow3(DemandRow row3) {
        return importing(selected("H001", G01, D001, 1000).row(2), row3);
    }

    private void assertRow3Refused(DemandRow row3, String column, String messageFragment, RowCode code) {
        fixture.given(batchCreated(), catalogueImported())
                .when(withRow3(row3))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("INVALID_ROWS"))
                .expectException(invalidRows(problem(3, column, code, messageFragment)))
                .expectNoEvents();
    }

    private static List<DemandRow> twoInstitutions() {
        return List.of(
                selected("H001", G01, D001, 1000).row(2),
                pending("H001", G01, N001, 600, "3").row(3),
                selected("H002", G02, D003, 200).variety("血塞通软胶囊").enterprise("昆明圣火药业(集团)有限公司").row(4),
                selected("H001", G02, D003, 300).variety("血塞通软胶囊").enterprise("昆明圣火药业(集团)有限公司").row(5),
                pending("H002", G01, N001, 500, "2.5").row(6),
                selected("H001", G01, D002, 150).enterprise("石家庄以岭药业股份有限公司二厂").row(7));
    }

    // ---- accepted ----

    @Test
    void an_accepted_file_registers_each_institution_with_its_selected_and_pending_lines() {
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(twoInstitutions()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new DemandsImported(BATCH, List.of("H001", "H002"), 6, "admin", NOW),
                        new InstitutionDemandRegistered(BATCH, "H001", H001_NAME, "420102",
                                List.of(
                                        new SelectedLine(D001, G01, D001, "连花清瘟胶囊", "石家庄以岭药业股份有限公司",
                                                Volume.of(1000)),
                                        new SelectedLine(D003, G02, D003, "血塞通软胶囊", "昆明圣火药业(集团)有限公司",
                                                Volume.of(300)),
                                        new SelectedLine(D002, G01, D002, "连花清瘟胶囊", "石家庄以岭药业股份有限公司二厂",
                                                Volume.of(150))),
                                List.of(new PendingLine(N001, G01, N001, "某中成药", "某未中选企业", Volume.of(600),
                                        DailyUsage.of("3"))),
                                BatchTestData.terms(), BatchTestData.winnersOf(G01, G02), NOW),
                        new InstitutionDemandRegistered(BATCH, "H002", H002_NAME, "420103",
                                List.of(new SelectedLine(D003, G02, D003, "血塞通软胶囊", "昆明圣火药业(集团)有限公司",
                                        Volume.of(200))),
                                List.of(new PendingLine(N001, G01, N001, "某中成药", "某未中选企业", Volume.of(500),
                                        DailyUsage.of("2.5"))),
                                BatchTestData.terms(), BatchTestData.winnersOf(G01, G02), NOW));
    }

    @Test
    void an_institution_with_only_pending_lines_is_registered_with_no_selected_lines() {
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(pending("H003", G02, N002, 90, "1.5").row(2)))
                .expectEvents(
                        new DemandsImported(BATCH, List.of("H003"), 1, "admin", NOW),
                        new InstitutionDemandRegistered(BATCH, "H003", "江岸区社区卫生服务中心", "420102", List.of(),
                                List.of(new PendingLine(N002, G02, N002, "某中成药", "某未中选企业", Volume.of(90),
                                        DailyUsage.of("1.5"))),
                                BatchTestData.terms(), BatchTestData.winnersOf(G02), NOW));
    }

    @Test
    void a_later_file_for_other_institutions_is_accepted() {
        fixture.given(batchCreated(), catalogueImported(),
                        new DemandsImported(BATCH, List.of("H001"), 1, "admin", NOW.minusSeconds(600)))
                .when(importing(selected("H002", G02, D003, 200).row(2)))
                .expectEventsMatching(exactSequenceOf(
                        matches((EventMessage<?> m) -> m.getPayload().equals(
                                new DemandsImported(BATCH, List.of("H002"), 1, "admin", NOW))),
                        matches((EventMessage<?> m) -> m.getPayload() instanceof InstitutionDemandRegistered r
                                && r.institutionCode().equals("H002")),
                        andNoMore()));
    }

    @Test
    void demand_lines_are_checked_against_the_latest_catalogue() {
        // The second catalogue has only group G02: G01 and its winners are gone.
        fixture.given(batchCreated(), catalogueImported(),
                        new CatalogueImported(BATCH, List.of(d003().build()), "admin", NOW.minusSeconds(60)))
                .when(importing(selected("H001", G01, D001, 1000).row(2)))
                .expectException(invalidRows(problem(2, "产品组编码", RowCode.UNKNOWN_GROUP, G01)))
                .expectNoEvents();
    }

    @Test
    void a_file_one_second_before_the_window_closes_is_accepted() {
        clock.set(CLOSES.minusSeconds(1));
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(selected("H001", G01, D001, 1000).row(2)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(exactSequenceOf(
                        matches((EventMessage<?> m) -> m.getPayload().equals(
                                new DemandsImported(BATCH, List.of("H001"), 1, "admin", CLOSES.minusSeconds(1)))),
                        matches((EventMessage<?> m) -> m.getPayload() instanceof InstitutionDemandRegistered),
                        andNoMore()));
    }

    // ---- refused as a whole ----

    @Test
    void demands_before_any_catalogue_are_refused() {
        fixture.given(batchCreated())
                .when(withRow3(selected("H001", G01, D002, 10).row(3)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("CATALOGUE_MISSING"))
                .expectNoEvents();
    }

    @Test
    void a_demand_file_without_rows_is_refused_as_an_empty_file() {
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(List.of()))
                .expectException(violation("EMPTY_FILE"))
                .expectExceptionMessage(containsString("EMPTY_FILE"))
                .expectNoEvents();
    }

    @Test
    void a_demand_file_with_no_row_list_is_refused_as_an_empty_file() {
        fixture.given(batchCreated(), catalogueImported())
                .when(importing((List<DemandRow>) null))
                .expectException(violation("EMPTY_FILE"))
                .expectNoEvents();
    }

    @Test
    void demands_are_refused_when_the_window_closes_at_that_very_instant() {
        clock.set(CLOSES);
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(twoInstitutions()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("WINDOW_CLOSED"))
                .expectNoEvents();
    }

    @Test
    void demands_are_refused_after_the_window_closed() {
        clock.set(CLOSES.plusSeconds(86_400));
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(twoInstitutions()))
                .expectException(violation("WINDOW_CLOSED"))
                .expectNoEvents();
    }

    // ---- bad rows: INVALID_ROWS naming the row and the column title ----

    @Test
    void a_line_of_an_unknown_product_group_is_refused() {
        assertRow3Refused(selected("H001", "G99", D002, 10).row(3), "产品组编码", "G99", RowCode.UNKNOWN_GROUP);
    }

    @Test
    void a_selected_line_whose_drug_is_not_a_winner_is_refused() {
        assertRow3Refused(selected("H001", G01, N001, 10).row(3), "药品统一编码", "not a winning product", RowCode.UNKNOWN_PRODUCT);
    }

    @Test
    void a_selected_line_whose_drug_wins_in_another_group_is_refused() {
        assertRow3Refused(selected("H001", G01, D003, 10).row(3), "药品统一编码", G02, RowCode.WRONG_GROUP);
    }

    @Test
    void a_pending_line_naming_a_winning_product_is_refused() {
        assertRow3Refused(pending("H001", G01, D002, 10, "2").row(3), "药品统一编码", "winning product", RowCode.WINNING_PRODUCT);
    }

    @ParameterizedTest(name = "[{index}] daily usage {0}")
    @NullSource
    @ValueSource(strings = {"0", "-1.5"})
    void a_pending_line_without_a_positive_daily_usage_is_refused(String usage) {
        assertRow3Refused(pending("H001", G01, N001, 600, "3").dailyUsage(usage).row(3), "日均使用量", "待分配", usage == null ? RowCode.MISSING : RowCode.OUT_OF_RANGE);
    }

    @ParameterizedTest(name = "[{index}] daily usage {0}")
    @ValueSource(strings = {"0", "-2"})
    void a_selected_line_with_a_daily_usage_that_is_not_positive_is_refused(String usage) {
        // 中选 lines may leave 日均使用量 empty, but a value given must be greater than 0 (FILES.md).
        assertRow3Refused(selected("H001", G01, D002, 10).dailyUsage(usage).row(3), "日均使用量", "greater than 0", RowCode.OUT_OF_RANGE);
    }

    @ParameterizedTest(name = "[{index}] volume {0}")
    @NullSource
    @ValueSource(longs = {0, -100})
    void a_volume_of_zero_or_less_is_refused(Long volume) {
        assertRow3Refused(selected("H001", G01, D002, 10).volume(volume).row(3), "需求量", null, RowCode.OUT_OF_RANGE);
    }

    static Stream<Arguments> missingTexts() {
        return Stream.of(
                Arguments.of("机构编码", (UnaryOperator<BatchTestData.DemandBuilder>) d -> d.institutionCode(" ")),
                Arguments.of("机构名称", (UnaryOperator<BatchTestData.DemandBuilder>) d -> d.institutionName(null)),
                Arguments.of("所属区县", (UnaryOperator<BatchTestData.DemandBuilder>) d -> d.district("")),
                Arguments.of("产品组编码", (UnaryOperator<BatchTestData.DemandBuilder>) d -> d.groupCode(null)),
                Arguments.of("药品统一编码", (UnaryOperator<BatchTestData.DemandBuilder>) d -> d.drugCode(" ")),
                Arguments.of("品种名称", (UnaryOperator<BatchTestData.DemandBuilder>) d -> d.variety(null)),
                Arguments.of("企业名称", (UnaryOperator<BatchTestData.DemandBuilder>) d -> d.enterprise("")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("missingTexts")
    void a_line_missing_a_text_is_refused_naming_its_row_and_column(String column,
                                                                   UnaryOperator<BatchTestData.DemandBuilder> change) {
        assertRow3Refused(change.apply(selected("H001", G01, D002, 10)).row(3), column, "missing", RowCode.MISSING);
    }

    @Test
    void a_line_without_a_kind_is_refused() {
        assertRow3Refused(selected("H001", G01, D002, 10).kind(null).row(3), "需求类型", null, RowCode.NOT_ALLOWED);
    }

    @Test
    void the_same_line_twice_in_a_file_is_refused_on_the_later_row_naming_the_first() {
        assertRow3Refused(selected("H001", G01, D001, 500).row(3), "药品统一编码", "row 2", RowCode.DUPLICATE);
    }

    @Test
    void an_institution_already_imported_by_an_earlier_file_is_refused() {
        fixture.given(batchCreated(), catalogueImported(),
                        new DemandsImported(BATCH, List.of("H001"), 1, "admin", NOW.minusSeconds(600)))
                .when(importing(selected("H002", G02, D003, 200).row(2), selected("H001", G01, D002, 10).row(3)))
                .expectException(invalidRows(problem(3, "机构编码", RowCode.DUPLICATE, "H001")))
                .expectNoEvents();
    }

    @Test
    void the_same_institution_with_two_different_names_is_refused_on_the_later_row() {
        assertRow3Refused(selected("H001", G01, D002, 10).institutionName("武汉市第一人民医院").row(3), "机构名称",
                H001_NAME, RowCode.CONFLICTING);
    }

    @Test
    void the_same_institution_in_two_different_districts_is_refused_on_the_later_row() {
        assertRow3Refused(selected("H001", G01, D002, 10).district("420103").row(3), "所属区县", "420102", RowCode.CONFLICTING);
    }

    @Test
    void every_bad_row_of_a_refused_file_is_named() {
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(
                        selected("H001", G01, D001, 1000).row(2),
                        selected("H002", G01, N001, 0).row(3),
                        pending("H002", G02, N002, 50, null).row(4),
                        selected("H001", G01, D001, 1000).row(5)))
                .expectException(invalidRows(
                        problem(3, "药品统一编码", RowCode.UNKNOWN_PRODUCT),
                        problem(3, "需求量", RowCode.OUT_OF_RANGE),
                        problem(4, "日均使用量", RowCode.MISSING),
                        problem(5, "药品统一编码", RowCode.DUPLICATE, "row 2")))
                .expectNoEvents();
    }
}
