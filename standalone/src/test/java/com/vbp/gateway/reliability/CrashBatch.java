package com.vbp.gateway.reliability;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.gateway.support.SmallBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The batches of the crash test: {@link SmallBatch}'s catalogue (capacities far above what the clerks can book),
 * and for each institution the same three demand lines {@link InstitutionClerk} works on: selected ZC00000011
 * (4800), pending ZX00000099 in G2 (P 9000, U_d 9) and pending ZX00000098 in G1 (P 900, U_d 3).
 */
final class CrashBatch {

    private CrashBatch() {
    }

    static String institution(int i) {
        return String.format("H420102%05d", i + 1);
    }

    static byte[] catalogue() {
        return SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE);
    }

    static byte[] demands(int institutions) {
        List<DemandRow> rows = new ArrayList<>();
        for (int i = 0; i < institutions; i++) {
            String code = institution(i);
            String name = "武汉市崩溃测试医院" + (i + 1);
            rows.add(new DemandRow(rows.size() + 2, code, name, "420102", "G1", DemandKind.SELECTED,
                    InstitutionClerk.SELECTED, "银杏叶片", "湖北甲制药有限公司", Volume.of(4800), null));
            rows.add(new DemandRow(rows.size() + 2, code, name, "420102", "G2", DemandKind.PENDING,
                    InstitutionClerk.ONE_WINNER, "丹参片", "某非中选药厂", Volume.of(9000), DailyUsage.of("9")));
            rows.add(new DemandRow(rows.size() + 2, code, name, "420102", "G1", DemandKind.PENDING,
                    InstitutionClerk.TWO_WINNERS, "银杏叶滴丸", "某非中选二厂", Volume.of(900), DailyUsage.of("3")));
        }
        return SmallBatch.demandXlsx(rows);
    }
}
