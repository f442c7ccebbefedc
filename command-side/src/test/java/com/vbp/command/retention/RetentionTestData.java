package com.vbp.command.retention;

import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionCommands.FileSelfAssessment;
import com.vbp.events.retention.RetentionCommands.FinaliseRetention;
import com.vbp.events.retention.RetentionCommands.ImportCalculationData;
import com.vbp.events.retention.RetentionCommands.RecalculateRetention;
import com.vbp.events.retention.RetentionCommands.UploadAssessmentScores;
import com.vbp.events.retention.RetentionEvents.AssessmentScoresUploaded;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionEvents.SelfAssessmentFiled;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.InstitutionScore;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.events.retention.RetentionValues.VarietyFigures;
import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A retention batch to test with (国家4+7第一批, the parameters of RETENTION.md's worked example) and three
 * institutions in two districts:
 * <ul>
 *   <li>H001 武汉市第一医院, 江岸区 420102, 职保占比 0.7: the two varieties of the worked example, S = 15,000.00;</li>
 *   <li>H002 武汉市中医医院, 江岸区 420102, 职保占比 0.6: one variety, S = 6,800.00;</li>
 *   <li>H003 武汉市汉口医院, 江汉区 420103, 职保占比 0.5: one variety, S = 2,400.00.</li>
 * </ul>
 * Row builders default to valid values, so a test changes only what it is about.
 */
final class RetentionTestData {

    static final String BATCH = "GJ47-1";
    static final String NAME = "国家4+7第一批";
    static final Instant OPENS = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant CLOSES = Instant.parse("2024-04-01T00:00:00Z");
    /** Inside the window. */
    static final Instant NOW = Instant.parse("2024-03-10T09:00:00Z");
    static final Instant CREATED_AT = OPENS.minusSeconds(86_400);
    static final Instant IMPORTED_AT = OPENS.minusSeconds(3_600);

    static final String JIANG_AN = "420102";
    static final String JIANG_HAN = "420103";
    static final String H001 = "H001";
    static final String H002 = "H002";
    static final String H003 = "H003";
    static final String ATORVASTATIN = "阿托伐他汀钙片";
    static final String AMLODIPINE = "氨氯地平片";

    /** retentionRatio 0.5, passingScore 60, LINEAR: the worked example's. */
    static final RetentionParameters PARAMETERS = parameters("0.5", "60", ScoreScale.LINEAR);

    private RetentionTestData() {
    }

    static RetentionParameters parameters(String ratio, String passing, ScoreScale scale) {
        return new RetentionParameters(ratio == null ? null : new BigDecimal(ratio),
                passing == null ? null : score(passing), scale);
    }

    static Score score(String points) {
        return new Score(new BigDecimal(points));
    }

    // ---- commands ----

    static CreateRetentionBatch create() {
        return new CreateRetentionBatch(BATCH, NAME, OPENS, CLOSES, PARAMETERS, "admin");
    }

    static ImportCalculationData importing(List<CalculationRow> rows) {
        return new ImportCalculationData(BATCH, rows, "admin");
    }

    static ImportCalculationData importing(CalculationRow... rows) {
        return importing(List.of(rows));
    }

    static FileSelfAssessment selfAssessment(String institution, String points) {
        return new FileSelfAssessment(BATCH, institution, points == null ? null : score(points),
                institution.toLowerCase() + ".user");
    }

    static UploadAssessmentScores upload(String district, AssessmentRow... rows) {
        return new UploadAssessmentScores(BATCH, district, List.of(rows), "bureau." + district);
    }

    static AssessmentRow scoreRow(int row, String institution, String points) {
        return new AssessmentRow(row, institution, "机构" + institution, JIANG_AN,
                points == null ? null : score(points));
    }

    static FinaliseRetention finalise() {
        return new FinaliseRetention(BATCH, "admin");
    }

    static RecalculateRetention recalculate(String reason) {
        return new RecalculateRetention(BATCH, reason, "admin");
    }

    // ---- calculation rows ----

    /** A valid row: H001 in 420102, 职保占比 0.7, the worked example's 阿托伐他汀钙片. */
    static Row row(int row) {
        return new Row(row, H001, "武汉市第一医院", JIANG_AN, new BigDecimal("0.7"), ATORVASTATIN, 10_000, "2.00",
                5_000, "3000.00", 1_000, "1000.00");
    }

    /** The standard file: H001's two varieties (rows 2, 3), H002 (row 4) and H003 (row 5). */
    static List<CalculationRow> standardRows() {
        return List.of(h001Atorvastatin(2), h001Amlodipine(3), h002(4), h003(5));
    }

    static CalculationRow h001Atorvastatin(int row) {
        return row(row).build();
    }

    static CalculationRow h001Amlodipine(int row) {
        return row(row).with(r -> r.variety(AMLODIPINE).agreed(5_000).prePrice("1.20").selected(4_000, "5500.00")
                .nonSelected(1_500, "1500.00")).build();
    }

    /** budget 4,000 × 2.00 = 8,000.00, actual 1,200.00: S = 6,800.00. */
    static CalculationRow h002(int row) {
        return row(row).with(r -> r.institution(H002, "武汉市中医医院", JIANG_AN).share("0.6").agreed(4_000)
                .selected(2_000, "1200.00").nonSelected(0, "0")).build();
    }

    /** budget 3,000 × 1.20 = 3,600.00, actual 1,200.00: S = 2,400.00. */
    static CalculationRow h003(int row) {
        return row(row).with(r -> r.institution(H003, "武汉市汉口医院", JIANG_HAN).share("0.5").variety(AMLODIPINE)
                .agreed(3_000).prePrice("1.20").selected(2_000, "900.00").nonSelected(500, "300.00")).build();
    }

    static VarietyFigures figures(CalculationRow r) {
        return new VarietyFigures(r.variety(), r.agreedVolume(), r.prePrice(), r.selectedVolume(), r.selectedAmount(),
                r.nonSelectedVolume(), r.nonSelectedAmount());
    }

    static InstitutionCalculation h001Calculation() {
        return new InstitutionCalculation(H001, "武汉市第一医院", JIANG_AN, new BigDecimal("0.7"),
                List.of(figures(h001Atorvastatin(2)), figures(h001Amlodipine(3))));
    }

    static InstitutionCalculation h002Calculation() {
        return new InstitutionCalculation(H002, "武汉市中医医院", JIANG_AN, new BigDecimal("0.6"),
                List.of(figures(h002(4))));
    }

    static InstitutionCalculation h003Calculation() {
        return new InstitutionCalculation(H003, "武汉市汉口医院", JIANG_HAN, new BigDecimal("0.5"),
                List.of(figures(h003(5))));
    }

    // ---- events ----

    static RetentionBatchCreated created() {
        return new RetentionBatchCreated(BATCH, NAME, OPENS, CLOSES, PARAMETERS, "admin", CREATED_AT);
    }

    static RetentionBatchCreated created(RetentionParameters parameters) {
        return new RetentionBatchCreated(BATCH, NAME, OPENS, CLOSES, parameters, "admin", CREATED_AT);
    }

    static CalculationDataImported imported() {
        return imported(h001Calculation(), h002Calculation(), h003Calculation());
    }

    static CalculationDataImported imported(InstitutionCalculation... institutions) {
        return new CalculationDataImported(BATCH, List.of(institutions), "admin", IMPORTED_AT);
    }

    static SelfAssessmentFiled selfAssessed(String institution, String points) {
        return new SelfAssessmentFiled(BATCH, institution, score(points), institution.toLowerCase() + ".user", NOW);
    }

    /** {@code scores} alternates institution code and points. */
    static AssessmentScoresUploaded uploaded(String district, String... scores) {
        List<InstitutionScore> list = new ArrayList<>();
        for (int i = 0; i < scores.length; i += 2) {
            list.add(new InstitutionScore(scores[i], score(scores[i + 1])));
        }
        return new AssessmentScoresUploaded(BATCH, district, list, "bureau." + district, NOW);
    }

    static RetentionFinalised finalised(int institutions, String total) {
        return new RetentionFinalised(BATCH, institutions, Money.of(total), "admin", NOW);
    }

    static RetentionRecalculated recalculated(int round, String total) {
        return new RetentionRecalculated(BATCH, round, "复核更正", Money.of(total), "admin", NOW);
    }

    /**
     * A matcher of the fixture's published events that always matches and keeps their payloads, so that a test can
     * then assert on them with AssertJ.
     */
    static Matcher<List<EventMessage<?>>> recordedInto(List<Object> payloads) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                payloads.clear();
                events.forEach(e -> payloads.add(e.getPayload()));
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events (recorded)");
            }
        };
    }

    /** The RetainedAmountCalculated payloads among {@code payloads}, in order. */
    static List<RetainedAmountCalculated> calculations(List<Object> payloads) {
        return payloads.stream().filter(RetainedAmountCalculated.class::isInstance)
                .map(RetainedAmountCalculated.class::cast).toList();
    }

    static RetainedAmountCalculated calculationOf(List<Object> payloads, String institution) {
        return calculations(payloads).stream().filter(c -> c.institutionCode().equals(institution)).findFirst()
                .orElseThrow(() -> new AssertionError("no RetainedAmountCalculated for " + institution + " in "
                        + Arrays.toString(payloads.toArray())));
    }

    /** A 测算数据 row under construction. */
    static final class Row {
        private final int row;
        private String code;
        private String name;
        private String district;
        private BigDecimal share;
        private String variety;
        private Volume agreed;
        private Money prePrice;
        private Volume selectedVolume;
        private Money selectedAmount;
        private Volume nonSelectedVolume;
        private Money nonSelectedAmount;

        Row(int row, String code, String name, String district, BigDecimal share, String variety, long agreed,
            String prePrice, long selectedVolume, String selectedAmount, long nonSelectedVolume,
            String nonSelectedAmount) {
            this.row = row;
            this.code = code;
            this.name = name;
            this.district = district;
            this.share = share;
            this.variety = variety;
            this.agreed = Volume.of(agreed);
            this.prePrice = Money.of(prePrice);
            this.selectedVolume = Volume.of(selectedVolume);
            this.selectedAmount = Money.of(selectedAmount);
            this.nonSelectedVolume = Volume.of(nonSelectedVolume);
            this.nonSelectedAmount = Money.of(nonSelectedAmount);
        }

        Row with(UnaryOperator<Row> change) {
            return change.apply(this);
        }

        Row institution(String code, String name, String district) {
            this.code = code;
            this.name = name;
            this.district = district;
            return this;
        }

        Row code(String code) {
            this.code = code;
            return this;
        }

        Row name(String name) {
            this.name = name;
            return this;
        }

        Row district(String district) {
            this.district = district;
            return this;
        }

        Row share(String share) {
            this.share = share == null ? null : new BigDecimal(share);
            return this;
        }

        Row variety(String variety) {
            this.variety = variety;
            return this;
        }

        Row agreed(long volume) {
            this.agreed = Volume.of(volume);
            return this;
        }

        Row agreedVolume(Volume volume) {
            this.agreed = volume;
            return this;
        }

        Row prePrice(String price) {
            this.prePrice = price == null ? null : Money.of(price);
            return this;
        }

        Row selected(long volume, String amount) {
            this.selectedVolume = Volume.of(volume);
            this.selectedAmount = Money.of(amount);
            return this;
        }

        Row selectedVolume(Volume volume) {
            this.selectedVolume = volume;
            return this;
        }

        Row selectedAmount(String amount) {
            this.selectedAmount = amount == null ? null : Money.of(amount);
            return this;
        }

        Row nonSelected(long volume, String amount) {
            this.nonSelectedVolume = Volume.of(volume);
            this.nonSelectedAmount = Money.of(amount);
            return this;
        }

        Row nonSelectedVolume(Volume volume) {
            this.nonSelectedVolume = volume;
            return this;
        }

        Row nonSelectedAmount(String amount) {
            this.nonSelectedAmount = amount == null ? null : Money.of(amount);
            return this;
        }

        CalculationRow build() {
            return new CalculationRow(row, code, name, district, share, variety, agreed, prePrice, selectedVolume,
                    selectedAmount, nonSelectedVolume, nonSelectedAmount);
        }
    }
}
