package com.vbp.query.retention;

import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.events.retention.RetentionValues.VarietyFigures;
import com.vbp.events.retention.RetentionValues.VarietyRetention;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * How the retention projections store the contract's values: decimals as exact strings, volumes as
 * longs, instants as dates; one place so every projection reads back what it wrote.
 */
final class RetentionDocs {

    private RetentionDocs() {
    }

    static String id(String batch, String institution) {
        return batch + "|" + institution;
    }

    static String dec(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    static BigDecimal dec(Document d, String field) {
        String s = d.getString(field);
        return s == null ? null : new BigDecimal(s);
    }

    static String money(Money m) {
        return m == null ? null : m.yuan().toPlainString();
    }

    static Money money(Document d, String field) {
        BigDecimal v = dec(d, field);
        return v == null ? null : new Money(v);
    }

    static String score(Score s) {
        return s == null || s.points() == null ? null : s.points().toPlainString();
    }

    static Score score(Document d, String field) {
        BigDecimal v = dec(d, field);
        return v == null ? null : new Score(v);
    }

    static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    static Instant instant(Document d, String field) {
        Date v = d.getDate(field);
        return v == null ? null : v.toInstant();
    }

    static Document parameters(RetentionParameters p) {
        return p == null ? null : new Document("retentionRatio", dec(p.retentionRatio()))
                .append("passingScore", score(p.passingScore()))
                .append("scoreScale", p.scoreScale() == null ? null : p.scoreScale().name());
    }

    static RetentionParameters parameters(Document d) {
        if (d == null) {
            return null;
        }
        String scale = d.getString("scoreScale");
        return new RetentionParameters(dec(d, "retentionRatio"), score(d, "passingScore"),
                scale == null ? null : ScoreScale.valueOf(scale));
    }

    private static Long units(Volume v) {
        return v == null ? null : v.minUnits();
    }

    private static Volume volume(Document d, String field) {
        Object v = d.get(field);
        return v == null ? null : Volume.of(((Number) v).longValue());
    }

    static Document variety(VarietyRetention v) {
        VarietyFigures f = v.figures();
        return new Document("variety", f.variety()).append("agreedVolume", units(f.agreedVolume()))
                .append("prePrice", money(f.prePrice())).append("selectedVolume", units(f.selectedVolume()))
                .append("selectedAmount", money(f.selectedAmount()))
                .append("nonSelectedVolume", units(f.nonSelectedVolume()))
                .append("nonSelectedAmount", money(f.nonSelectedAmount()))
                .append("budget", money(v.budget())).append("actual", money(v.actual()))
                .append("surplus", money(v.surplus())).append("completionRate", dec(v.completionRate()))
                .append("retainedShare", dec(v.retainedShare()));
    }

    static VarietyRetention variety(Document d) {
        return new VarietyRetention(new VarietyFigures(d.getString("variety"), volume(d, "agreedVolume"),
                money(d, "prePrice"), volume(d, "selectedVolume"), money(d, "selectedAmount"),
                volume(d, "nonSelectedVolume"), money(d, "nonSelectedAmount")),
                money(d, "budget"), money(d, "actual"), money(d, "surplus"), dec(d, "completionRate"),
                dec(d, "retainedShare"));
    }

    static List<Document> varieties(List<VarietyRetention> varieties) {
        return varieties == null ? List.of() : varieties.stream().map(RetentionDocs::variety).toList();
    }

    static List<VarietyRetention> varieties(Document d) {
        return d.getList("varieties", Document.class, List.of()).stream().map(RetentionDocs::variety).toList();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
