package com.vbp.gateway.retention;

import com.vbp.gateway.excel.XlsxWriter;
import com.vbp.gateway.retention.RetentionViews.AmountDetail;
import com.vbp.gateway.retention.RetentionViews.AmountItem;
import com.vbp.gateway.retention.RetentionViews.VarietyItem;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The 品种详情 export of one institution's retained amount (seed 003 §4.2): its per-variety rows as the
 * JSON detail shows them — the 测算数据 inputs in the titles of that file, then budget, actual, surplus,
 * 约定采购量完成率 and the informative retained share — each row naming the institution, then a 合计 row: the
 * sums of the volumes and amounts, and as 结余留用金额 the institution's retained amount R (RETENTION.md: the
 * per-variety figures are informative, R is the amount).
 */
final class VarietiesSheet {

    static final String TOTAL = "合计";
    static final List<String> TITLES = List.of("机构编码", "机构名称", "所属区县", "区县名称", "品种名称", "约定采购量", "集采前单价",
            "中选产品采购量", "中选产品采购金额", "非中选产品采购量", "非中选产品采购金额", "预算金额(元)", "实际发生额(元)",
            "结余金额(元)", "约定采购量完成率", "结余留用金额(元)");

    private VarietiesSheet() {
    }

    static void write(OutputStream out, AmountDetail detail) {
        AmountItem a = detail.amount();
        List<VarietyItem> varieties = detail.varieties();
        try (XlsxWriter sheet = XlsxWriter.open(out, "品种详情", TITLES)) {
            for (VarietyItem v : varieties) {
                sheet.append(a.institutionCode(), a.institutionName(), a.district(), a.districtName(), v.variety(), v.agreedVolume(),
                        v.prePrice(), v.selectedVolume(), v.selectedAmount(), v.nonSelectedVolume(),
                        v.nonSelectedAmount(), v.budget(), v.actual(), v.surplus(), v.completionRate(),
                        v.retainedShare());
            }
            if (!varieties.isEmpty()) {
                sheet.append(TOTAL, null, null, null, null, sum(varieties, VarietyItem::agreedVolume), null,
                        sum(varieties, VarietyItem::selectedVolume), sum(varieties, VarietyItem::selectedAmount),
                        sum(varieties, VarietyItem::nonSelectedVolume), sum(varieties, VarietyItem::nonSelectedAmount),
                        a.budget(), a.actual(), a.surplus(), null, a.retained());
            }
            sheet.finish();
        }
    }

    private static BigDecimal sum(List<VarietyItem> varieties, Function<VarietyItem, ? extends Number> column) {
        return varieties.stream().map(column).map(n -> n == null ? BigDecimal.ZERO
                : n instanceof BigDecimal d ? d : BigDecimal.valueOf(n.longValue())).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }
}
