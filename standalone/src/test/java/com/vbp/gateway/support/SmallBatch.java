package com.vbp.gateway.support;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.gateway.excel.CatalogueFile;
import com.vbp.gateway.excel.DemandFile;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** A small, hand-checked batch: two product groups, three winners, two institutions in two districts. */
public final class SmallBatch {

    private SmallBatch() {
    }

    public static final List<CatalogueRow> CATALOGUE = List.of(
            new CatalogueRow(2, new WinningProduct("G1", "银杏叶口服常释剂型", "ZC00000011", "银杏叶片", "片剂", "每片0.25g",
                    "湖北甲制药有限公司", Money.of("12.3456"), 24, "片", DailyUsage.of("3"), Percentage.of("35.5"),
                    Volume.of(1_000_000))),
            new CatalogueRow(3, new WinningProduct("G1", "银杏叶口服常释剂型", "ZC00000012", "银杏叶胶囊", "胶囊剂",
                    "每粒0.3g", "乙药业股份有限公司", Money.of("20"), 36, "粒", DailyUsage.of("4"), Percentage.of("50"),
                    Volume.of(2_000_000))),
            new CatalogueRow(4, new WinningProduct("G2", "复方丹参滴丸", "ZC00000021", "复方丹参滴丸", "滴丸剂",
                    "每丸27mg", "天丙医药集团", Money.of("8.5"), 180, "丸", DailyUsage.of("30"), Percentage.of("22"),
                    Volume.of(5_000_000))));

    public static final List<DemandRow> DEMANDS = List.of(
            new DemandRow(2, "H42010200001", "武汉市江岸区人民医院", "420102", "G1", DemandKind.SELECTED, "ZC00000011",
                    "银杏叶片", "湖北甲制药有限公司", Volume.of(4800), null),
            new DemandRow(3, "H42010200001", "武汉市江岸区人民医院", "420102", "G2", DemandKind.PENDING, "ZX00000099",
                    "丹参片", "某非中选药厂", Volume.of(9000), DailyUsage.of("9")),
            new DemandRow(4, "H42010300002", "武汉市第一医院", "420103", "G1", DemandKind.SELECTED, "ZC00000012",
                    "银杏叶胶囊", "乙药业股份有限公司", Volume.of(1200), null));

    public static byte[] catalogueXlsx(List<CatalogueRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CatalogueFile().write(rows.stream().map(CatalogueRow::product).toList(), out);
        return out.toByteArray();
    }

    public static byte[] demandXlsx(List<DemandRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DemandFile().write(rows, out);
        return out.toByteArray();
    }
}
