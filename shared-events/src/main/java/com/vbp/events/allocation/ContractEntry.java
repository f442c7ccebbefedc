package com.vbp.events.allocation;

import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;

/**
 * One winner's share of a pending line with every figure a reader needs: the product's terms, the
 * contract volume C (its min units), the allocated volume in the pending line's units (C / U_pe × U_d)
 * and the contract amount (packagePrice / packageQuantity × C, rounded to 0.01 yuan half up).
 * {@code remainingCapacity} is the product's capacity left for this institution when the figures were
 * made (capacity minus what other confirmed allocations hold).
 */
public record ContractEntry(String drugCode, String groupCode, String variety, String enterprise,
                            Money packagePrice, int packageQuantity, DailyUsage dailyUsage,
                            Volume contractVolume, AllocatedVolume allocatedVolume, Money contractAmount,
                            Volume remainingCapacity) {
}
