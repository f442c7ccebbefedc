package com.vbp.gateway.excel;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.vbp.gateway.excel.Cells.Range.GREATER_THAN_ZERO;

/**
 * 医疗机构需求, the institutions' demand lines of a procurement batch (FILES.md). Checks the cells'
 * types; whether the product groups, drug codes and institutions exist is the domain's business.
 */
public final class DemandFile {

    public static final String SHEET_NAME = "医疗机构需求";

    public static final String INSTITUTION_CODE = "机构编码";
    public static final String INSTITUTION_NAME = "机构名称";
    public static final String DISTRICT = "所属区县";
    public static final String GROUP_CODE = "产品组编码";
    public static final String KIND = "需求类型";
    public static final String DRUG_CODE = "药品统一编码";
    public static final String VARIETY = "品种名称";
    public static final String ENTERPRISE = "企业名称";
    public static final String VOLUME = "需求量";
    public static final String DAILY_USAGE = "日均使用量";

    public static final List<String> TITLES = List.of(INSTITUTION_CODE, INSTITUTION_NAME, DISTRICT,
            GROUP_CODE, KIND, DRUG_CODE, VARIETY, ENTERPRISE, VOLUME, DAILY_USAGE);

    /** The words of the 需求类型 column. */
    public static final String SELECTED = "中选";
    public static final String PENDING = "待分配";
    private static final Map<String, DemandKind> KINDS = Map.of(SELECTED, DemandKind.SELECTED,
            PENDING, DemandKind.PENDING);

    private final SheetReader reader = new SheetReader(SHEET_NAME, TITLES);

    public ParsedRows<DemandRow> parse(InputStream upload, UploadLimits limits) {
        return parse(XlsxGuard.readAll(upload, limits.maxBytes()), limits);
    }

    /** The readable rows of the file and the problems of the others' cells. */
    public ParsedRows<DemandRow> parse(byte[] xlsx, UploadLimits limits) {
        List<DemandRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        reader.read(xlsx, limits, sheetRow -> {
            DemandRow row = row(new Cells(sheetRow, problems));
            if (row != null) {
                rows.add(row);
            }
        });
        return new ParsedRows<>(rows, problems);
    }

    private static DemandRow row(Cells cells) {
        String institutionCode = cells.text(INSTITUTION_CODE);
        String institutionName = cells.text(INSTITUTION_NAME);
        String district = cells.district(DISTRICT);
        String groupCode = cells.text(GROUP_CODE);
        DemandKind kind = kind(cells);
        String drugCode = cells.text(DRUG_CODE);
        String variety = cells.text(VARIETY);
        String enterprise = cells.text(ENTERPRISE);
        Long volume = cells.whole(VOLUME, GREATER_THAN_ZERO);
        // Blank is allowed here: whether the line needs it (a 待分配 line does) is DemandRules' business.
        BigDecimal dailyUsage = cells.optionalDecimal(DAILY_USAGE, GREATER_THAN_ZERO,
                CatalogueFile.DAILY_USAGE_PLACES);
        if (cells.hasProblems()) {
            return null;
        }
        return new DemandRow(cells.rowNumber(), institutionCode, institutionName, district, groupCode, kind,
                drugCode, variety, enterprise, Volume.of(volume),
                dailyUsage == null ? null : new DailyUsage(dailyUsage));
    }

    private static DemandKind kind(Cells cells) {
        String word = cells.text(KIND);
        if (word == null) {
            return null;
        }
        DemandKind kind = KINDS.get(word);
        if (kind == null) {
            cells.problem(KIND, RowCode.NOT_ALLOWED, "must be " + SELECTED + " or " + PENDING);
        }
        return kind;
    }

    /** The lines as an xlsx with the upload's titles, so an export can be edited and uploaded. */
    public void write(Iterable<DemandRow> rows, OutputStream out) {
        try (XlsxWriter sheet = XlsxWriter.open(out, SHEET_NAME, TITLES)) {
            for (DemandRow row : rows) {
                sheet.append(cellsOf(row));
            }
            sheet.finish();
        }
    }

    private static List<Object> cellsOf(DemandRow r) {
        return Arrays.asList(r.institutionCode(), r.institutionName(), r.district(), r.groupCode(),
                r.kind() == null ? null : (r.kind() == DemandKind.SELECTED ? SELECTED : PENDING),
                r.drugCode(), r.variety(), r.enterprise(),
                r.volume() == null ? null : r.volume().minUnits(),
                r.dailyUsage() == null ? null : r.dailyUsage().minUnitsPerDay());
    }
}
