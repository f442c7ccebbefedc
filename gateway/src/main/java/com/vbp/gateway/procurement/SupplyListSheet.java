package com.vbp.gateway.procurement;

import com.vbp.events.common.District;
import com.vbp.events.procurement.ProcurementQueries.SupplyRow;
import com.vbp.gateway.excel.XlsxWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.IntFunction;

/** The 供应清单 export: the supply-list columns, written page by page as they are read. */
final class SupplyListSheet {

    static final List<String> TITLES = List.of("机构编码", "机构名称", "所属区县", "区县名称", "产品组编码", "产品组名称", "药品统一编码",
            "品种名称", "剂型", "规格", "企业名称", "包装中选价(元)", "最小包装数量", "最小制剂单位", "日均使用量", "降幅(%)",
            "约定采购量");

    private SupplyListSheet() {
    }

    /** Writes every row that {@code pages} yields, asking for page 0, 1, … until one comes back empty. */
    static void write(OutputStream out, IntFunction<List<SupplyRow>> pages) throws IOException {
        try (XlsxWriter sheet = XlsxWriter.open(out, "供应清单", TITLES)) {
            for (int page = 0; ; page++) {
                List<SupplyRow> rows = pages.apply(page);
                if (rows.isEmpty()) {
                    break;
                }
                for (SupplyRow r : rows) {
                    sheet.append(r.institutionCode(), r.institutionName(), r.district(),
                            District.nameOf(r.district()), r.groupCode(), r.groupName(),
                            r.drugCode(), r.variety(), r.dosageForm(), r.specification(), r.enterprise(),
                            r.packagePrice().yuan(), (long) r.packageQuantity(), r.minUnit(),
                            r.dailyUsage().minUnitsPerDay(), r.reduction().percent(), r.agreedVolume().minUnits());
                }
            }
            sheet.finish();
        }
    }
}
