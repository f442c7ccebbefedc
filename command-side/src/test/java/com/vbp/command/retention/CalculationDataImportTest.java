package com.vbp.command.retention;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RefusalMatchers.Problem;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.invalidRows;
import static com.vbp.command.common.RefusalMatchers.problem;
import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.command.retention.RetentionTestData.AMLODIPINE;
import static com.vbp.command.retention.RetentionTestData.ATORVASTATIN;
import static com.vbp.command.retention.RetentionTestData.BATCH;
import static com.vbp.command.retention.RetentionTestData.CLOSES;
import static com.vbp.command.retention.RetentionTestData.H001;
import static com.vbp.command.retention.RetentionTestData.H002;
import static com.vbp.command.retention.RetentionTestData.IMPORTED_AT;
import static com.vbp.command.retention.RetentionTestData.JIANG_AN;
import static com.vbp.command.retention.RetentionTestData.NOW;
import static com.vbp.command.retention.RetentionTestData.OPENS;
import static com.vbp.command.retention.RetentionTestData.created;
import static com.vbp.command.retention.RetentionTestData.figures;
import static com.vbp.command.retention.RetentionTestData.finalised;
import static com.vbp.command.retention.RetentionTestData.h001Amlodipine;
import static com.vbp.command.retention.RetentionTestData.h001Atorvastatin;
import static com.vbp.command.retention.RetentionTestData.h001Calculation;
import static com.vbp.command.retention.RetentionTestData.h002;
import static com.vbp.command.retention.RetentionTestData.h002Calculation;
import static com.vbp.command.retention.RetentionTestData.imported;
import static com.vbp.command.retention.RetentionTestData.importing;
import static com.vbp.command.retention.RetentionTestData.row;
import static com.vbp.command.retention.RetentionTestData.selfAssessment;
import static com.vbp.command.retention.RetentionTestData.standardRows;

/**
 * Given/when/then tests of importing the calculation data (测算数据, FILES.md): the whole file is checked, every
 * bad row is named with its column title, an accepted file replaces the earlier data, and nothing is imported
 * after finalising.
 */
class CalculationDataImportTest {

    private final MutableClock clock = new MutableClock(IMPORTED_AT);
    private FixtureConfiguration<RetentionBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RetentionBatch.class);
        fixture.registerInjectableResource(clock);
    }

    @Test
    void an_accepted_file_records_the_institutions_with_their_varieties() {
        fixture.given(created())
                .when(importing(standardRows()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(imported());
    }

    @Test
    void rows_are_grouped_per_institution_in_the_order_of_its_first_row_and_kept_without_blanks() {
        CalculationRow h001First = row(2).with(r -> r.code(" H001 ").name(" 武汉市第一医院").district("420102 ")
                .variety(ATORVASTATIN + " ")).build();
        CalculationRow h001Second = h001Amlodipine(4);
        fixture.given(created())
                .when(importing(h001First, h002(3), h001Second))
                .expectEvents(new CalculationDataImported(BATCH, List.of(
                        new InstitutionCalculation(H001, "武汉市第一医院", JIANG_AN, new BigDecimal("0.7"),
                                List.of(figures(h001Atorvastatin(2)), figures(h001Second))),
                        h002Calculation()), "admin", IMPORTED_AT));
    }

    @Test
    void an_empty_file_is_refused() {
        fixture.given(created())
                .when(importing(List.of()))
                .expectNoEvents()
                .expectException(violation("EMPTY_FILE"));
        fixture.given(created())
                .when(importing((List<CalculationRow>) null))
                .expectNoEvents()
                .expectException(violation("EMPTY_FILE"));
    }

    static Stream<Arguments> badRows() {
        return Stream.of(
                bad("机构编码 missing", r -> r.code(null), problem(2, "机构编码", RowCode.MISSING, "missing")),
                bad("机构编码 blank", r -> r.code("  "), problem(2, "机构编码", RowCode.MISSING, "missing")),
                bad("机构名称 missing", r -> r.name(" "), problem(2, "机构名称", RowCode.MISSING, "missing")),
                bad("所属区县 missing", r -> r.district(null), problem(2, "所属区县", RowCode.MISSING, "missing")),
                bad("职保占比 missing", r -> r.share(null), problem(2, "职保占比", RowCode.MISSING, "missing")),
                bad("职保占比 below 0", r -> r.share("-0.01"), problem(2, "职保占比", RowCode.OUT_OF_RANGE, "out of range")),
                bad("职保占比 above 1", r -> r.share("1.0001"), problem(2, "职保占比", RowCode.OUT_OF_RANGE, "out of range")),
                bad("品种名称 missing", r -> r.variety(""), problem(2, "品种名称", RowCode.MISSING, "missing")),
                bad("约定采购量 missing", r -> r.agreedVolume(null), problem(2, "约定采购量", RowCode.MISSING, "missing")),
                bad("约定采购量 negative", r -> r.agreed(-1), problem(2, "约定采购量", RowCode.OUT_OF_RANGE, "out of range")),
                bad("集采前单价 missing", r -> r.prePrice(null), problem(2, "集采前单价", RowCode.MISSING, "missing")),
                bad("集采前单价 negative", r -> r.prePrice("-0.0001"), problem(2, "集采前单价", RowCode.OUT_OF_RANGE, "out of range")),
                bad("中选产品采购量 missing", r -> r.selectedVolume(null), problem(2, "中选产品采购量", RowCode.MISSING, "missing")),
                bad("中选产品采购量 negative", r -> r.selectedVolume(Volume.of(-5)),
                        problem(2, "中选产品采购量", RowCode.OUT_OF_RANGE, "out of range")),
                bad("中选产品采购金额 missing", r -> r.selectedAmount(null), problem(2, "中选产品采购金额", RowCode.MISSING, "missing")),
                bad("中选产品采购金额 negative", r -> r.selectedAmount("-0.01"),
                        problem(2, "中选产品采购金额", RowCode.OUT_OF_RANGE, "out of range")),
                bad("非中选产品采购量 missing", r -> r.nonSelectedVolume(null),
                        problem(2, "非中选产品采购量", RowCode.MISSING, "missing")),
                bad("非中选产品采购量 negative", r -> r.nonSelectedVolume(Volume.of(-1)),
                        problem(2, "非中选产品采购量", RowCode.OUT_OF_RANGE, "out of range")),
                bad("非中选产品采购金额 missing", r -> r.nonSelectedAmount(null),
                        problem(2, "非中选产品采购金额", RowCode.MISSING, "missing")),
                bad("非中选产品采购金额 negative", r -> r.nonSelectedAmount("-100"),
                        problem(2, "非中选产品采购金额", RowCode.OUT_OF_RANGE, "out of range")),
                bad("every problem of one row", r -> r.name(null).share("2").agreed(-1).prePrice(null),
                        problem(2, "机构名称", RowCode.MISSING), problem(2, "职保占比", RowCode.OUT_OF_RANGE), problem(2, "约定采购量", RowCode.OUT_OF_RANGE),
                        problem(2, "集采前单价", RowCode.MISSING)));
    }

    private static Arguments bad(String why, UnaryOperator<RetentionTestData.Row> change, Problem... problems) {
        return Arguments.of(why, change, problems);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badRows")
    void a_bad_row_is_named_with_its_column_and_nothing_is_imported(String why,
                                                                   UnaryOperator<RetentionTestData.Row> change,
                                                                   Problem[] problems) {
        fixture.given(created())
                .when(importing(row(2).with(change).build(), h001Amlodipine(3), h002(4)))
                .expectNoEvents()
                .expectException(invalidRows(problems));
    }

    @Test
    void the_same_variety_twice_for_one_institution_is_a_duplicate_row() {
        CalculationRow again = row(4).with(r -> r.code(" H001").variety(" " + ATORVASTATIN)).build();
        fixture.given(created())
                .when(importing(h001Atorvastatin(2), h001Amlodipine(3), again))
                .expectNoEvents()
                .expectException(invalidRows(problem(4, "品种名称", RowCode.DUPLICATE, "duplicate")));
    }

    @Test
    void the_same_variety_for_two_institutions_is_not_a_duplicate() {
        fixture.given(created())
                .when(importing(h001Atorvastatin(2), h002(3)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CalculationDataImported(BATCH, List.of(
                        new InstitutionCalculation(H001, "武汉市第一医院", JIANG_AN, new BigDecimal("0.7"),
                                List.of(figures(h001Atorvastatin(2)))),
                        new InstitutionCalculation(H002, "武汉市中医医院", JIANG_AN, new BigDecimal("0.6"),
                                List.of(figures(h002(3))))), "admin", IMPORTED_AT));
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                bad("another 机构名称", r -> r.name("武汉市一医院"), problem(3, "机构名称", RowCode.CONFLICTING, "conflicting")),
                bad("another 所属区县", r -> r.district("420103"), problem(3, "所属区县", RowCode.CONFLICTING, "conflicting")),
                bad("another 职保占比", r -> r.share("0.8"), problem(3, "职保占比", RowCode.CONFLICTING, "conflicting")),
                bad("all three", r -> r.name("武汉市一医院").district("420103").share("0.69"),
                        problem(3, "机构名称", RowCode.CONFLICTING), problem(3, "所属区县", RowCode.CONFLICTING), problem(3, "职保占比", RowCode.CONFLICTING)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("conflicts")
    void an_institution_must_have_the_same_name_district_and_employee_share_on_all_its_rows(
            String why, UnaryOperator<RetentionTestData.Row> change, Problem[] problems) {
        CalculationRow second = row(3).with(r -> r.variety(AMLODIPINE)).with(change).build();
        fixture.given(created())
                .when(importing(h001Atorvastatin(2), second))
                .expectNoEvents()
                .expectException(invalidRows(problems));
    }

    @Test
    void an_out_of_range_employee_share_is_named_once_not_again_as_a_conflict() {
        CalculationRow first = row(2).with(r -> r.share("1.5")).build();
        CalculationRow second = row(3).with(r -> r.variety(AMLODIPINE)).build();
        fixture.given(created())
                .when(importing(first, second))
                .expectException(invalidRows(problem(2, "职保占比", RowCode.OUT_OF_RANGE, "out of range")));
    }

    @Test
    void the_same_employee_share_written_differently_is_no_conflict() {
        CalculationRow second = row(3).with(r -> r.variety(AMLODIPINE).share("0.70")).build();
        fixture.given(created())
                .when(importing(h001Atorvastatin(2), second))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void every_bad_row_of_the_file_is_named() {
        fixture.given(created())
                .when(importing(
                        row(2).with(r -> r.share("-1")).build(),
                        h001Amlodipine(3),
                        row(4).with(r -> r.variety(AMLODIPINE).prePrice("-1")).build(), // and a duplicate of row 3
                        h002(5),
                        row(6).with(r -> r.institution("H003", "武汉市汉口医院", null)).build(),
                        row(7).with(r -> r.institution(H002, "武汉市中医医院", JIANG_AN).share("0.6")
                                .selectedAmount("-3")).build()))
                .expectNoEvents()
                .expectException(invalidRows(
                        problem(2, "职保占比", RowCode.OUT_OF_RANGE, "out of range"),
                        problem(4, "集采前单价", RowCode.OUT_OF_RANGE, "out of range"),
                        problem(4, "品种名称", RowCode.DUPLICATE, "duplicate"),
                        problem(6, "所属区县", RowCode.MISSING, "missing"),
                        problem(7, "中选产品采购金额", RowCode.OUT_OF_RANGE, "out of range"),
                        problem(7, "品种名称", RowCode.DUPLICATE, "duplicate")));
    }

    @Test
    void zero_volumes_amounts_and_employee_shares_of_0_and_1_are_accepted() {
        CalculationRow zeros = row(2).with(r -> r.share("0").agreed(0).prePrice("0").selected(0, "0")
                .nonSelected(0, "0.00")).build();
        CalculationRow allEmployee = row(3).with(r -> r.institution(H002, "武汉市中医医院", JIANG_AN).share("1")).build();
        fixture.given(created())
                .when(importing(zeros, allEmployee))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_later_import_replaces_the_earlier_data_whole() {
        fixture.given(created(), imported())
                .when(importing(h001Atorvastatin(2), h001Amlodipine(3)))
                .expectEvents(imported(h001Calculation()));
        // H002 was in the earlier data only: it is no longer known
        clock.set(NOW);
        fixture.given(created(), imported(), imported(h001Calculation()))
                .when(selfAssessment(H002, "90"))
                .expectNoEvents()
                .expectException(violation("UNKNOWN_INSTITUTION"));
    }

    @Test
    void data_may_be_imported_before_the_window_opens_and_after_it_closed() {
        clock.set(OPENS.minusSeconds(1));
        fixture.given(created())
                .when(importing(standardRows()))
                .expectSuccessfulHandlerExecution();
        clock.set(CLOSES.plusSeconds(86_400));
        fixture.given(created(), imported())
                .when(importing(standardRows()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void no_data_is_imported_after_finalising() {
        fixture.given(created(), imported(), finalised(3, "0.00"))
                .when(importing(standardRows()))
                .expectNoEvents()
                .expectException(violation("ALREADY_FINALISED"));
    }
}
