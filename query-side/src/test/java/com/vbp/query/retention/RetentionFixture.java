package com.vbp.query.retention;

import com.mongodb.client.MongoDatabase;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.events.retention.RetentionValues.VarietyFigures;
import com.vbp.events.retention.RetentionValues.VarietyRetention;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The events of one retention batch as the {@code RetentionBatch} aggregate would record them, with the
 * worked example of RETENTION.md as institution H1 (S = 15,000.00, k = 0.92, R = 6,900.00, 职保 4,830.00,
 * 居保 2,070.00).
 */
final class RetentionFixture {

    static final String BATCH = "R1";
    static final Instant AT = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant OPENS = Instant.parse("2026-04-10T00:00:00Z");
    static final Instant CLOSES = Instant.parse("2026-05-10T00:00:00Z");
    static final RetentionParameters PARAMETERS =
            new RetentionParameters(new BigDecimal("0.50"), score("60"), ScoreScale.LINEAR);

    private RetentionFixture() {
    }

    static Score score(String points) {
        return new Score(new BigDecimal(points));
    }

    static RetentionBatchCreated created(String batch, Instant at) {
        return new RetentionBatchCreated(batch, "结余留用 " + batch, OPENS, CLOSES, PARAMETERS, "admin", at);
    }

    static final VarietyFigures ATORVASTATIN = new VarietyFigures("阿托伐他汀钙片", Volume.of(10_000), Money.of("2.00"),
            Volume.of(1_500), Money.of("3000.00"), Volume.of(500), Money.of("1000.00"));
    static final VarietyFigures AMLODIPINE = new VarietyFigures("氨氯地平片", Volume.of(5_000), Money.of("1.20"),
            Volume.of(4_000), Money.of("5500.00"), Volume.of(1_000), Money.of("1500.00"));

    static VarietyFigures variety(int i) {
        return new VarietyFigures("品种" + i, Volume.of(1_000), Money.of("1.00"), Volume.of(400), Money.of("400.00"),
                Volume.of(0), Money.of("0.00"));
    }

    static List<VarietyFigures> varieties(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(RetentionFixture::variety).toList();
    }

    static InstitutionCalculation institution(String code, String district, String employeeShare,
                                              List<VarietyFigures> varieties) {
        return new InstitutionCalculation(code, code + "医院", district, new BigDecimal(employeeShare), varieties);
    }

    /** The calculation data, deliberately not in code order: H3 and H4 in D2, H1 and H2 in D1. */
    static final List<InstitutionCalculation> DATA = List.of(
            institution("H3", "D2", "0.5", varieties(1)),
            institution("H1", "D1", "0.7", List.of(ATORVASTATIN, AMLODIPINE)),
            institution("H2", "D1", "0.6", varieties(1)),
            institution("H4", "D2", "0.4", varieties(3)));

    static VarietyRetention retention(VarietyFigures f, BigDecimal k) {
        BigDecimal budget = BigDecimal.valueOf(f.agreedVolume().minUnits()).multiply(f.prePrice().yuan());
        BigDecimal actual = f.selectedAmount().yuan().add(f.nonSelectedAmount().yuan());
        BigDecimal surplus = budget.subtract(actual);
        BigDecimal completion = BigDecimal.valueOf(f.selectedVolume().minUnits())
                .divide(BigDecimal.valueOf(f.agreedVolume().minUnits()), 4, java.math.RoundingMode.HALF_UP);
        return new VarietyRetention(f, new Money(budget), new Money(actual), new Money(surplus), completion,
                surplus.multiply(PARAMETERS.retentionRatio()).multiply(k));
    }

    /**
     * One institution's figures in {@code round}, as given (the formula is the command side's; the read model
     * only stores and sums): {@code score} null = 未考核.
     */
    static RetainedAmountCalculated calculated(int round, String code, String score, String factor,
                                               String budget, String actual, String surplus, String retained,
                                               String employeePart, String residentPart) {
        InstitutionCalculation c = DATA.stream().filter(i -> i.institutionCode().equals(code)).findFirst()
                .orElseThrow();
        BigDecimal k = new BigDecimal(factor);
        return new RetainedAmountCalculated(BATCH, round, code, c.institutionName(), c.district(), PARAMETERS,
                score == null ? null : score(score), score != null, k, c.employeeShare(),
                c.varieties().stream().map(v -> retention(v, k)).toList(), Money.of(budget), Money.of(actual),
                Money.of(surplus), Money.of(retained), Money.of(employeePart), Money.of(residentPart),
                AT.plusSeconds(round * 3600L));
    }

    /** Round 1: H1 the worked example; H2 below the passing score; H3 overspent; H4 未考核. */
    static List<RetainedAmountCalculated> roundOne() {
        return List.of(
                calculated(1, "H1", "92", "0.92", "26000.00", "11000.00", "15000.00", "6900.00", "4830.00", "2070.00"),
                calculated(1, "H2", "50", "0", "1000.00", "400.00", "600.00", "0.00", "0.00", "0.00"),
                calculated(1, "H3", "80", "0.8", "500.00", "700.00", "-200.00", "0.00", "0.00", "0.00"),
                calculated(1, "H4", null, "0", "3000.00", "1000.00", "2000.00", "0.00", "0.00", "0.00"));
    }

    /** Round 2, after D2 scored H4 100: H4 retains 2,000.00 × 0.5 × 1 = 1,000.00; the others unchanged. */
    static List<RetainedAmountCalculated> roundTwo() {
        return List.of(
                calculated(2, "H1", "92", "0.92", "26000.00", "11000.00", "15000.00", "6900.00", "4830.00", "2070.00"),
                calculated(2, "H2", "50", "0", "1000.00", "400.00", "600.00", "0.00", "0.00", "0.00"),
                calculated(2, "H3", "80", "0.8", "500.00", "700.00", "-200.00", "0.00", "0.00", "0.00"),
                calculated(2, "H4", "100", "1", "3000.00", "1000.00", "2000.00", "1000.00", "400.00", "600.00"));
    }

    /** Every document of every collection, by collection and {@code _id}: what "the same documents" means. */
    static String dump(MongoDatabase db) {
        TreeMap<String, List<String>> all = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            List<String> docs = new ArrayList<>();
            db.getCollection(name).find().sort(new Document("_id", 1)).forEach(d -> docs.add(d.toJson()));
            all.put(name, docs);
        }
        return all.toString();
    }

    static long documents(MongoDatabase db) {
        long n = 0;
        for (String name : db.listCollectionNames()) {
            n += db.getCollection(name).countDocuments();
        }
        return n;
    }
}
