package com.vbp.gateway.excel;

import com.vbp.events.common.District;
import com.vbp.events.common.RowProblem;
import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionView;
import com.vbp.events.retention.RetentionValues.Score;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * 考核评分模版 (FILES.md, seed 003 §4.1): a district bureau exports its institutions with their 考核品种数
 * and 自评分 and their 医保考核评分 (empty until the bureau's first upload; afterwards its current score, so a
 * re-export can be corrected and uploaded again), scores them offline, and uploads the filled file. The upload reads
 * 机构编码, 机构名称, 所属区县 and 医保考核评分 (the export-only columns may be kept or dropped); a missing
 * score, one outside 0–100 or with more than one decimal are bad cells. Whether the institutions are the
 * batch's and the bureau's, and each once, is the domain's business (AssessmentRules).
 */
public final class AssessmentTemplateFile {

    public static final String SHEET_NAME = "考核评分模版";

    public static final String INSTITUTION_CODE = "机构编码";
    public static final String INSTITUTION_NAME = "机构名称";
    public static final String DISTRICT = "所属区县";
    /** Export only, beside 所属区县 (an upload may keep it: extra columns are ignored). */
    public static final String DISTRICT_NAME = "区县名称";
    public static final String VARIETIES = "考核品种数";
    public static final String SELF_ASSESSMENT = "自评分";
    public static final String ASSESSMENT_SCORE = "医保考核评分";

    /** The export's columns. */
    public static final List<String> TITLES = List.of(INSTITUTION_CODE, INSTITUTION_NAME, DISTRICT, DISTRICT_NAME,
            VARIETIES, SELF_ASSESSMENT, ASSESSMENT_SCORE);
    /** The columns an upload must have. */
    public static final List<String> UPLOAD_TITLES = List.of(INSTITUTION_CODE, INSTITUTION_NAME, DISTRICT,
            ASSESSMENT_SCORE);

    static final int SCORE_PLACES = 1;
    private static final Cells.Range SCORE = Cells.Range.between(0, 100);

    private final SheetReader reader = new SheetReader(SHEET_NAME, UPLOAD_TITLES);

    public ParsedRows<AssessmentRow> parse(InputStream upload, UploadLimits limits) {
        return parse(XlsxGuard.readAll(upload, limits.maxBytes()), limits);
    }

    /** The readable rows of the file and the problems of the others' cells. */
    public ParsedRows<AssessmentRow> parse(byte[] xlsx, UploadLimits limits) {
        List<AssessmentRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        reader.read(xlsx, limits, sheetRow -> {
            AssessmentRow row = row(new Cells(sheetRow, problems));
            if (row != null) {
                rows.add(row);
            }
        });
        return new ParsedRows<>(rows, problems);
    }

    private static AssessmentRow row(Cells cells) {
        String institutionCode = cells.text(INSTITUTION_CODE);
        String institutionName = cells.text(INSTITUTION_NAME);
        String district = cells.text(DISTRICT);
        BigDecimal score = cells.decimal(ASSESSMENT_SCORE, SCORE, SCORE_PLACES);
        if (cells.hasProblems()) {
            return null;
        }
        return new AssessmentRow(cells.rowNumber(), institutionCode, institutionName, district, new Score(score));
    }

    /**
     * The template: one row per institution, 医保考核评分 prefilled with the current score, left empty for the
     * bureau to fill where there is none.
     */
    public void write(Iterable<RetentionInstitutionView> institutions, OutputStream out) {
        write(page -> page == 0 ? institutions : List.of(), out);
    }

    /** The template, written page by page as {@code pages} yields them (page 0, 1, … until an empty one). */
    public void write(IntFunction<? extends Iterable<RetentionInstitutionView>> pages,
                      OutputStream out) {
        try (XlsxWriter sheet = XlsxWriter.open(out, SHEET_NAME, TITLES)) {
            for (int page = 0; ; page++) {
                Iterable<RetentionInstitutionView> rows = pages.apply(page);
                if (!rows.iterator().hasNext()) {
                    break;
                }
                for (RetentionInstitutionView i : rows) {
                    sheet.append(i.institutionCode(), i.institutionName(), i.district(),
                            District.nameOf(i.district()), (long) i.varieties(),
                            points(i.selfAssessment()), points(i.assessmentScore()));
                }
            }
            sheet.finish();
        }
    }

    private static BigDecimal points(Score score) {
        return score == null ? null : score.points();
    }
}
