package com.vbp.gateway.excel;

import com.vbp.events.common.Money;
import com.vbp.events.common.RowProblem;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.CalculationRow;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.vbp.gateway.excel.Cells.Range.AT_LEAST_ZERO;

/**
 * 测算数据, the calculation data of a retention batch (FILES.md, RETENTION.md): one row per institution
 * and variety. Checks the cells' types; that an institution and variety appear once, that an institution's
 * name, district and 职保占比 agree on all its rows and the rest is the domain's business (CalculationDataRules).
 */
public final class CalculationDataFile {

    public static final String SHEET_NAME = "测算数据";

    public static final String INSTITUTION_CODE = "机构编码";
    public static final String INSTITUTION_NAME = "机构名称";
    public static final String DISTRICT = "所属区县";
    public static final String EMPLOYEE_SHARE = "职保占比";
    public static final String VARIETY = "品种名称";
    public static final String AGREED_VOLUME = "约定采购量";
    public static final String PRE_PRICE = "集采前单价";
    public static final String SELECTED_VOLUME = "中选产品采购量";
    public static final String SELECTED_AMOUNT = "中选产品采购金额";
    public static final String NON_SELECTED_VOLUME = "非中选产品采购量";
    public static final String NON_SELECTED_AMOUNT = "非中选产品采购金额";

    public static final List<String> TITLES = List.of(INSTITUTION_CODE, INSTITUTION_NAME, DISTRICT,
            EMPLOYEE_SHARE, VARIETY, AGREED_VOLUME, PRE_PRICE, SELECTED_VOLUME, SELECTED_AMOUNT,
            NON_SELECTED_VOLUME, NON_SELECTED_AMOUNT);

    /** FILES.md is silent on places: prices and amounts like the catalogue's prices, shares to 6. */
    static final int MONEY_PLACES = CatalogueFile.PRICE_PLACES;
    static final int SHARE_PLACES = 6;
    private static final Cells.Range SHARE = Cells.Range.between(0, 1);

    private final SheetReader reader = new SheetReader(SHEET_NAME, TITLES);

    public ParsedRows<CalculationRow> parse(InputStream upload, UploadLimits limits) {
        return parse(XlsxGuard.readAll(upload, limits.maxBytes()), limits);
    }

    /** The readable rows of the file and the problems of the others' cells. */
    public ParsedRows<CalculationRow> parse(byte[] xlsx, UploadLimits limits) {
        List<CalculationRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        reader.read(xlsx, limits, sheetRow -> {
            CalculationRow row = row(new Cells(sheetRow, problems));
            if (row != null) {
                rows.add(row);
            }
        });
        return new ParsedRows<>(rows, problems);
    }

    private static CalculationRow row(Cells cells) {
        String institutionCode = cells.text(INSTITUTION_CODE);
        String institutionName = cells.text(INSTITUTION_NAME);
        String district = cells.district(DISTRICT);
        BigDecimal employeeShare = cells.decimal(EMPLOYEE_SHARE, SHARE, SHARE_PLACES);
        String variety = cells.text(VARIETY);
        Long agreedVolume = cells.whole(AGREED_VOLUME, AT_LEAST_ZERO);
        BigDecimal prePrice = cells.decimal(PRE_PRICE, AT_LEAST_ZERO, MONEY_PLACES);
        Long selectedVolume = cells.whole(SELECTED_VOLUME, AT_LEAST_ZERO);
        BigDecimal selectedAmount = cells.decimal(SELECTED_AMOUNT, AT_LEAST_ZERO, MONEY_PLACES);
        Long nonSelectedVolume = cells.whole(NON_SELECTED_VOLUME, AT_LEAST_ZERO);
        BigDecimal nonSelectedAmount = cells.decimal(NON_SELECTED_AMOUNT, AT_LEAST_ZERO, MONEY_PLACES);
        if (cells.hasProblems()) {
            return null;
        }
        return new CalculationRow(cells.rowNumber(), institutionCode, institutionName, district,
                employeeShare, variety, Volume.of(agreedVolume), new Money(prePrice), Volume.of(selectedVolume),
                new Money(selectedAmount), Volume.of(nonSelectedVolume), new Money(nonSelectedAmount));
    }

    /** The rows as an xlsx with the upload's titles (tests and demo data). */
    public void write(Iterable<CalculationRow> rows, OutputStream out) {
        try (XlsxWriter sheet = XlsxWriter.open(out, SHEET_NAME, TITLES)) {
            for (CalculationRow row : rows) {
                sheet.append(cellsOf(row));
            }
            sheet.finish();
        }
    }

    private static List<Object> cellsOf(CalculationRow r) {
        return Arrays.asList(r.institutionCode(), r.institutionName(), r.district(), r.employeeShare(),
                r.variety(), units(r.agreedVolume()), yuan(r.prePrice()), units(r.selectedVolume()),
                yuan(r.selectedAmount()), units(r.nonSelectedVolume()), yuan(r.nonSelectedAmount()));
    }

    private static Long units(Volume v) {
        return v == null ? null : v.minUnits();
    }

    private static BigDecimal yuan(Money m) {
        return m == null ? null : m.yuan();
    }
}
