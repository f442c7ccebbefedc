package com.vbp.standalone.demo;

import com.vbp.events.common.District;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;

import java.util.List;

/**
 * One procurement batch's worth of demo data: the winning-product catalogue (中选产品目录) and the
 * institutions' demand lines (医疗机构需求), in file order with their spreadsheet row numbers, plus
 * the districts and institutions the demand lines name. {@code DemandRow.district()} is a
 * {@link District#code()}.
 */
public record DemoData(List<CatalogueRow> catalogue, List<DemandRow> demands, List<District> districts,
                       List<Institution> institutions) {

    public DemoData {
        catalogue = List.copyOf(catalogue);
        demands = List.copyOf(demands);
        districts = List.copyOf(districts);
        institutions = List.copyOf(institutions);
    }
}
