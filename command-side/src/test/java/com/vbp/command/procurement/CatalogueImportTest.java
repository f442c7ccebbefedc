package com.vbp.command.procurement;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
import static com.vbp.command.procurement.BatchTestData.NOW;
import static com.vbp.command.procurement.BatchTestData.OPENS;
import static com.vbp.command.procurement.BatchTestData.batchCreated;
import static com.vbp.command.procurement.BatchTestData.catalogueImported;
import static com.vbp.command.procurement.BatchTestData.catalogueProducts;
import static com.vbp.command.procurement.BatchTestData.catalogueRows;
import static com.vbp.command.procurement.BatchTestData.d001;
import static com.vbp.command.procurement.BatchTestData.d002;
import static com.vbp.command.procurement.BatchTestData.d003;
import static org.hamcrest.Matchers.containsString;

/**
 * Given/when/then tests of importing the winning-product catalogue (中选产品目录) into a batch.
 * Each bad-row test changes one cell of an otherwise valid row 3 and expects exactly that cell named.
 */
class CatalogueImportTest {

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<ProcurementBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProcurementBatch.class);
        fixture.registerInjectableResource(clock);
    }

    private static ImportCatalogue importing(List<CatalogueRow> rows) {
        return new ImportCatalogue(BATCH, rows, "admin");
    }

    /** The standard catalogue with row 3 (D002) changed. */
    private static ImportCatalogue withRow3(UnaryOperator<BatchTestData.ProductBuilder> change) {
        return importing(List.of(d001().row(2), change.apply(d002()).row(3), d003().row(4)));
    }

    private void assertRow3Refused(UnaryOperator<BatchTestData.ProductBuilder> change, String column, RowCode code) {
        fixture.given(batchCreated())
                .when(withRow3(change))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("INVALID_ROWS"))
                .expectException(invalidRows(problem(3, column, code)))
                .expectNoEvents();
    }

    // ---- accepted ----

    @Test
    void an_accepted_catalogue_is_recorded_whole_with_every_product_in_file_order() {
        fixture.given(batchCreated())
                .when(importing(catalogueRows()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CatalogueImported(BATCH, catalogueProducts(), "admin", NOW));
    }

    @Test
    void a_catalogue_may_be_imported_before_the_allocation_window_opens() {
        clock.set(OPENS.minusSeconds(86_000));
        fixture.given(batchCreated())
                .when(importing(catalogueRows()))
                .expectEvents(new CatalogueImported(BATCH, catalogueProducts(), "admin", OPENS.minusSeconds(86_000)));
    }

    @Test
    void a_second_catalogue_replaces_the_first() {
        List<CatalogueRow> replacement = List.of(d001().packagePrice("11.8000").row(2), d003().row(3));
        fixture.given(batchCreated(), catalogueImported())
                .when(importing(replacement))
                .expectEvents(new CatalogueImported(BATCH,
                        replacement.stream().map(CatalogueRow::product).toList(), "admin", NOW));
    }

    @Test
    void bounds_are_accepted_price_with_4_decimals_reduction_0_and_100_capacity_0() {
        List<CatalogueRow> rows = List.of(
                d001().packagePrice("0.0001").reduction("0").maxCapacity(0).row(2),
                d002().packagePrice("18.12340").reduction("100").dailyUsage("0.5").packageQuantity(1).row(3));
        fixture.given(batchCreated())
                .when(importing(rows))
                .expectEvents(new CatalogueImported(BATCH, rows.stream().map(CatalogueRow::product).toList(),
                        "admin", NOW));
    }

    // ---- refused as a whole ----

    @Test
    void a_catalogue_without_rows_is_refused_as_an_empty_file() {
        fixture.given(batchCreated())
                .when(importing(List.of()))
                .expectException(violation("EMPTY_FILE"))
                .expectExceptionMessage(containsString("EMPTY_FILE"))
                .expectNoEvents();
    }

    @Test
    void a_catalogue_with_no_row_list_is_refused_as_an_empty_file() {
        fixture.given(batchCreated())
                .when(importing(null))
                .expectException(violation("EMPTY_FILE"))
                .expectNoEvents();
    }

    @Test
    void the_catalogue_is_locked_once_demand_lines_are_imported() {
        fixture.given(batchCreated(), catalogueImported(),
                        new DemandsImported(BATCH, List.of("H001"), 1, "admin", NOW.minusSeconds(60)))
                .when(importing(catalogueRows()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("CATALOGUE_LOCKED"))
                .expectNoEvents();
    }

    @Test
    void a_catalogue_is_refused_when_the_window_closes_at_that_very_instant() {
        clock.set(CLOSES);
        fixture.given(batchCreated())
                .when(importing(catalogueRows()))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("WINDOW_CLOSED"))
                .expectNoEvents();
    }

    @Test
    void a_catalogue_is_refused_after_the_window_closed() {
        clock.set(CLOSES.plusSeconds(3_600));
        fixture.given(batchCreated())
                .when(importing(catalogueRows()))
                .expectException(violation("WINDOW_CLOSED"))
                .expectNoEvents();
    }

    @Test
    void a_catalogue_one_second_before_the_window_closes_is_accepted() {
        clock.set(CLOSES.minusSeconds(1));
        fixture.given(batchCreated())
                .when(importing(catalogueRows()))
                .expectEvents(new CatalogueImported(BATCH, catalogueProducts(), "admin", CLOSES.minusSeconds(1)));
    }

    // ---- bad rows: INVALID_ROWS naming the row and the column title ----

    static Stream<Arguments> missingTexts() {
        return Stream.of(
                Arguments.of("产品组编码", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.groupCode(null)),
                Arguments.of("产品组名称", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.groupName(" ")),
                Arguments.of("药品统一编码", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.drugCode("")),
                Arguments.of("品种名称", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.variety(null)),
                Arguments.of("剂型", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.dosageForm("")),
                Arguments.of("规格", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.specification(null)),
                Arguments.of("企业名称", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.enterprise(" ")),
                Arguments.of("最小制剂单位", (UnaryOperator<BatchTestData.ProductBuilder>) p -> p.minUnit(null)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("missingTexts")
    void a_row_missing_a_text_is_refused_naming_its_row_and_column(String column,
                                                                   UnaryOperator<BatchTestData.ProductBuilder> change) {
        assertRow3Refused(change, column, RowCode.MISSING);
    }

    @ParameterizedTest(name = "[{index}] price {0}")
    @ValueSource(strings = {"0", "0.0000", "-12.5"})
    void a_package_price_of_zero_or_less_is_refused(String price) {
        assertRow3Refused(p -> p.packagePrice(price), "包装中选价(元)", RowCode.OUT_OF_RANGE);
    }

    @Test
    void a_row_without_a_package_price_is_refused() {
        assertRow3Refused(p -> p.packagePrice(null), "包装中选价(元)", RowCode.MISSING);
    }

    @Test
    void a_package_price_with_five_decimals_is_refused() {
        fixture.given(batchCreated())
                .when(withRow3(p -> p.packagePrice("18.12345")))
                .expectException(invalidRows(problem(3, "包装中选价(元)", RowCode.TOO_MANY_DECIMALS, "4 decimal")))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "[{index}] quantity {0}")
    @ValueSource(ints = {0, -24})
    void a_package_quantity_of_zero_or_less_is_refused(int quantity) {
        assertRow3Refused(p -> p.packageQuantity(quantity), "最小包装数量", RowCode.OUT_OF_RANGE);
    }

    @ParameterizedTest(name = "[{index}] daily usage {0}")
    @ValueSource(strings = {"0", "-0.5"})
    void a_daily_usage_of_zero_or_less_is_refused(String usage) {
        assertRow3Refused(p -> p.dailyUsage(usage), "日均使用量", RowCode.OUT_OF_RANGE);
    }

    @Test
    void a_row_without_a_daily_usage_is_refused() {
        assertRow3Refused(p -> p.dailyUsage(null), "日均使用量", RowCode.MISSING);
    }

    @ParameterizedTest(name = "[{index}] reduction {0}")
    @ValueSource(strings = {"-0.01", "-5", "100.01", "150"})
    void a_price_reduction_below_0_or_above_100_percent_is_refused(String reduction) {
        assertRow3Refused(p -> p.reduction(reduction), "降幅(%)", RowCode.OUT_OF_RANGE);
    }

    @Test
    void a_row_without_a_price_reduction_is_refused() {
        assertRow3Refused(p -> p.reduction(null), "降幅(%)", RowCode.MISSING);
    }

    @Test
    void a_negative_capacity_is_refused() {
        assertRow3Refused(p -> p.maxCapacity(-1L), "最大产能", RowCode.OUT_OF_RANGE);
    }

    @Test
    void a_row_without_a_capacity_is_refused() {
        assertRow3Refused(p -> p.maxCapacity((Long) null), "最大产能", RowCode.MISSING);
    }

    @Test
    void a_duplicate_drug_code_is_refused_on_the_later_row_naming_the_first() {
        fixture.given(batchCreated())
                .when(withRow3(p -> p.drugCode(D001)))
                .expectException(invalidRows(problem(3, "药品统一编码", RowCode.DUPLICATE, "row 2")))
                .expectNoEvents();
    }

    @Test
    void a_product_group_code_with_two_different_names_is_refused_on_the_later_row() {
        fixture.given(batchCreated())
                .when(withRow3(p -> p.groupName("连花清瘟颗粒组")))
                .expectException(invalidRows(problem(3, "产品组名称", RowCode.CONFLICTING, "连花清瘟组")))
                .expectNoEvents();
    }

    @Test
    void every_bad_row_of_a_refused_catalogue_is_named() {
        List<CatalogueRow> rows = List.of(
                d001().packagePrice("0").row(2),
                d002().row(3),
                d003().reduction("101").maxCapacity(-5L).row(4),
                d003().drugCode(D001).enterprise("").row(5));
        fixture.given(batchCreated())
                .when(importing(rows))
                .expectException(invalidRows(
                        problem(2, "包装中选价(元)", RowCode.OUT_OF_RANGE),
                        problem(4, "降幅(%)", RowCode.OUT_OF_RANGE),
                        problem(4, "最大产能", RowCode.OUT_OF_RANGE),
                        problem(5, "药品统一编码", RowCode.DUPLICATE, "row 2"),
                        problem(5, "企业名称", RowCode.MISSING)))
                .expectNoEvents();
    }

    @Test
    void cells_the_gateway_could_not_read_are_answered_with_the_problems_of_the_readable_rows() {
        RowProblem unreadable = new RowProblem(3, "包装中选价(元)", RowCode.DATE_NOT_NUMBER, "a date, not a number");
        fixture.given(batchCreated())
                .when(new ImportCatalogue(BATCH, List.of(d001().row(2), d003().drugCode(D001).row(4)),
                        List.of(unreadable), "admin"))
                .expectException(invalidRows(
                        problem(3, "包装中选价(元)", RowCode.DATE_NOT_NUMBER),
                        problem(4, "药品统一编码", RowCode.DUPLICATE, "row 2")))
                .expectNoEvents();
    }

    @Test
    void a_file_whose_every_row_has_a_bad_cell_is_refused_for_its_rows_not_as_empty() {
        fixture.given(batchCreated())
                .when(new ImportCatalogue(BATCH, List.of(),
                        List.of(new RowProblem(2, "最大产能", RowCode.NOT_A_NUMBER, "not a number")), "admin"))
                .expectException(invalidRows(problem(2, "最大产能", RowCode.NOT_A_NUMBER)))
                .expectNoEvents();
    }
}
