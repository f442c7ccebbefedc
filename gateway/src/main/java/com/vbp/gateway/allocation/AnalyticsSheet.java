package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.gateway.allocation.AllocationAnalyticsController.AmountRow;
import com.vbp.gateway.allocation.AllocationAnalyticsController.AmountsResponse;
import com.vbp.gateway.allocation.AllocationAnalyticsController.ProgressRow;
import com.vbp.gateway.excel.XlsxWriter;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The analytics exports: the same rows and columns as the JSON answers, titled in the words of the other
 * exports (FILES.md), figures as numeric cells (amounts in yuan, rounded to the fen as in the JSON).
 * <ul>
 *     <li>合同金额: the grouping's key — and its name where it is not the key (product group, institution,
 *         district) —
 *         then 合同量, 合同金额(元) and 合同条数, and a last row 合计 with the sums (合同金额 = {@code totalAmount});</li>
 *     <li>分配进度: one row per batch.</li>
 * </ul>
 */
final class AnalyticsSheet {

    static final String VOLUME = "合同量";
    static final String AMOUNT = "合同金额(元)";
    static final String LINES = "合同条数";
    static final String TOTAL = "合计";
    static final List<String> PROGRESS_TITLES = List.of("批次编码", "需求行数", "已确认行数", "医疗机构数", "已上报机构数",
            "待分配量", "已分配量");

    private AnalyticsSheet() {
    }

    /** The key's title and, where the name is not the key itself, the name's. */
    static List<String> keyTitles(AmountGrouping grouping) {
        return switch (grouping) {
            case ENTERPRISE -> List.of("企业名称");
            case PRODUCT_GROUP -> List.of("产品组编码", "产品组名称");
            case INSTITUTION -> List.of("机构编码", "机构名称");
            case DISTRICT -> List.of("所属区县", "区县名称");
        };
    }

    /** 按企业, 按产品组, 按医疗机构, 按区县. */
    static String by(AmountGrouping grouping) {
        return switch (grouping) {
            case ENTERPRISE -> "按企业";
            case PRODUCT_GROUP -> "按产品组";
            case INSTITUTION -> "按医疗机构";
            case DISTRICT -> "按区县";
        };
    }

    static void writeAmounts(OutputStream out, AmountGrouping grouping, AmountsResponse amounts) {
        List<String> keyTitles = keyTitles(grouping);
        List<String> titles = new ArrayList<>(keyTitles);
        titles.addAll(List.of(VOLUME, AMOUNT, LINES));
        try (XlsxWriter sheet = XlsxWriter.open(out, "合同金额" + by(grouping), titles)) {
            long volume = 0;
            long lines = 0;
            for (AmountRow r : amounts.items()) {
                List<Object> row = new ArrayList<>();
                row.add(r.key());
                if (keyTitles.size() == 2) {
                    row.add(r.name());
                }
                row.addAll(List.of(r.contractVolume(), r.contractAmount(), r.lines()));
                sheet.append(row);
                volume += r.contractVolume();
                lines += r.lines();
            }
            List<Object> total = new ArrayList<>();
            total.add(TOTAL);
            if (keyTitles.size() == 2) {
                total.add(null);
            }
            total.addAll(List.of(volume, amounts.totalAmount(), lines));
            sheet.append(total);
            sheet.finish();
        }
    }

    static void writeProgress(OutputStream out, List<ProgressRow> rows) {
        try (XlsxWriter sheet = XlsxWriter.open(out, "分配进度", PROGRESS_TITLES)) {
            for (ProgressRow r : rows) {
                sheet.append(r.batchCode(), r.lines(), r.linesConfirmed(), r.institutions(), r.institutionsReported(),
                        r.pendingVolume(), r.volumeAllocated());
            }
            sheet.finish();
        }
    }
}
