package com.vbp.standalone.demo;

import com.vbp.command.procurement.CatalogueRules;
import com.vbp.command.procurement.DemandRules;
import com.vbp.events.common.District;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDataGeneratorTest {

    private static DemoData standard;
    private static DemoData mid;

    @BeforeAll
    static void generateOnce() {
        standard = DemoDataGenerator.standard();
        mid = DemoDataGenerator.generate(42, 200, 20);
    }

    @Test
    void the_same_seed_and_sizes_give_equal_data() {
        assertThat(DemoDataGenerator.standard()).isEqualTo(standard);
        assertThat(DemoDataGenerator.standard().toString()).isEqualTo(standard.toString());
        assertThat(DemoDataGenerator.generate(42, 200, 20)).isEqualTo(mid);
        assertThat(DemoDataGenerator.generate(43, 200, 20)).isNotEqualTo(mid);
    }

    @Test
    void the_standard_set_has_the_promised_sizes() {
        Map<String, List<WinningProduct>> groups = byGroup(standard);
        assertThat(groups).hasSizeGreaterThanOrEqualTo(20);
        assertThat(standard.catalogue()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(groups.values()).allSatisfy(winners -> assertThat(winners).hasSizeBetween(2, 5));
        assertThat(standard.institutions()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(standard.districts()).hasSizeGreaterThanOrEqualTo(3);
        Set<String> usedDistricts = standard.institutions().stream().map(Institution::districtCode).collect(Collectors.toSet());
        assertThat(usedDistricts).hasSizeGreaterThanOrEqualTo(3);
        assertThat(standard.catalogue()).extracting(r -> r.product().variety())
                .contains("复方丹参滴丸", "脑心通胶囊", "丹红注射液", "消渴丸", "麝香保心丸");
        assertThat(standard.institutions()).extracting(Institution::name)
                .contains("武汉市第一医院", "武汉市江岸区人民医院", "江岸区塔子湖街社区卫生服务中心");
    }

    @Test
    void every_institution_has_both_kinds_of_line() {
        for (DemoData data : List.of(standard, mid)) {
            Map<String, Set<DemandKind>> kinds = new HashMap<>();
            data.demands().forEach(d -> kinds.computeIfAbsent(d.institutionCode(), k -> new HashSet<>()).add(d.kind()));
            assertThat(kinds.keySet()).isEqualTo(data.institutions().stream().map(Institution::code).collect(Collectors.toSet()));
            assertThat(kinds.values()).allSatisfy(k -> assertThat(k).containsExactlyInAnyOrder(DemandKind.values()));
        }
    }

    @Test
    void the_standard_set_obeys_the_import_rules() {
        assertObeysImportRules(standard);
    }

    @Test
    void a_generated_set_obeys_the_import_rules() {
        assertObeysImportRules(mid);
        assertThat(mid.institutions()).hasSize(200);
        assertThat(mid.demands()).hasSize(200 * 20);
    }

    @Test
    void lowest_daily_cost_and_highest_reduction_are_sometimes_one_enterprise_and_sometimes_two() {
        int same = 0;
        int different = 0;
        for (List<WinningProduct> winners : byGroup(standard).values()) {
            boolean one = lowestDailyCost(winners).enterprise().equals(highestReduction(winners).enterprise());
            if (one) {
                same++;
            } else {
                different++;
            }
        }
        assertThat(same).isPositive();
        assertThat(different).isPositive();
    }

    @Test
    void the_two_leaders_of_a_group_can_take_its_whole_demand_and_a_few_products_are_tight() {
        Map<String, WinningProduct> winners = winners(standard);
        Map<String, Long> selected = new HashMap<>();
        Map<String, BigDecimal> pendingDays = new HashMap<>();
        for (DemandRow d : standard.demands()) {
            if (d.kind() == DemandKind.SELECTED) {
                selected.merge(d.drugCode(), d.volume().minUnits(), Long::sum);
            } else {
                BigDecimal days = BigDecimal.valueOf(d.volume().minUnits())
                        .divide(d.dailyUsage().minUnitsPerDay(), 6, RoundingMode.HALF_UP);
                pendingDays.merge(d.groupCode(), days, BigDecimal::add);
            }
        }
        int tight = 0;
        for (List<WinningProduct> group : byGroup(standard).values()) {
            Set<WinningProduct> leaders = new HashSet<>(List.of(lowestDailyCost(group), highestReduction(group)));
            for (WinningProduct p : group) {
                long own = selected.getOrDefault(p.drugCode(), 0L);
                BigDecimal need = BigDecimal.valueOf(own).add(pendingDays.getOrDefault(p.groupCode(), BigDecimal.ZERO)
                        .multiply(p.dailyUsage().minUnitsPerDay()));
                BigDecimal capacity = BigDecimal.valueOf(p.maxCapacity().minUnits());
                assertThat(p.maxCapacity().minUnits()).as("capacity of %s", p.drugCode()).isGreaterThanOrEqualTo(own);
                if (leaders.contains(p)) {
                    assertThat(capacity).as("leader %s", p.drugCode()).isGreaterThan(need);
                    assertThat(p.maxCapacity().minUnits()).isGreaterThanOrEqualTo(2_000_000);
                } else if (capacity.compareTo(need) < 0) {
                    tight++;
                }
            }
        }
        assertThat(tight).isBetween(1, winners.size() / 5);
    }

    @Test
    void ten_thousand_institutions_give_two_hundred_thousand_rows() {
        DemoData big = DemoDataGenerator.generate(7, 10_000, 20);
        assertThat(big.demands()).hasSize(200_000);
        assertThat(big.institutions()).hasSize(10_000);
        assertThat(big.demands().get(big.demands().size() - 1).row()).isEqualTo(200_001);
        assertThat(big.institutions().stream().map(Institution::name).distinct().count()).isEqualTo(10_000);
        assertThat(byGroup(big)).hasSizeBetween(24, 40);
        assertThat(CatalogueRules.problems(big.catalogue())).isEmpty();
        assertThat(DemandRules.problems(big.demands(), winners(big), byGroup(big).keySet(), Set.of())).isEmpty();
    }

    @Test
    void impossible_sizes_are_refused() {
        assertThatThrownBy(() -> DemoDataGenerator.generate(1, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoDataGenerator.generate(1, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DemoDataGenerator.generate(1, 10, 10_000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void small_sets_still_have_both_kinds_of_line() {
        DemoData tiny = DemoDataGenerator.generate(3, 2, 2);
        assertThat(tiny.institutions()).hasSize(2);
        assertThat(tiny.districts()).hasSize(2);
        assertObeysImportRules(tiny);
    }

    // ---- the import rules of FILES.md, checked one by one and then by the command side itself ----

    private static void assertObeysImportRules(DemoData data) {
        List<CatalogueRow> catalogue = data.catalogue();
        for (int i = 0; i < catalogue.size(); i++) {
            assertThat(catalogue.get(i).row()).isEqualTo(i + 2);
        }
        Map<String, String> groupNames = new HashMap<>();
        Set<String> drugCodes = new HashSet<>();
        for (CatalogueRow row : catalogue) {
            WinningProduct p = row.product();
            assertThat(p.groupCode()).matches("ZCY-G\\d{3}");
            assertThat(p.drugCode()).matches("ZC\\d{8}");
            assertThat(drugCodes.add(p.drugCode())).as("unique drug code %s", p.drugCode()).isTrue();
            assertThat(groupNames.putIfAbsent(p.groupCode(), p.groupName())).isIn(null, p.groupName());
            assertThat(List.of(p.variety(), p.dosageForm(), p.specification(), p.enterprise(), p.minUnit()))
                    .allSatisfy(text -> assertThat(text).isNotBlank());
            BigDecimal price = p.packagePrice().yuan();
            assertThat(price).isBetween(BigDecimal.TEN, new BigDecimal(300));
            assertThat(price.stripTrailingZeros().scale()).isLessThanOrEqualTo(4);
            assertThat(p.packageQuantity()).isPositive();
            assertThat(p.dailyUsage().minUnitsPerDay()).isPositive();
            assertThat(p.reduction().percent()).isBetween(BigDecimal.TEN, new BigDecimal(70));
            assertThat(p.maxCapacity().minUnits()).isNotNegative();
        }
        Map<String, WinningProduct> winners = winners(data);
        Map<String, Institution> institutions = data.institutions().stream()
                .collect(Collectors.toMap(Institution::code, Function.identity()));
        assertThat(institutions).hasSameSizeAs(data.institutions());
        Set<String> districts = data.districts().stream().map(District::code).collect(Collectors.toSet());
        Set<String> lines = new HashSet<>();
        List<DemandRow> demands = data.demands();
        for (int i = 0; i < demands.size(); i++) {
            DemandRow d = demands.get(i);
            assertThat(d.row()).isEqualTo(i + 2);
            assertThat(groupNames).containsKey(d.groupCode());
            assertThat(d.volume().minUnits()).isPositive();
            assertThat(List.of(d.institutionName(), d.variety(), d.enterprise())).allSatisfy(t -> assertThat(t).isNotBlank());
            Institution institution = institutions.get(d.institutionCode());
            assertThat(institution).isNotNull();
            assertThat(d.institutionName()).isEqualTo(institution.name());
            assertThat(d.district()).isEqualTo(institution.districtCode()).isIn(districts);
            assertThat(d.institutionCode()).startsWith("H" + d.district());
            assertThat(lines.add(d.institutionCode() + "|" + d.kind() + "|" + d.drugCode()))
                    .as("one line per institution, kind and drug: row %d", d.row()).isTrue();
            WinningProduct winner = winners.get(d.drugCode());
            if (d.kind() == DemandKind.SELECTED) {
                assertThat(winner).as("row %d names a winner", d.row()).isNotNull();
                assertThat(winner.groupCode()).isEqualTo(d.groupCode());
                assertThat(d.variety()).isEqualTo(winner.variety());
                assertThat(d.enterprise()).isEqualTo(winner.enterprise());
            } else {
                assertThat(winner).as("row %d names a non-winner", d.row()).isNull();
                assertThat(d.drugCode()).matches("ZC\\d{8}");
                assertThat(d.dailyUsage()).isNotNull();
                assertThat(d.dailyUsage().minUnitsPerDay()).isPositive();
            }
        }
        assertThat(CatalogueRules.problems(catalogue)).isEmpty();
        assertThat(DemandRules.problems(demands, winners, groupNames.keySet(), Set.of())).isEmpty();
    }

    private static Map<String, WinningProduct> winners(DemoData data) {
        return data.catalogue().stream().map(CatalogueRow::product)
                .collect(Collectors.toMap(WinningProduct::drugCode, Function.identity()));
    }

    private static Map<String, List<WinningProduct>> byGroup(DemoData data) {
        return data.catalogue().stream().map(CatalogueRow::product)
                .collect(Collectors.groupingBy(WinningProduct::groupCode));
    }

    /** DOMAIN.md: packPrice / packQty × U; ties to the lower drug code. */
    private static WinningProduct lowestDailyCost(List<WinningProduct> winners) {
        return winners.stream().min(Comparator.comparing(DemoDataGeneratorTest::dailyCost)
                .thenComparing(WinningProduct::drugCode)).orElseThrow();
    }

    private static WinningProduct highestReduction(List<WinningProduct> winners) {
        return winners.stream().min(Comparator.comparing(WinningProduct::reduction).reversed()
                .thenComparing(WinningProduct::drugCode)).orElseThrow();
    }

    private static BigDecimal dailyCost(WinningProduct p) {
        return p.packagePrice().yuan().multiply(p.dailyUsage().minUnitsPerDay())
                .divide(BigDecimal.valueOf(p.packageQuantity()), 12, RoundingMode.HALF_UP);
    }
}
