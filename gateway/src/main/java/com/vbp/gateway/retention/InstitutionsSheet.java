package com.vbp.gateway.retention;

import com.vbp.events.common.District;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionView;
import com.vbp.gateway.excel.XlsxWriter;

import java.io.OutputStream;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The 测算数据基本信息 export: the columns of the JSON list; 医保考核评分 reads 未考核 for an institution
 * its district bureau has not scored.
 */
final class InstitutionsSheet {

    static final String NOT_ASSESSED = "未考核";
    static final List<String> TITLES = List.of("机构编码", "机构名称", "所属区县", "区县名称", "职保占比", "考核品种数", "自评分",
            "医保考核评分");

    private InstitutionsSheet() {
    }

    /** Writes every row that {@code pages} yields, asking for page 0, 1, … until one comes back empty. */
    static void write(OutputStream out, IntFunction<List<RetentionInstitutionView>> pages) {
        try (XlsxWriter sheet = XlsxWriter.open(out, "测算数据基本信息", TITLES)) {
            for (int page = 0; ; page++) {
                List<RetentionInstitutionView> rows = pages.apply(page);
                if (rows.isEmpty()) {
                    break;
                }
                for (RetentionInstitutionView i : rows) {
                    sheet.append(i.institutionCode(), i.institutionName(), i.district(),
                            District.nameOf(i.district()), i.employeeShare(),
                            (long) i.varieties(), RetentionViews.points(i.selfAssessment()),
                            i.assessmentScore() == null ? NOT_ASSESSED : i.assessmentScore().points());
                }
            }
            sheet.finish();
        }
    }
}
