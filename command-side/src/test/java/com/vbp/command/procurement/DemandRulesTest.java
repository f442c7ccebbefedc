package com.vbp.command.procurement;

import com.vbp.command.common.RefusalMatchers.Problem;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.problem;
import static com.vbp.command.procurement.BatchTestData.D001;
import static com.vbp.command.procurement.BatchTestData.D002;
import static com.vbp.command.procurement.BatchTestData.D003;
import static com.vbp.command.procurement.BatchTestData.G01;
import static com.vbp.command.procurement.BatchTestData.G02;
import static com.vbp.command.procurement.BatchTestData.N001;
import static com.vbp.command.procurement.BatchTestData.N002;
import static com.vbp.command.procurement.BatchTestData.catalogueProducts;
import static com.vbp.command.procurement.BatchTestData.pending;
import static com.vbp.command.procurement.BatchTestData.selected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link DemandRules} as a table, against the standard catalogue (G01: D001, D002; G02: D003)
 * and institution H009 already imported by an earlier file: rows in, the exact (row, column) problems out.
 */
class DemandRulesTest {

    private static final Map<String, WinningProduct> WINNERS = catalogueProducts().stream()
            .collect(Collectors.toMap(WinningProduct::drugCode, Function.identity()));
    private static final Set<String> GROUPS = Set.of(G01, G02);
    private static final Set<String> ALREADY_IMPORTED = Set.of("H009");

    private static Arguments ok(String why, DemandRow... rows) {
        return Arguments.of(why, List.of(rows), new Problem[0]);
    }

    private static Arguments bad(String why, List<DemandRow> rows, Problem... expected) {
        return Arguments.of(why, rows, expected);
    }

    /** Row 2 is fine; row 3 is the one under test. */
    private static Arguments badRow3(String why, DemandRow row3, String column, String fragment,
                                     RowCode code) {
        return bad(why, List.of(selected("H001", G01, D001, 1000).row(2), row3), problem(3, column, code, fragment));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                ok("a 中选 line for a winner of its group", selected("H001", G01, D001, 1000).row(2)),
                ok("a 中选 line with a daily usage", selected("H001", G01, D001, 1000).dailyUsage("2").row(2)),
                ok("a 待分配 line for a non-winner with its daily usage", pending("H001", G01, N001, 600, "3").row(2)),
                ok("a 待分配 line with a fractional daily usage", pending("H001", G02, N002, 1, "0.5").row(2)),
                ok("one institution with both kinds in two groups",
                        selected("H001", G01, D001, 1000).row(2), pending("H001", G01, N001, 600, "3").row(3),
                        selected("H001", G02, D003, 10).row(4), selected("H001", G01, D002, 5).row(5)),
                ok("two institutions with the same lines",
                        selected("H001", G01, D001, 1000).row(2), selected("H002", G01, D001, 1000).row(3),
                        pending("H001", G01, N001, 600, "3").row(4), pending("H002", G01, N001, 600, "3").row(5)),

                badRow3("an unknown product group", selected("H001", "G99", D002, 10).row(3), "产品组编码", "G99", RowCode.UNKNOWN_GROUP),
                badRow3("a 待分配 line of an unknown product group", pending("H001", "G99", N001, 10, "1").row(3),
                        "产品组编码", "G99", RowCode.UNKNOWN_GROUP),
                badRow3("a 中选 line whose drug is not a winner", selected("H001", G01, N001, 10).row(3),
                        "药品统一编码", "not a winning product", RowCode.UNKNOWN_PRODUCT),
                badRow3("a 中选 line whose drug wins in another group", selected("H001", G01, D003, 10).row(3),
                        "药品统一编码", G02, RowCode.WRONG_GROUP),
                badRow3("a 待分配 line naming a winning product", pending("H001", G01, D002, 10, "1").row(3),
                        "药品统一编码", "winning product", RowCode.WINNING_PRODUCT),
                badRow3("a 待分配 line naming a winner of another group", pending("H001", G02, D001, 10, "1").row(3),
                        "药品统一编码", "winning product", RowCode.WINNING_PRODUCT),
                badRow3("a 待分配 line without daily usage", pending("H001", G01, N001, 10, null).row(3),
                        "日均使用量", "待分配", RowCode.MISSING),
                badRow3("a 待分配 line with daily usage 0", pending("H001", G01, N001, 10, "0").row(3),
                        "日均使用量", "待分配", RowCode.OUT_OF_RANGE),
                badRow3("a 待分配 line with a negative daily usage", pending("H001", G01, N001, 10, "-2").row(3),
                        "日均使用量", "待分配", RowCode.OUT_OF_RANGE),
                badRow3("a 中选 line with daily usage 0", selected("H001", G01, D002, 10).dailyUsage("0").row(3),
                        "日均使用量", "greater than 0", RowCode.OUT_OF_RANGE),
                badRow3("a 中选 line with a negative daily usage",
                        selected("H001", G01, D002, 10).dailyUsage("-1").row(3), "日均使用量", "greater than 0", RowCode.OUT_OF_RANGE),
                badRow3("volume 0", selected("H001", G01, D002, 0).row(3), "需求量", null, RowCode.OUT_OF_RANGE),
                badRow3("volume negative", pending("H001", G01, N001, -5, "1").row(3), "需求量", null, RowCode.OUT_OF_RANGE),
                badRow3("volume missing", selected("H001", G01, D002, 1).volume((Long) null).row(3), "需求量", null, RowCode.OUT_OF_RANGE),
                badRow3("institution code missing", selected("H001", G01, D002, 1).institutionCode(null).row(3),
                        "机构编码", "missing", RowCode.MISSING),
                badRow3("institution name missing", selected("H001", G01, D002, 1).institutionName(" ").row(3),
                        "机构名称", "missing", RowCode.MISSING),
                badRow3("district missing", selected("H001", G01, D002, 1).district(null).row(3),
                        "所属区县", "missing", RowCode.MISSING),
                badRow3("product group code missing", selected("H001", G01, D002, 1).groupCode("").row(3),
                        "产品组编码", "missing", RowCode.MISSING),
                badRow3("drug code missing", selected("H001", G01, D002, 1).drugCode(null).row(3),
                        "药品统一编码", "missing", RowCode.MISSING),
                badRow3("variety missing", selected("H001", G01, D002, 1).variety("").row(3), "品种名称", "missing", RowCode.MISSING),
                badRow3("enterprise missing", selected("H001", G01, D002, 1).enterprise(null).row(3),
                        "企业名称", "missing", RowCode.MISSING),
                badRow3("kind missing", selected("H001", G01, D002, 1).kind(null).row(3), "需求类型", null, RowCode.NOT_ALLOWED),
                badRow3("the same 中选 line twice", selected("H001", G01, D001, 5).row(3), "药品统一编码", "row 2", RowCode.DUPLICATE),
                badRow3("an institution imported by an earlier file", selected("H009", G01, D002, 1).row(3),
                        "机构编码", "H009", RowCode.DUPLICATE),
                badRow3("the same institution with another name",
                        selected("H001", G01, D002, 1).institutionName("武汉市第一人民医院").row(3), "机构名称",
                        "武汉市第一医院", RowCode.CONFLICTING),
                badRow3("the same institution in another district",
                        selected("H001", G01, D002, 1).district("420103").row(3), "所属区县", "420102", RowCode.CONFLICTING),

                bad("the same 待分配 line twice, rows apart",
                        List.of(pending("H001", G01, N001, 600, "3").row(4),
                                selected("H002", G01, D001, 1).row(5),
                                pending("H001", G01, N001, 100, "3").row(8)),
                        problem(8, "药品统一编码", RowCode.DUPLICATE, "row 4")),
                bad("every row of an institution imported earlier is named",
                        List.of(selected("H009", G01, D001, 1).row(2), pending("H009", G01, N001, 1, "1").row(3)),
                        problem(2, "机构编码", RowCode.DUPLICATE, "H009"), problem(3, "机构编码", RowCode.DUPLICATE, "H009")),
                bad("every problem of every row is named",
                        List.of(selected("H001", G01, D001, 1000).row(2),
                                selected("H002", G01, N001, 0).row(3),
                                pending("H002", G02, N002, 50, null).row(4),
                                selected("H001", G01, D001, 1000).row(5)),
                        problem(3, "药品统一编码", RowCode.UNKNOWN_PRODUCT), problem(3, "需求量", RowCode.OUT_OF_RANGE), problem(4, "日均使用量", RowCode.MISSING),
                        problem(5, "药品统一编码", RowCode.DUPLICATE, "row 2")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("table")
    void demand_rules(String why, List<DemandRow> rows, Problem[] expected) {
        List<RowProblem> problems = DemandRules.problems(rows, WINNERS, GROUPS, ALREADY_IMPORTED);

        assertThat(problems).as(why).hasSize(expected.length);
        Arrays.stream(expected).forEach(p -> assertThat(problems).as(why + ", expecting " + p).anyMatch(p::matches));
    }
}
