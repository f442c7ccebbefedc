package com.vbp.events.allocation;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Volume;

/** The two kinds of demand line an institution has in a batch. */
public final class DemandLines {

    private DemandLines() {
    }

    /**
     * 中选产品采购量: demand that already names a winning product; {@code lineId} is its drug code.
     */
    public record SelectedLine(String lineId, String groupCode, String drugCode, String variety, String enterprise,
                               Volume volume) {
    }

    /**
     * 待分配量: demand P for a non-winning product with daily usage U_d, to be shared among the
     * winners of its group; {@code lineId} is the drug code it was reported for.
     */
    public record PendingLine(String lineId, String groupCode, String drugCode, String variety, String enterprise,
                              Volume pendingVolume, DailyUsage dailyUsage) {
    }
}
