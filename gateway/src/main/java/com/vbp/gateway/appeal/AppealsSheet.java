package com.vbp.gateway.appeal;

import com.vbp.events.appeal.AppealQueries.AppealSummary;
import com.vbp.events.common.District;
import com.vbp.gateway.excel.XlsxWriter;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The 申诉管理 export: the list's columns (seed 003 §4.3: 批次, 标题, 机构名称, 提交时间, 状态, 处理人, 处理时间) with the
 * codes beside the names. Times are written as the manual shows them, in Beijing time, as text.
 */
final class AppealsSheet {

    static final List<String> TITLES = List.of("批次编码", "批次", "标题", "机构编码", "机构名称", "所属区县", "区县名称",
            "提交时间", "状态", "处理人", "处理时间");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private AppealsSheet() {
    }

    /** Writes every row that {@code pages} yields, asking for page 0, 1, … until one comes back empty. */
    static void write(OutputStream out, IntFunction<List<AppealSummary>> pages) {
        try (XlsxWriter sheet = XlsxWriter.open(out, "申诉管理", TITLES)) {
            for (int page = 0; ; page++) {
                List<AppealSummary> rows = pages.apply(page);
                if (rows.isEmpty()) {
                    break;
                }
                for (AppealSummary a : rows) {
                    sheet.append(a.batchCode(), a.batchName(), a.title(), a.institutionCode(), a.institutionName(),
                            a.district(), District.nameOf(a.district()), time(a.filedAt()),
                            AppealViews.label(a.status()), a.handledBy(), time(a.handledAt()));
                }
            }
            sheet.finish();
        }
    }

    static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }
}
