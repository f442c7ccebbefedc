package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationQueries.LineKind;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.allocation.AllocationQueries.ReportListPage;
import com.vbp.gateway.excel.XlsxWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The 分配采购量确认上报 export: one row per confirmed contract, the same columns as the JSON list, then a 合计
 * row with the list's totals (合同量, 合同金额).
 */
final class ReportSheet {

    static final String TOTAL = "合计";
    static final List<String> TITLES = List.of("需求类型", "需求药品编码", "产品组编码", "药品统一编码", "品种名称", "企业名称",
            "包装中选价(元)", "最小包装数量", "合同量", "合同金额(元)");

    private ReportSheet() {
    }

    static void write(OutputStream out, ReportListPage report) throws IOException {
        try (XlsxWriter sheet = XlsxWriter.open(out, "分配采购量确认上报", TITLES)) {
            for (ReportLine l : report.items()) {
                sheet.append(l.kind() == LineKind.SELECTED ? "中选" : "待分配", l.lineId(), l.groupCode(), l.drugCode(),
                        l.variety(), l.enterprise(), l.packagePrice().yuan(), (long) l.packageQuantity(),
                        l.contractVolume().minUnits(), l.contractAmount().yuan());
            }
            if (sheet.rowCount() > 0) {
                sheet.append(TOTAL, null, null, null, null, null, null, null,
                        report.totalVolume() == null ? null : report.totalVolume().minUnits(),
                        report.totalAmount() == null ? null : report.totalAmount().yuan());
            }
            sheet.finish();
        }
    }
}
