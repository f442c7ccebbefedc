package com.vbp.standalone.demo;

import com.vbp.events.common.District;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionValues.Score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeded demo data for surplus retention (结余留用, RETENTION.md) of the demo institutions: calculation data
 * (测算数据) of 2 to 4 varieties of the national 4+7 procurement per institution, self-assessments (自评分) of most
 * institutions, and the district bureaus' assessment scores (医保考核评分) of every district but the last, whose
 * institutions stay 未考核. A few institutions overspend on one variety; two score below the passing score 60.
 * The same seed and institutions always give equal data; nothing depends on the clock.
 *
 * @param calculation     the calculation rows, {@code district} being the district code
 * @param selfAssessments institution code → 自评分, in the order of the calculation data
 * @param scores          district code → that bureau's uploaded rows, for every district but {@code unassessed}
 * @param unassessed      the district whose bureau has uploaded nothing
 * @param lowScorers      the institutions scored below 60
 */
public record RetentionDemoData(List<CalculationRow> calculation, Map<String, Score> selfAssessments,
                                Map<String, List<AssessmentRow>> scores, String unassessed,
                                List<String> lowScorers) {

    /** The finalised batch's seed and the open batch's. */
    public static final long FINALISED_SEED = 20240101L;
    public static final long OPEN_SEED = 20250101L;

    /** A variety of the 4+7 list: price per min unit before the procurement, and the winning product's price. */
    private record Variety(String name, String prePrice, String selectedPrice, long typicalVolume) {
    }

    private static final List<Variety> VARIETIES = List.of(
            new Variety("阿托伐他汀钙片", "3.50", "0.47", 120_000),
            new Variety("瑞舒伐他汀钙片", "3.20", "0.78", 90_000),
            new Variety("氨氯地平片", "2.10", "0.15", 150_000),
            new Variety("厄贝沙坦片", "2.40", "0.20", 80_000),
            new Variety("蒙脱石散", "2.00", "0.75", 40_000),
            new Variety("恩替卡韦分散片", "12.00", "0.62", 30_000),
            new Variety("硫酸氢氯吡格雷片", "16.00", "3.18", 50_000),
            new Variety("孟鲁司特钠片", "5.50", "3.88", 25_000));

    public RetentionDemoData {
        calculation = List.copyOf(calculation);
        selfAssessments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(selfAssessments));
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        lowScorers = List.copyOf(lowScorers);
    }

    /**
     * The data for {@code institutions} of {@code districts}; the last district is left unassessed.
     */
    public static RetentionDemoData generate(long seed, List<District> districts, List<Institution> institutions) {
        Dice dice = new Dice(seed);
        List<CalculationRow> rows = new ArrayList<>();
        int row = 2; // row 1 is the header
        for (Institution institution : institutions) {
            BigDecimal employeeShare = BigDecimal.valueOf(dice.between(55, 80), 2);
            int count = dice.between(2, 4);
            int[] order = new int[VARIETIES.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            dice.shuffleFront(order, count);
            int overspent = dice.chance(12) ? dice.between(0, count - 1) : -1;
            long size = dice.between(40, 160); // the institution's size in percent of a typical one
            for (int i = 0; i < count; i++) {
                Variety v = VARIETIES.get(order[i]);
                long agreed = roundTo(v.typicalVolume() * size / 100 * dice.between(80, 120) / 100, 100);
                BigDecimal pre = new BigDecimal(v.prePrice());
                BigDecimal nonSelectedPrice = pre.multiply(BigDecimal.valueOf(dice.between(88, 105), 2))
                        .setScale(2, RoundingMode.HALF_UP);
                long selected;
                long nonSelected;
                if (i == overspent) {
                    selected = agreed * dice.between(30, 50) / 100;
                    nonSelected = agreed * dice.between(95, 115) / 100;
                    nonSelectedPrice = pre.multiply(BigDecimal.valueOf(dice.between(102, 110), 2))
                            .setScale(2, RoundingMode.HALF_UP);
                } else {
                    selected = agreed * dice.between(85, 130) / 100;
                    nonSelected = agreed * dice.between(3, 25) / 100;
                }
                rows.add(new CalculationRow(row++, institution.code(), institution.name(),
                        institution.districtCode(), employeeShare, v.name(), Volume.of(agreed), new Money(pre),
                        Volume.of(selected), amount(selected, new BigDecimal(v.selectedPrice())),
                        Volume.of(nonSelected), amount(nonSelected, nonSelectedPrice)));
            }
        }

        Map<String, Score> self = new LinkedHashMap<>();
        for (Institution institution : institutions) {
            if (dice.chance(85)) {
                self.put(institution.code(), score(dice.between(700, 990)));
            }
        }

        String unassessed = districts.get(districts.size() - 1).code();
        List<Institution> assessed = institutions.stream()
                .filter(i -> !i.districtCode().equals(unassessed)).toList();
        List<String> low = new ArrayList<>();
        while (low.size() < Math.min(2, assessed.size())) {
            String code = dice.pick(assessed).code();
            if (!low.contains(code)) {
                low.add(code);
            }
        }
        Map<String, List<AssessmentRow>> scores = new LinkedHashMap<>();
        for (District district : districts) {
            if (district.code().equals(unassessed)) {
                continue;
            }
            List<AssessmentRow> upload = new ArrayList<>();
            int r = 2;
            for (Institution institution : assessed) {
                if (institution.districtCode().equals(district.code())) {
                    int tenths = low.contains(institution.code()) ? dice.between(450, 595) : dice.between(650, 985);
                    upload.add(new AssessmentRow(r++, institution.code(), institution.name(), district.code(),
                            score(tenths)));
                }
            }
            if (!upload.isEmpty()) {
                scores.put(district.code(), upload);
            }
        }
        return new RetentionDemoData(rows, self, scores, unassessed, low);
    }

    private static long roundTo(long value, long step) {
        return Math.max(step, (value + step / 2) / step * step);
    }

    private static Money amount(long volume, BigDecimal price) {
        return new Money(price.multiply(BigDecimal.valueOf(volume)).setScale(2, RoundingMode.HALF_UP));
    }

    private static Score score(int tenths) {
        return new Score(BigDecimal.valueOf(tenths, 1));
    }
}
