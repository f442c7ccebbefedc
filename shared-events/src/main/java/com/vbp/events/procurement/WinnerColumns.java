package com.vbp.events.procurement;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The three columns of the 待分配量 screen for one product group (seed 000 §3.2.3): the lowest daily cost
 * winner (日均费用最低中选企业), the highest reduction winner (降幅最高中选企业; null when it is the same
 * enterprise as the first) and the others (其他中选企业), in drug-code order.
 * <p>
 * Daily cost = packagePrice / packageQuantity × dailyUsage. Winners are compared exactly (cross-multiplied,
 * no division); ties go to the lower drug code. The cost shown is rounded to 4 decimals, half up.
 * <p>
 * The one home of this rule: the query side shows the columns, the command side's contract-volume rule 4 requires
 * entries for the first two (DOMAIN.md), so it lives with the catalogue's record both sides share.
 */
public record WinnerColumns(WinningProduct lowestDailyCost, WinningProduct highestReduction, List<WinningProduct> others) {

    public static final Comparator<WinningProduct> BY_DAILY_COST = (a, b) -> {
        // a.price / a.qty × a.usage  vs  b.price / b.qty × b.usage, both sides × a.qty × b.qty
        BigDecimal left = a.packagePrice().yuan().multiply(a.dailyUsage().minUnitsPerDay())
                .multiply(BigDecimal.valueOf(b.packageQuantity()));
        BigDecimal right = b.packagePrice().yuan().multiply(b.dailyUsage().minUnitsPerDay())
                .multiply(BigDecimal.valueOf(a.packageQuantity()));
        return left.compareTo(right);
    };

    public static final Comparator<WinningProduct> LOWEST_COST_FIRST =
            BY_DAILY_COST.thenComparing(WinningProduct::drugCode);

    public static final Comparator<WinningProduct> HIGHEST_REDUCTION_FIRST =
            Comparator.comparing((WinningProduct p) -> p.reduction().percent()).reversed()
                    .thenComparing(WinningProduct::drugCode);

    public static WinnerColumns of(Collection<WinningProduct> groupWinners) {
        if (groupWinners.isEmpty()) {
            return new WinnerColumns(null, null, List.of());
        }
        WinningProduct lowest = groupWinners.stream().min(LOWEST_COST_FIRST).orElseThrow();
        WinningProduct reduction = groupWinners.stream().min(HIGHEST_REDUCTION_FIRST).orElseThrow();
        WinningProduct shownReduction = reduction.enterprise().equals(lowest.enterprise()) ? null : reduction;
        List<WinningProduct> others = groupWinners.stream()
                .filter(p -> !p.drugCode().equals(lowest.drugCode()))
                .filter(p -> shownReduction == null || !p.drugCode().equals(shownReduction.drugCode()))
                .sorted(Comparator.comparing(WinningProduct::drugCode)).toList();
        return new WinnerColumns(lowest, shownReduction, others);
    }

    /** packagePrice / packageQuantity × dailyUsage, rounded to 4 decimals half up for display. */
    public static Money dailyCost(WinningProduct p, DailyUsage usage) {
        return new Money(p.packagePrice().yuan().multiply(usage.minUnitsPerDay())
                .divide(BigDecimal.valueOf(p.packageQuantity()), 4, RoundingMode.HALF_UP));
    }
}
