package com.vbp.command.procurement;

import com.vbp.command.common.RefusalMatchers.Problem;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.problem;
import static com.vbp.command.procurement.BatchTestData.D001;
import static com.vbp.command.procurement.BatchTestData.catalogueRows;
import static com.vbp.command.procurement.BatchTestData.d001;
import static com.vbp.command.procurement.BatchTestData.d002;
import static com.vbp.command.procurement.BatchTestData.d003;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules of {@link CatalogueRules} as a table: rows in, the exact (row, column) problems out. */
class CatalogueRulesTest {

    private static Arguments ok(String why, List<CatalogueRow> rows) {
        return Arguments.of(why, rows, new Problem[0]);
    }

    private static Arguments bad(String why, List<CatalogueRow> rows, Problem... expected) {
        return Arguments.of(why, rows, expected);
    }

    private static Arguments badRow2(String why, BatchTestData.ProductBuilder product, String column, RowCode code) {
        return bad(why, List.of(product.row(2)), problem(2, column, code));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                ok("the standard catalogue: two groups, three winners", catalogueRows()),
                ok("one product", List.of(d001().row(2))),
                ok("price with 4 decimals", List.of(d001().packagePrice("0.0001").row(2))),
                ok("price with trailing zeros beyond 4 places", List.of(d001().packagePrice("12.500000").row(2))),
                ok("whole price", List.of(d001().packagePrice("30").row(2))),
                ok("reduction 0", List.of(d001().reduction("0").row(2))),
                ok("reduction 100", List.of(d001().reduction("100").row(2))),
                ok("capacity 0", List.of(d001().maxCapacity(0).row(2))),
                ok("package quantity 1", List.of(d001().packageQuantity(1).row(2))),
                ok("daily usage a small fraction", List.of(d001().dailyUsage("0.01").row(2))),
                ok("two groups may share a name", List.of(d001().row(2), d003().groupName("连花清瘟组").row(3))),

                badRow2("group code missing", d001().groupCode(null), "产品组编码", RowCode.MISSING),
                badRow2("group code blank", d001().groupCode("  "), "产品组编码", RowCode.MISSING),
                badRow2("group name missing", d001().groupName(null), "产品组名称", RowCode.MISSING),
                badRow2("drug code missing", d001().drugCode(""), "药品统一编码", RowCode.MISSING),
                badRow2("variety missing", d001().variety(null), "品种名称", RowCode.MISSING),
                badRow2("dosage form missing", d001().dosageForm(" "), "剂型", RowCode.MISSING),
                badRow2("specification missing", d001().specification(""), "规格", RowCode.MISSING),
                badRow2("enterprise missing", d001().enterprise(null), "企业名称", RowCode.MISSING),
                badRow2("min unit missing", d001().minUnit("\t"), "最小制剂单位", RowCode.MISSING),
                badRow2("price missing", d001().packagePrice(null), "包装中选价(元)", RowCode.MISSING),
                badRow2("price 0", d001().packagePrice("0"), "包装中选价(元)", RowCode.OUT_OF_RANGE),
                badRow2("price negative", d001().packagePrice("-0.01"), "包装中选价(元)", RowCode.OUT_OF_RANGE),
                badRow2("price with 5 decimals", d001().packagePrice("12.34567"), "包装中选价(元)", RowCode.TOO_MANY_DECIMALS),
                badRow2("tiny price with 5 decimals", d001().packagePrice("0.00001"), "包装中选价(元)", RowCode.TOO_MANY_DECIMALS),
                badRow2("package quantity 0", d001().packageQuantity(0), "最小包装数量", RowCode.OUT_OF_RANGE),
                badRow2("package quantity negative", d001().packageQuantity(-1), "最小包装数量", RowCode.OUT_OF_RANGE),
                badRow2("daily usage missing", d001().dailyUsage(null), "日均使用量", RowCode.MISSING),
                badRow2("daily usage 0", d001().dailyUsage("0"), "日均使用量", RowCode.OUT_OF_RANGE),
                badRow2("daily usage negative", d001().dailyUsage("-1"), "日均使用量", RowCode.OUT_OF_RANGE),
                badRow2("reduction missing", d001().reduction(null), "降幅(%)", RowCode.MISSING),
                badRow2("reduction below 0", d001().reduction("-0.01"), "降幅(%)", RowCode.OUT_OF_RANGE),
                badRow2("reduction above 100", d001().reduction("100.01"), "降幅(%)", RowCode.OUT_OF_RANGE),
                badRow2("capacity missing", d001().maxCapacity((Long) null), "最大产能", RowCode.MISSING),
                badRow2("capacity negative", d001().maxCapacity(-1L), "最大产能", RowCode.OUT_OF_RANGE),

                bad("a duplicate drug code is named on the later row, with the first row",
                        List.of(d001().row(2), d002().drugCode(D001).row(3)),
                        problem(3, "药品统一编码", RowCode.DUPLICATE, "row 2")),
                bad("a drug code three times: both later rows name the first",
                        List.of(d001().row(2), d002().drugCode(D001).row(5), d003().drugCode(D001).row(9)),
                        problem(5, "药品统一编码", RowCode.DUPLICATE, "row 2"), problem(9, "药品统一编码", RowCode.DUPLICATE, "row 2")),
                bad("a duplicate drug code is found across groups",
                        List.of(d001().row(2), d003().drugCode(D001).row(3)),
                        problem(3, "药品统一编码", RowCode.DUPLICATE, "row 2")),
                bad("a group code with two names is named on the later row, with the first name",
                        List.of(d001().row(2), d002().groupName("连花清瘟颗粒组").row(3)),
                        problem(3, "产品组名称", RowCode.CONFLICTING, "连花清瘟组")),
                bad("every problem of a row is named",
                        List.of(d001().packagePrice("0").packageQuantity(0).reduction("101").row(2)),
                        problem(2, "包装中选价(元)", RowCode.OUT_OF_RANGE), problem(2, "最小包装数量", RowCode.OUT_OF_RANGE), problem(2, "降幅(%)", RowCode.OUT_OF_RANGE)),
                bad("every bad row is named, good rows are not",
                        List.of(d001().row(2), d002().variety("").row(3), d003().maxCapacity(-3L).row(4)),
                        problem(3, "品种名称", RowCode.MISSING), problem(4, "最大产能", RowCode.OUT_OF_RANGE)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void catalogue_rules(String why, List<CatalogueRow> rows, Problem[] expected) {
        List<RowProblem> problems = CatalogueRules.problems(rows);

        assertThat(problems).as(why).hasSize(expected.length);
        Arrays.stream(expected).forEach(p -> assertThat(problems).as(why + ", expecting " + p).anyMatch(p::matches));
    }
}
