package com.vbp.gateway.excel;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.WinningProduct;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.vbp.gateway.excel.Cells.Range.AT_LEAST_ZERO;
import static com.vbp.gateway.excel.Cells.Range.GREATER_THAN_ZERO;

/**
 * 中选产品目录, the winning-product catalogue of a procurement batch (FILES.md). Checks the cells'
 * types; whether the rows make sense together and for the batch (a drug code once, …) is the
 * domain's business (CatalogueRules).
 */
public final class CatalogueFile {

    public static final String SHEET_NAME = "中选产品目录";

    public static final String GROUP_CODE = "产品组编码";
    public static final String GROUP_NAME = "产品组名称";
    public static final String DRUG_CODE = "药品统一编码";
    public static final String VARIETY = "品种名称";
    public static final String DOSAGE_FORM = "剂型";
    public static final String SPECIFICATION = "规格";
    public static final String ENTERPRISE = "企业名称";
    public static final String PACKAGE_PRICE = "包装中选价(元)";
    public static final String PACKAGE_QUANTITY = "最小包装数量";
    public static final String MIN_UNIT = "最小制剂单位";
    public static final String DAILY_USAGE = "日均使用量";
    public static final String REDUCTION = "降幅(%)";
    public static final String MAX_CAPACITY = "最大产能";

    public static final List<String> TITLES = List.of(GROUP_CODE, GROUP_NAME, DRUG_CODE, VARIETY,
            DOSAGE_FORM, SPECIFICATION, ENTERPRISE, PACKAGE_PRICE, PACKAGE_QUANTITY, MIN_UNIT,
            DAILY_USAGE, REDUCTION, MAX_CAPACITY);

    /** DOMAIN.md: prices carry up to 4 decimals. */
    static final int PRICE_PLACES = 4;
    /** FILES.md is silent on these; enough for any real usage or reduction, and keeps files sane. */
    static final int DAILY_USAGE_PLACES = 6;
    static final int REDUCTION_PLACES = 4;

    private static final Cells.Range PERCENT = Cells.Range.between(0, 100);

    private final SheetReader reader = new SheetReader(SHEET_NAME, TITLES);

    public ParsedRows<CatalogueRow> parse(InputStream upload, UploadLimits limits) {
        return parse(XlsxGuard.readAll(upload, limits.maxBytes()), limits);
    }

    /** The readable rows of the file and the problems of the others' cells. */
    public ParsedRows<CatalogueRow> parse(byte[] xlsx, UploadLimits limits) {
        List<CatalogueRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        reader.read(xlsx, limits, sheetRow -> {
            CatalogueRow row = row(new Cells(sheetRow, problems));
            if (row != null) {
                rows.add(row);
            }
        });
        return new ParsedRows<>(rows, problems);
    }

    private static CatalogueRow row(Cells cells) {
        String groupCode = cells.text(GROUP_CODE);
        String groupName = cells.text(GROUP_NAME);
        String drugCode = cells.text(DRUG_CODE);
        String variety = cells.text(VARIETY);
        String dosageForm = cells.text(DOSAGE_FORM);
        String specification = cells.text(SPECIFICATION);
        String enterprise = cells.text(ENTERPRISE);
        BigDecimal packagePrice = cells.decimal(PACKAGE_PRICE, GREATER_THAN_ZERO, PRICE_PLACES);
        Integer packageQuantity = cells.wholeInt(PACKAGE_QUANTITY, GREATER_THAN_ZERO);
        String minUnit = cells.text(MIN_UNIT);
        BigDecimal dailyUsage = cells.decimal(DAILY_USAGE, GREATER_THAN_ZERO, DAILY_USAGE_PLACES);
        BigDecimal reduction = cells.decimal(REDUCTION, PERCENT, REDUCTION_PLACES);
        Long maxCapacity = cells.whole(MAX_CAPACITY, AT_LEAST_ZERO);
        if (cells.hasProblems()) {
            return null;
        }
        return new CatalogueRow(cells.rowNumber(), new WinningProduct(groupCode, groupName, drugCode, variety,
                dosageForm, specification, enterprise, new Money(packagePrice), packageQuantity, minUnit,
                new DailyUsage(dailyUsage), new Percentage(reduction), Volume.of(maxCapacity)));
    }

    /** The catalogue as an xlsx with the upload's titles, so an export can be edited and uploaded. */
    public void write(Iterable<WinningProduct> products, OutputStream out) {
        try (XlsxWriter sheet = XlsxWriter.open(out, SHEET_NAME, TITLES)) {
            for (WinningProduct p : products) {
                sheet.append(cellsOf(p));
            }
            sheet.finish();
        }
    }

    private static List<Object> cellsOf(WinningProduct p) {
        return Arrays.asList(p.groupCode(), p.groupName(), p.drugCode(), p.variety(), p.dosageForm(),
                p.specification(), p.enterprise(),
                p.packagePrice() == null ? null : p.packagePrice().yuan(),
                p.packageQuantity(), p.minUnit(),
                p.dailyUsage() == null ? null : p.dailyUsage().minUnitsPerDay(),
                p.reduction() == null ? null : p.reduction().percent(),
                p.maxCapacity() == null ? null : p.maxCapacity().minUnits());
    }
}
