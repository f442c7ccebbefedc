package com.vbp.gateway.benchmark;

import com.vbp.command.allocation.ContractVolumeRule;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.standalone.demo.DemoData;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The entries of 保存 that a benchmark institution sends for a pending line of the generated data set. */
final class AllocationEntries {

    private static final MathContext EXACT_ENOUGH = MathContext.DECIMAL128;

    private final Map<String, List<WinningProduct>> winnersByGroup;

    AllocationEntries(DemoData data) {
        this.winnersByGroup = data.catalogue().stream().map(CatalogueRow::product)
                .collect(Collectors.groupingBy(WinningProduct::groupCode, TreeMap::new, Collectors.toList()));
    }

    /**
     * Entries that pass rules 1, 2 and 4: C = P / U_d × U_e rounded to a whole number is always within ± q_e of
     * its centre (q_e ≥ 1), so one entry, or a half share for the smaller package and the remainder for the larger.
     */
    List<EntryRequest> of(DemandRow line) {
        List<WinningProduct> winners = winnersByGroup.get(line.groupCode());
        WinningProduct lowest = ContractVolumeRule.lowestDailyCost(winners);
        Optional<WinningProduct> highest = ContractVolumeRule.highestReductionShown(winners);
        BigDecimal p = BigDecimal.valueOf(line.volume().minUnits());
        BigDecimal ud = line.dailyUsage().minUnitsPerDay();
        if (highest.isEmpty()) {
            return List.of(new EntryRequest(lowest.drugCode(), Volume.of(units(p, ud, lowest))));
        }
        List<WinningProduct> two = new ArrayList<>(List.of(lowest, highest.get()));
        two.sort(Comparator.comparing(WinningProduct::packageQuantity).reversed()
                .thenComparing(WinningProduct::drugCode));
        WinningProduct absorbing = two.get(0);
        WinningProduct other = two.get(1);
        long c = Math.max(1, units(p.divide(BigDecimal.valueOf(2)), ud, other));
        BigDecimal allocated = BigDecimal.valueOf(c).multiply(ud).divide(other.dailyUsage().minUnitsPerDay(),
                EXACT_ENOUGH);
        long m = units(p.subtract(allocated), ud, absorbing);
        return List.of(new EntryRequest(other.drugCode(), Volume.of(c)),
                new EntryRequest(absorbing.drugCode(), Volume.of(Math.max(1, m))));
    }

    /** P / U_d × U_e, rounded half up to a whole number of the product's min units. */
    private static long units(BigDecimal pending, BigDecimal ud, WinningProduct w) {
        return pending.multiply(w.dailyUsage().minUnitsPerDay()).divide(ud, EXACT_ENOUGH)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
