package com.vbp.command.allocation;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.ContractBounds;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinnerColumns;
import com.vbp.events.procurement.WinningProduct;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contract-volume rules (填写合同量规范, DOMAIN.md Part A, seed 000 §3.2.3) of one pending line with
 * pending volume P and daily usage U_d, shared among winners e with package quantity q_e, daily usage U_e
 * and contract volume C_e (the winner's min units):
 * <ul>
 *     <li>allocated volume (列表已分配量) of an entry = C_e / U_e × U_d; the line's allocated total is their sum;</li>
 *     <li>rule 1, one entry: P / U_d × U_e − q_e &lt; C_e &lt; P / U_d × U_e + q_e;</li>
 *     <li>rule 2, several entries: the entry m with the largest package quantity absorbs the remainder
 *         R = P − Σ allocated volumes of the other entries: R / U_d × U_m − q_m &lt; C_m &lt; R / U_d × U_m + q_m.
 *         Two entries with the same largest package quantity: the lower drug code absorbs;</li>
 *     <li>rule 3: every C is a positive whole number, never more than the product's remaining capacity;</li>
 *     <li>rule 4: the group's lowest-daily-cost winner (daily cost = packagePrice / packageQuantity × U, ties to the
 *         lower drug code) and its highest-reduction winner (ties to the lower drug code; not shown and not required
 *         when it is the same enterprise as the lowest-daily-cost winner) must each have an entry, and each at least
 *         its minimum share s × P of the batch's terms, in allocated volume. The highest-reduction share applies only
 *         while its column is shown.</li>
 * </ul>
 * Pure and exact: every decision is taken on exact fractions of decimals (no rounding, no doubles), so a contract
 * volume exactly on a bound is refused whatever the daily usages. Figures are reported rounded to
 * {@value #SHOWN_DECIMALS} decimals, half up.
 */
public final class ContractVolumeRule {

    /** Decimals of the allocated volumes and bounds as they are shown and recorded. */
    public static final int SHOWN_DECIMALS = 6;

    static final String LOWEST_DAILY_COST = "LOWEST_DAILY_COST";
    static final String HIGHEST_REDUCTION = "HIGHEST_REDUCTION";

    private ContractVolumeRule() {
    }

    /** A checked entry: the winner and its contract volume C. */
    public record Entry(WinningProduct product, Volume contractVolume) {

        public String drugCode() {
            return product.drugCode();
        }
    }

    /**
     * The figures of a line's entries (in drug-code order): each entry's allocated volume, the line's allocated
     * total and the open interval of the absorbing entry.
     */
    public record Figures(Map<String, AllocatedVolume> allocated, AllocatedVolume allocatedTotal,
                          ContractBounds bounds) {

        public AllocatedVolume allocatedOf(String drugCode) {
            return allocated.getOrDefault(drugCode, AllocatedVolume.ZERO);
        }
    }

    /**
     * Checks the shape of what the institution typed and returns the entries in drug-code order: at least one entry
     * ({@code NO_ENTRIES}), each for a winner of the line's group ({@code UNKNOWN_PRODUCT}), no drug twice
     * ({@code DUPLICATE_ENTRY}), every contract volume a positive whole number ({@code INVALID_CONTRACT_VOLUME}).
     */
    public static List<Entry> entries(PendingLine line, List<EntryRequest> requests,
                                      Map<String, WinningProduct> winnersByDrug) {
        if (requests == null || requests.isEmpty()) {
            throw new RuleViolation(RefusalCode.NO_ENTRIES, "An allocation needs at least one entry",
                    Map.of("lineId", line.lineId()));
        }
        Set<String> seen = new HashSet<>();
        List<Entry> entries = new ArrayList<>();
        for (EntryRequest request : requests) {
            String drugCode = request == null ? null : request.drugCode();
            WinningProduct product = drugCode == null ? null : winnersByDrug.get(drugCode);
            if (product == null || !product.groupCode().equals(line.groupCode())) {
                throw new RuleViolation(RefusalCode.UNKNOWN_PRODUCT, "Drug " + drugCode
                        + " is not a winning product of group " + line.groupCode(),
                        Map.of("drugCode", String.valueOf(drugCode), "groupCode", line.groupCode()));
            }
            if (!seen.add(drugCode)) {
                throw new RuleViolation(RefusalCode.DUPLICATE_ENTRY, "Drug " + drugCode + " has more than one entry",
                        Map.of("drugCode", drugCode));
            }
            if (request.contractVolume() == null || !request.contractVolume().positive()) {
                throw new RuleViolation(RefusalCode.INVALID_CONTRACT_VOLUME,
                        "The contract volume of " + drugCode + " must be a positive whole number (rule 3)",
                        Map.of("rule", 3, "drugCode", drugCode,
                                "contractVolume", String.valueOf(request.contractVolume())));
            }
            entries.add(new Entry(product, request.contractVolume()));
        }
        entries.sort(Comparator.comparing(Entry::drugCode));
        return List.copyOf(entries);
    }

    /** The allocated volumes, the allocated total and the bounds of rule 1 or 2; decides nothing. */
    public static Figures figures(PendingLine line, List<Entry> entries) {
        return exact(line, entries).figures();
    }

    /** Rules 1 and 2: the absorbing entry's contract volume lies strictly inside its interval. */
    public static Figures checkBounds(PendingLine line, List<Entry> entries) {
        Exact exact = exact(line, entries);
        Figures figures = exact.figures();
        Ratio c = Ratio.of(exact.absorbing().contractVolume());
        if (c.compareTo(exact.lower()) <= 0 || c.compareTo(exact.upper()) >= 0) {
            ContractBounds b = figures.bounds();
            throw new RuleViolation(RefusalCode.CONTRACT_VOLUME_OUT_OF_RANGE, "Rule " + b.rule()
                    + ": the contract volume of " + b.drugCode() + " must lie strictly between "
                    + b.lower().toPlainString() + " and " + b.upper().toPlainString() + ", was "
                    + exact.absorbing().contractVolume(),
                    Map.of("rule", b.rule(), "drugCode", b.drugCode(), "remainder", b.remainder(),
                            "lower", b.lower(), "upper", b.upper(),
                            "contractVolume", exact.absorbing().contractVolume().minUnits()));
        }
        return figures;
    }

    /** Rule 3's capacity half: C never more than what other confirmed allocations leave of the product. */
    public static void checkCapacity(Entry entry, Volume remaining) {
        if (entry.contractVolume().compareTo(remaining) > 0) {
            throw new RuleViolation(RefusalCode.CAPACITY_EXCEEDED, "Rule 3: the contract volume of " + entry.drugCode()
                    + " exceeds the capacity left", Map.of("rule", 3, "drugCode", entry.drugCode(),
                    "maxCapacity", entry.product().maxCapacity().minUnits(),
                    "requested", entry.contractVolume().minUnits(), "remaining", remaining.minUnits()));
        }
    }

    /**
     * Rule 4: the lowest-daily-cost winner and, where shown, the highest-reduction winner each have an entry
     * ({@code MISSING_REQUIRED_WINNER}) holding at least its minimum share of P ({@code MIN_SHARE_NOT_MET}).
     */
    public static void checkRequiredWinners(PendingLine line, List<Entry> entries,
                                            Collection<WinningProduct> groupWinners, AllocationTerms terms) {
        Exact exact = exact(line, entries);
        WinningProduct lowest = lowestDailyCost(groupWinners);
        Optional<WinningProduct> highest = highestReductionShown(groupWinners);
        requireEntry(LOWEST_DAILY_COST, lowest, exact);
        highest.ifPresent(p -> requireEntry(HIGHEST_REDUCTION, p, exact));
        if (terms != null) {
            requireShare(LOWEST_DAILY_COST, lowest, terms.minShareLowestDailyCost(), line, exact);
            highest.ifPresent(p -> requireShare(HIGHEST_REDUCTION, p, terms.minShareHighestReduction(), line, exact));
        }
    }

    /** The group's winner with the lowest daily cost ({@link WinnerColumns}); ties: lower drug code. */
    public static WinningProduct lowestDailyCost(Collection<WinningProduct> groupWinners) {
        return groupWinners.stream().min(WinnerColumns.LOWEST_COST_FIRST)
                .orElseThrow(() -> new IllegalStateException("a product group without winners"));
    }

    /** The group's winner with the highest reduction ({@link WinnerColumns}); ties: lower drug code. */
    public static WinningProduct highestReduction(Collection<WinningProduct> groupWinners) {
        return groupWinners.stream().min(WinnerColumns.HIGHEST_REDUCTION_FIRST)
                .orElseThrow(() -> new IllegalStateException("a product group without winners"));
    }

    /** The highest-reduction winner, empty when it is the same enterprise as the lowest-daily-cost winner. */
    public static Optional<WinningProduct> highestReductionShown(Collection<WinningProduct> groupWinners) {
        if (groupWinners.isEmpty()) {
            throw new IllegalStateException("a product group without winners");
        }
        return Optional.ofNullable(WinnerColumns.of(groupWinners).highestReduction());
    }

    private static void requireEntry(String which, WinningProduct winner, Exact exact) {
        if (!exact.allocated().containsKey(winner.drugCode())) {
            throw new RuleViolation(RefusalCode.MISSING_REQUIRED_WINNER, "Rule 4: the " + describe(which) + " winner "
                    + winner.drugCode() + " (" + winner.enterprise() + ") needs an entry",
                    Map.of("rule", 4, "winner", which, "drugCode", winner.drugCode(),
                            "enterprise", winner.enterprise()));
        }
    }

    private static void requireShare(String which, WinningProduct winner, BigDecimal share, PendingLine line,
                                     Exact exact) {
        if (share == null || share.signum() <= 0) {
            return;
        }
        Ratio required = Ratio.of(line.pendingVolume()).times(share);
        Ratio allocated = exact.allocated().get(winner.drugCode());
        if (allocated.compareTo(required) < 0) {
            throw new RuleViolation(RefusalCode.MIN_SHARE_NOT_MET, "Rule 4: the " + describe(which) + " winner "
                    + winner.drugCode() + " must receive at least " + share.toPlainString() + " of the pending volume",
                    Map.of("rule", 4, "winner", which, "drugCode", winner.drugCode(), "minShare", share,
                            "required", required.shown(), "allocated", allocated.shown()));
        }
    }

    private static String describe(String which) {
        return LOWEST_DAILY_COST.equals(which) ? "lowest-daily-cost" : "highest-reduction";
    }

    /** Every figure of rules 1 and 2 as exact fractions. */
    private record Exact(Map<String, Ratio> allocated, Ratio total, int rule, Entry absorbing, Ratio remainder,
                         Ratio lower, Ratio upper) {

        Figures figures() {
            Map<String, AllocatedVolume> shown = new LinkedHashMap<>();
            allocated.forEach((drug, r) -> shown.put(drug, new AllocatedVolume(r.shown())));
            return new Figures(shown, new AllocatedVolume(total.shown()), new ContractBounds(rule,
                    absorbing.drugCode(), remainder.shown(), lower.shown(), upper.shown()));
        }
    }

    private static Exact exact(PendingLine line, List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no entries");
        }
        Ratio ud = Ratio.of(line.dailyUsage().minUnitsPerDay());
        Map<String, Ratio> allocated = new LinkedHashMap<>();
        Ratio total = Ratio.ZERO;
        for (Entry e : entries) {
            Ratio a = Ratio.of(e.contractVolume()).divide(Ratio.of(e.product().dailyUsage().minUnitsPerDay()))
                    .times(ud);
            allocated.put(e.drugCode(), a);
            total = total.plus(a);
        }
        Entry m = entries.stream()
                .min(Comparator.comparing((Entry e) -> e.product().packageQuantity()).reversed()
                        .thenComparing(Entry::drugCode))
                .orElseThrow();
        Ratio remainder = Ratio.of(line.pendingVolume());
        for (Entry e : entries) {
            if (e != m) {
                remainder = remainder.minus(allocated.get(e.drugCode()));
            }
        }
        Ratio centre = remainder.divide(ud).times(Ratio.of(m.product().dailyUsage().minUnitsPerDay()));
        Ratio q = Ratio.of(BigDecimal.valueOf(m.product().packageQuantity()));
        return new Exact(allocated, total, entries.size() == 1 ? 1 : 2, m, remainder, centre.minus(q),
                centre.plus(q));
    }

    /** An exact fraction of two decimals, the denominator positive: sums, products and quotients never round. */
    private record Ratio(BigDecimal num, BigDecimal den) implements Comparable<Ratio> {

        static final Ratio ZERO = new Ratio(BigDecimal.ZERO, BigDecimal.ONE);

        Ratio {
            if (den.signum() == 0) {
                throw new ArithmeticException("division by zero");
            }
            if (den.signum() < 0) {
                num = num.negate();
                den = den.negate();
            }
        }

        static Ratio of(BigDecimal d) {
            return new Ratio(d, BigDecimal.ONE);
        }

        static Ratio of(Volume v) {
            return of(BigDecimal.valueOf(v.minUnits()));
        }

        Ratio plus(Ratio o) {
            return new Ratio(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
        }

        Ratio minus(Ratio o) {
            return new Ratio(num.multiply(o.den).subtract(o.num.multiply(den)), den.multiply(o.den));
        }

        Ratio times(Ratio o) {
            return new Ratio(num.multiply(o.num), den.multiply(o.den));
        }

        Ratio times(BigDecimal d) {
            return new Ratio(num.multiply(d), den);
        }

        Ratio divide(Ratio o) {
            return new Ratio(num.multiply(o.den), den.multiply(o.num));
        }

        BigDecimal shown() {
            BigDecimal d = num.divide(den, SHOWN_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        }

        @Override
        public int compareTo(Ratio o) {
            return num.multiply(o.den).compareTo(o.num.multiply(den));
        }
    }
}
