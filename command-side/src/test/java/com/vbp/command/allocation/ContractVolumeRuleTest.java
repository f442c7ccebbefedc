package com.vbp.command.allocation;

import com.vbp.command.allocation.ContractVolumeRule.Entry;
import com.vbp.command.allocation.ContractVolumeRule.Figures;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.procurement.WinningProduct;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.vbp.command.allocation.AllocationTestData.D001;
import static com.vbp.command.allocation.AllocationTestData.D002;
import static com.vbp.command.allocation.AllocationTestData.D004;
import static com.vbp.command.allocation.AllocationTestData.PENDING;
import static com.vbp.command.allocation.AllocationTestData.TERMS;
import static com.vbp.command.allocation.AllocationTestData.d001;
import static com.vbp.command.allocation.AllocationTestData.d002;
import static com.vbp.command.allocation.AllocationTestData.d004;
import static com.vbp.command.allocation.AllocationTestData.entry;
import static com.vbp.command.allocation.AllocationTestData.minShares;
import static com.vbp.command.allocation.AllocationTestData.pending;
import static com.vbp.command.allocation.AllocationTestData.winners;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The contract-volume rules of DOMAIN.md Part A, case by case, as a table. */
class ContractVolumeRuleTest {

    private static Map<String, WinningProduct> byDrug(List<WinningProduct> winners) {
        return winners.stream().collect(Collectors.toMap(WinningProduct::drugCode, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    private static List<Entry> entries(PendingLine line, List<WinningProduct> winners, EntryRequest... requests) {
        return ContractVolumeRule.entries(line, Arrays.asList(requests), byDrug(winners));
    }

    private static RuleViolation refusal(Runnable r) {
        return catchThrowableOfType(RuleViolation.class, r::run);
    }

    /**
     * Rules 1 and 2: a value just inside the open interval is accepted, one exactly on a bound refused.
     * Columns: case, P, U_d, entries, accepted?, expected absorbing drug, lower, upper.
     */
    static Stream<Arguments> bounds() {
        return Stream.of(
                // rule 1, one entry D001: 600 / 3 × 12 ∓ 24
                Arguments.of("rule 1 just above the lower bound", 600, "3", List.of(entry(D001, 2377)), true, D001, "2376", "2424"),
                Arguments.of("rule 1 just below the upper bound", 600, "3", List.of(entry(D001, 2423)), true, D001, "2376", "2424"),
                Arguments.of("rule 1 on the centre", 600, "3", List.of(entry(D001, 2400)), true, D001, "2376", "2424"),
                Arguments.of("rule 1 exactly on the lower bound", 600, "3", List.of(entry(D001, 2376)), false, D001, "2376", "2424"),
                Arguments.of("rule 1 exactly on the upper bound", 600, "3", List.of(entry(D001, 2424)), false, D001, "2376", "2424"),
                // rule 1 with a centre that is no whole number: 600 / 7 × 12 = 1028.571428…
                Arguments.of("rule 1 fractional centre, lowest whole inside", 600, "7", List.of(entry(D001, 1005)), true, D001, "1004.571429", "1052.571429"),
                Arguments.of("rule 1 fractional centre, below", 600, "7", List.of(entry(D001, 1004)), false, D001, "1004.571429", "1052.571429"),
                Arguments.of("rule 1 fractional centre, highest whole inside", 600, "7", List.of(entry(D001, 1052)), true, D001, "1004.571429", "1052.571429"),
                Arguments.of("rule 1 fractional centre, above", 600, "7", List.of(entry(D001, 1053)), false, D001, "1004.571429", "1052.571429"),
                // rule 2: D001 1200 allocates 300; D002 (q 36, the largest) absorbs R = 300: 300 / 3 × 12 ∓ 36
                Arguments.of("rule 2 just above the lower bound", 600, "3", List.of(entry(D001, 1200), entry(D002, 1165)), true, D002, "1164", "1236"),
                Arguments.of("rule 2 just below the upper bound", 600, "3", List.of(entry(D001, 1200), entry(D002, 1235)), true, D002, "1164", "1236"),
                Arguments.of("rule 2 exactly on the lower bound", 600, "3", List.of(entry(D001, 1200), entry(D002, 1164)), false, D002, "1164", "1236"),
                Arguments.of("rule 2 exactly on the upper bound", 600, "3", List.of(entry(D001, 1200), entry(D002, 1236)), false, D002, "1164", "1236"),
                Arguments.of("rule 2 entries in any order", 600, "3", List.of(entry(D002, 1236), entry(D001, 1200)), false, D002, "1164", "1236"),
                // rule 2 with three entries: D001 1200 → 300, D004 90 → 30, R = 270: 270 / 3 × 12 = 1080 ∓ 36
                Arguments.of("rule 2 three entries on the lower bound", 600, "3", List.of(entry(D001, 1200), entry(D004, 90), entry(D002, 1044)), false, D002, "1044", "1116"),
                Arguments.of("rule 2 three entries just inside", 600, "3", List.of(entry(D001, 1200), entry(D004, 90), entry(D002, 1045)), true, D002, "1044", "1116"),
                // rule 2 exactness: D004 3 allocates 1/3 (U_d 1, U 9), R = 599.666…, yet the bounds are whole:
                // 599⅔ × 12 ∓ 36 = 7160 and 7232 — any rounding of R would misjudge a value on them
                Arguments.of("rule 2 whole bound from a repeating remainder, on the lower", 600, "1", List.of(entry(D004, 3), entry(D002, 7160)), false, D002, "7160", "7232"),
                Arguments.of("rule 2 whole bound from a repeating remainder, inside", 600, "1", List.of(entry(D004, 3), entry(D002, 7161)), true, D002, "7160", "7232"),
                Arguments.of("rule 2 whole bound from a repeating remainder, on the upper", 600, "1", List.of(entry(D004, 3), entry(D002, 7232)), false, D002, "7160", "7232"),
                Arguments.of("rule 2 whole bound from a repeating remainder, just below the upper", 600, "1", List.of(entry(D004, 3), entry(D002, 7231)), true, D002, "7160", "7232"),
                // rule 2: the other entries already exceed P, so R < 0 and no positive C fits
                Arguments.of("rule 2 nothing left to absorb", 600, "3", List.of(entry(D001, 4800), entry(D002, 1)), false, D002, "-2436", "-2364")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bounds")
    void the_absorbing_entry_must_lie_strictly_inside_its_interval(String name, long p, String ud,
                                                                  List<EntryRequest> requests, boolean accepted,
                                                                  String absorbing, String lower, String upper) {
        PendingLine line = pending(p, ud);
        List<Entry> entries = entries(line, winners(), requests.toArray(EntryRequest[]::new));

        Figures figures = ContractVolumeRule.figures(line, entries);
        assertThat(figures.bounds().rule()).isEqualTo(requests.size() == 1 ? 1 : 2);
        assertThat(figures.bounds().drugCode()).isEqualTo(absorbing);
        assertThat(figures.bounds().lower()).isEqualByComparingTo(lower);
        assertThat(figures.bounds().upper()).isEqualByComparingTo(upper);

        if (accepted) {
            assertThatCode(() -> ContractVolumeRule.checkBounds(line, entries)).doesNotThrowAnyException();
        } else {
            RuleViolation v = refusal(() -> ContractVolumeRule.checkBounds(line, entries));
            assertThat(v.code()).isEqualTo("CONTRACT_VOLUME_OUT_OF_RANGE");
            assertThat(v.refusal().figures())
                    .containsEntry("rule", requests.size() == 1 ? 1 : 2)
                    .containsEntry("drugCode", absorbing)
                    .containsKeys("remainder", "lower", "upper", "contractVolume");
            assertThat((BigDecimal) v.refusal().figures().get("lower")).isEqualByComparingTo(lower);
            assertThat((BigDecimal) v.refusal().figures().get("upper")).isEqualByComparingTo(upper);
        }
    }

    @Nested
    class Figures_of_a_line {

        @Test
        void each_entry_is_converted_into_the_pending_lines_units_and_summed() {
            List<Entry> entries = entries(PENDING, winners(), entry(D001, 1200), entry(D004, 100), entry(D002, 1044));
            Figures f = ContractVolumeRule.figures(PENDING, entries);

            assertThat(f.allocatedOf(D001).minUnits()).isEqualByComparingTo("300");      // 1200 / 12 × 3
            assertThat(f.allocatedOf(D002).minUnits()).isEqualByComparingTo("261");      // 1044 / 12 × 3
            assertThat(f.allocatedOf(D004).minUnits()).isEqualByComparingTo("33.333333"); // 100 / 9 × 3
            assertThat(f.allocatedTotal().minUnits()).isEqualByComparingTo("594.333333");
            assertThat(f.bounds().remainder()).isEqualByComparingTo("266.666667");       // 600 − 300 − 33⅓
        }

        @Test
        void entries_come_back_in_drug_code_order() {
            List<Entry> entries = entries(PENDING, winners(), entry(D004, 90), entry(D002, 1044), entry(D001, 1200));
            assertThat(entries).extracting(Entry::drugCode).containsExactly(D001, D002, D004);
        }

        @Test
        void with_two_entries_of_the_same_largest_package_quantity_the_lower_drug_code_absorbs() {
            List<WinningProduct> winners = List.of(d001().packageQuantity(36).build(), d002().build());
            List<Entry> entries = entries(PENDING, winners, entry(D002, 1200), entry(D001, 1200));
            assertThat(ContractVolumeRule.figures(PENDING, entries).bounds().drugCode()).isEqualTo(D001);
        }
    }

    @Nested
    class Shape_of_the_entries {

        @Test
        void no_entries_are_refused() {
            assertThat(refusal(() -> ContractVolumeRule.entries(PENDING, List.of(), byDrug(winners()))).code())
                    .isEqualTo("NO_ENTRIES");
            assertThat(refusal(() -> ContractVolumeRule.entries(PENDING, null, byDrug(winners()))).code())
                    .isEqualTo("NO_ENTRIES");
        }

        @Test
        void an_entry_for_a_drug_that_is_not_a_winner_of_the_group_is_refused() {
            WinningProduct otherGroup = new WinningProduct("G02", "血塞通组", "ZA12BAX0003", "血塞通软胶囊", "软胶囊",
                    "0.33g", "昆明圣火", d001().build().packagePrice(), 20, "粒", d001().build().dailyUsage(),
                    d001().build().reduction(), d001().build().maxCapacity());
            List<WinningProduct> winners = new ArrayList<>(winners());
            winners.add(otherGroup);
            assertThat(refusal(() -> entries(PENDING, winners, entry("ZA01AAL0901", 10))).code())
                    .isEqualTo("UNKNOWN_PRODUCT");
            assertThat(refusal(() -> entries(PENDING, winners, entry("ZA12BAX0003", 10))).code())
                    .isEqualTo("UNKNOWN_PRODUCT");
            assertThat(refusal(() -> entries(PENDING, winners, new EntryRequest(null, null))).code())
                    .isEqualTo("UNKNOWN_PRODUCT");
        }

        @Test
        void the_same_drug_twice_is_refused() {
            assertThat(refusal(() -> entries(PENDING, winners(), entry(D001, 10), entry(D001, 20))).code())
                    .isEqualTo("DUPLICATE_ENTRY");
        }

        @Test
        void a_contract_volume_of_zero_or_less_or_none_is_refused() {
            assertThat(refusal(() -> entries(PENDING, winners(), entry(D001, 0))).code())
                    .isEqualTo("INVALID_CONTRACT_VOLUME");
            assertThat(refusal(() -> entries(PENDING, winners(), entry(D001, -24))).code())
                    .isEqualTo("INVALID_CONTRACT_VOLUME");
            assertThat(refusal(() -> entries(PENDING, winners(), new EntryRequest(D001, null))).code())
                    .isEqualTo("INVALID_CONTRACT_VOLUME");
            assertThatCode(() -> entries(PENDING, winners(), entry(D001, 1))).doesNotThrowAnyException();
        }

        @Test
        void a_contract_volume_above_the_capacity_left_is_refused_and_one_equal_to_it_accepted() {
            Entry e = entries(PENDING, winners(), entry(D001, 2400)).get(0);
            assertThatCode(() -> ContractVolumeRule.checkCapacity(e, com.vbp.events.common.Volume.of(2400)))
                    .doesNotThrowAnyException();
            RuleViolation v = refusal(() -> ContractVolumeRule.checkCapacity(e, com.vbp.events.common.Volume.of(2399)));
            assertThat(v.code()).isEqualTo("CAPACITY_EXCEEDED");
            assertThat(v.refusal().figures()).containsEntry("requested", 2400L).containsEntry("remaining", 2399L);
        }
    }

    @Nested
    class Required_winners {

        @Test
        void the_lowest_daily_cost_and_the_highest_reduction_winner_are_found_by_their_figures() {
            assertThat(ContractVolumeRule.lowestDailyCost(winners()).drugCode()).isEqualTo(D001);
            assertThat(ContractVolumeRule.highestReduction(winners()).drugCode()).isEqualTo(D002);
            assertThat(ContractVolumeRule.highestReductionShown(winners())).map(WinningProduct::drugCode)
                    .contains(D002);
        }

        @Test
        void a_tie_in_daily_cost_goes_to_the_lower_drug_code_whatever_the_order() {
            // D002 at 18.75 / 36 × 12 = 6.25, the same daily cost as D001
            List<WinningProduct> winners = new ArrayList<>(List.of(d002().packagePrice("18.7500").build(),
                    d001().build(), d004().build()));
            assertThat(ContractVolumeRule.lowestDailyCost(winners).drugCode()).isEqualTo(D001);
            Collections.reverse(winners);
            assertThat(ContractVolumeRule.lowestDailyCost(winners).drugCode()).isEqualTo(D001);
            // and a cheaper daily cost wins over a lower drug code
            List<WinningProduct> cheaper = List.of(d001().build(), d002().packagePrice("18.7400").build());
            assertThat(ContractVolumeRule.lowestDailyCost(cheaper).drugCode()).isEqualTo(D002);
        }

        @Test
        void a_tie_in_reduction_goes_to_the_lower_drug_code_whatever_the_order() {
            List<WinningProduct> winners = new ArrayList<>(List.of(d004().reduction("42.10").build(),
                    d002().build(), d001().build()));
            assertThat(ContractVolumeRule.highestReduction(winners).drugCode()).isEqualTo(D002);
            Collections.reverse(winners);
            assertThat(ContractVolumeRule.highestReduction(winners).drugCode()).isEqualTo(D002);
            List<WinningProduct> higher = List.of(d002().build(), d004().reduction("42.11").build());
            assertThat(ContractVolumeRule.highestReduction(higher).drugCode()).isEqualTo(D004);
        }

        @Test
        void both_winners_need_an_entry_and_the_refusal_names_the_missing_one() {
            RuleViolation noLowest = refusal(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, winners(), entry(D002, 2400)), winners(), TERMS));
            assertThat(noLowest.code()).isEqualTo("MISSING_REQUIRED_WINNER");
            assertThat(noLowest.refusal().figures()).containsEntry("winner", "LOWEST_DAILY_COST")
                    .containsEntry("drugCode", D001);

            RuleViolation noHighest = refusal(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, winners(), entry(D001, 2400)), winners(), TERMS));
            assertThat(noHighest.code()).isEqualTo("MISSING_REQUIRED_WINNER");
            assertThat(noHighest.refusal().figures()).containsEntry("winner", "HIGHEST_REDUCTION")
                    .containsEntry("drugCode", D002);

            assertThatCode(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, winners(), entry(D001, 1200), entry(D002, 1200)), winners(), TERMS))
                    .doesNotThrowAnyException();
        }

        @Test
        void the_highest_reduction_column_is_hidden_and_not_required_when_it_is_the_lowest_cost_enterprise() {
            List<WinningProduct> sameEnterprise = List.of(d001().build(),
                    d002().enterprise(d001().build().enterprise()).build(), d004().build());
            assertThat(ContractVolumeRule.highestReductionShown(sameEnterprise)).isEmpty();
            assertThatCode(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, sameEnterprise, entry(D001, 2400)), sameEnterprise,
                    minShares(null, "0.5"))).doesNotThrowAnyException();
        }

        @Test
        void the_lowest_daily_cost_winner_needs_its_minimum_share_of_p_in_allocated_volume() {
            AllocationTerms half = minShares("0.5", null);
            // D001 1200 → 300 = 0.5 × 600: enough
            assertThatCode(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, winners(), entry(D001, 1200), entry(D002, 1200)), winners(), half))
                    .doesNotThrowAnyException();
            // D001 1199 → 299.75: short
            RuleViolation v = refusal(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, winners(), entry(D001, 1199), entry(D002, 1201)), winners(), half));
            assertThat(v.code()).isEqualTo("MIN_SHARE_NOT_MET");
            assertThat(v.refusal().figures()).containsEntry("winner", "LOWEST_DAILY_COST")
                    .containsEntry("drugCode", D001);
            assertThat((BigDecimal) v.refusal().figures().get("required")).isEqualByComparingTo("300");
            assertThat((BigDecimal) v.refusal().figures().get("allocated")).isEqualByComparingTo("299.75");
        }

        @Test
        void the_highest_reduction_winner_needs_its_minimum_share_of_p_in_allocated_volume() {
            AllocationTerms third = minShares(null, "0.3");
            // D002 720 → 180 = 0.3 × 600: enough; 719 → 179.75: short
            assertThatCode(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, winners(), entry(D001, 1680), entry(D002, 720)), winners(), third))
                    .doesNotThrowAnyException();
            RuleViolation v = refusal(() -> ContractVolumeRule.checkRequiredWinners(PENDING,
                    entries(PENDING, winners(), entry(D001, 1680), entry(D002, 719)), winners(), third));
            assertThat(v.code()).isEqualTo("MIN_SHARE_NOT_MET");
            assertThat(v.refusal().figures()).containsEntry("winner", "HIGHEST_REDUCTION");
        }
    }
}
