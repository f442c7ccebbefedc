package com.vbp.events.procurement;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;

/**
 * 中选产品: one row of the winning-product catalogue (FILES.md 中选产品目录).
 * {@code packagePrice} is 包装中选价 (up to 4 decimals), {@code packageQuantity} 最小包装数量,
 * {@code dailyUsage} 日均使用量 in min units, {@code reduction} 降幅, {@code maxCapacity} 最大产能.
 */
public record WinningProduct(String groupCode, String groupName, String drugCode, String variety,
                             String dosageForm, String specification, String enterprise,
                             Money packagePrice, int packageQuantity, String minUnit,
                             DailyUsage dailyUsage, Percentage reduction, Volume maxCapacity) {
}
