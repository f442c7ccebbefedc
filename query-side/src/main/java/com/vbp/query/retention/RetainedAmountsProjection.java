package com.vbp.query.retention;

import com.vbp.query.config.CachedReadModel;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionQueries.DistrictRetention;
import com.vbp.events.retention.RetentionQueries.FetchRetainedAmountDetail;
import com.vbp.events.retention.RetentionQueries.FetchRetainedAmounts;
import com.vbp.events.retention.RetentionQueries.FetchRetentionSummary;
import com.vbp.events.retention.RetentionQueries.RetainedAmountDetail;
import com.vbp.events.retention.RetentionQueries.RetainedAmountPage;
import com.vbp.events.retention.RetentionQueries.RetainedAmountView;
import com.vbp.events.retention.RetentionQueries.RetentionSummary;
import com.vbp.query.config.Paging;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static com.mongodb.client.model.Filters.eq;
import static com.vbp.query.retention.RetentionDocs.blankToNull;
import static com.vbp.query.retention.RetentionDocs.dec;
import static com.vbp.query.retention.RetentionDocs.id;
import static com.vbp.query.retention.RetentionDocs.money;
import static com.vbp.query.retention.RetentionDocs.parameters;
import static com.vbp.query.retention.RetentionDocs.score;

/**
 * 医疗机构结余金额 (seed 003 §4.2) and the analysts' retention summary: per batch and institution the figures
 * of the batch's latest calculation round — budget, actual, surplus, score (or 未考核), factor, retained amount
 * and its 职保/居保 parts, with the parameters and the per-variety rows they came from.
 * <ul>
 *   <li>{@code retention_amounts}, {@code _id = batch|institution}: replaced whole by a
 *       {@code RetainedAmountCalculated} of the same or a later round; an earlier round's event, replayed or
 *       duplicated, changes nothing. The event store keeps every round; this view keeps the latest.</li>
 *   <li>{@code retention_amount_batches}, {@code _id = batch}: the institutions of the calculation data
 *       ({@link RetentionRoster}; frozen once the batch is finalised, so they are exactly the institutions
 *       of every round) and the batch's latest round ({@code $max} of {@code RetentionFinalised} = 1 and
 *       each {@code RetentionRecalculated}; 0 before finalising).</li>
 * </ul>
 * Only documents of the batch's latest round are shown: nothing before finalising (an empty page, not an
 * error), and during a recalculation the rows already of the new round. Totals and the per-district summary
 * are summed at query time over every row in scope, never kept as counters.
 * <p>
 * A whole batch is thousands of key lookups on the embedded store (about a second at 3,000 institutions), so
 * once every institution of the roster has its row of the latest round, the rows (without their varieties)
 * are kept in memory under {@code (batch, round)}: a complete round never changes afterwards (the roster is
 * frozen once finalised, and a round's events are written once), and every query reads the batch's current
 * round from the store first, so a process that does not handle the events itself never serves an old round.
 */
@Component
@ProcessingGroup(RetainedAmountsProjection.GROUP)
public class RetainedAmountsProjection implements CachedReadModel {

    public static final String GROUP = "retention-amounts";

    private final MongoCollection<Document> amounts;
    private final RetentionRoster batches;
    /** Complete rounds' rows by batch; see the class comment. */
    private final Map<String, Sheet> sheets = new ConcurrentHashMap<>();

    /** The rows of a batch's complete round {@code round}, by institution code. */
    private record Sheet(int round, List<RetainedAmountView> rows) {
    }

    public RetainedAmountsProjection(MongoDatabase db) {
        this.amounts = db.getCollection("retention_amounts");
        this.batches = new RetentionRoster(db.getCollection("retention_amount_batches"));
    }

    @EventHandler
    void on(CalculationDataImported e) {
        batches.replace(e.batchCode(), e.institutions());
    }

    @EventHandler
    void on(RetentionFinalised e) {
        advance(e.batchCode(), 1);
    }

    @EventHandler
    void on(RetentionRecalculated e) {
        advance(e.batchCode(), e.round());
    }

    private void advance(String batch, int round) {
        batches.collection().updateOne(eq("_id", batch), Updates.max("round", round), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(RetainedAmountCalculated e) {
        String id = id(e.batchCode(), e.institutionCode());
        Document before = amounts.find(eq("_id", id)).projection(Projections.include("round")).first();
        if (before != null && before.getInteger("round", 0) > e.round()) {
            return;
        }
        Document d = new Document("_id", id).append("batch", e.batchCode()).append("round", e.round())
                .append("institutionCode", e.institutionCode()).append("institutionName", e.institutionName())
                .append("district", e.district()).append("parameters", parameters(e.parameters()))
                .append("assessmentScore", score(e.assessmentScore())).append("assessed", e.assessed())
                .append("factor", dec(e.factor())).append("employeeShare", dec(e.employeeShare()))
                .append("varietyCount", e.varieties() == null ? 0 : e.varieties().size())
                .append("varieties", RetentionDocs.varieties(e.varieties()))
                .append("budget", money(e.budget())).append("actual", money(e.actual()))
                .append("surplus", money(e.surplus())).append("retained", money(e.retained()))
                .append("employeePart", money(e.employeePart())).append("residentPart", money(e.residentPart()))
                .append("at", RetentionDocs.date(e.at()));
        amounts.replaceOne(eq("_id", id), d, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        dropCaches();
        amounts.deleteMany(new Document());
        batches.clear();
    }

    @Override
    public void dropCaches() {
        sheets.clear();
    }

    /**
     * {@code institution} and {@code district} are exact codes (blank = any); rows by institution code;
     * totals are over every row in scope, not just the page.
     */
    @QueryHandler
    public RetainedAmountPage handle(FetchRetainedAmounts q) {
        int page = Paging.page(q.page());
        int size = Paging.size(q.size());
        List<RetainedAmountView> scope = rows(q.batchCode(), blankToNull(q.institution()),
                blankToNull(q.district()));
        Money budget = Money.ZERO;
        Money surplus = Money.ZERO;
        Money retained = Money.ZERO;
        for (RetainedAmountView row : scope) {
            budget = budget.plus(row.budget());
            surplus = surplus.plus(row.surplus());
            retained = retained.plus(row.retained());
        }
        return new RetainedAmountPage(Paging.slice(scope, page, size), page, size, scope.size(),
                budget.toFen(), surplus.toFen(), retained.toFen());
    }

    /** The institution's row of the latest round with its inputs; null (not found) when there is none. */
    @QueryHandler
    public RetainedAmountDetail handle(FetchRetainedAmountDetail q) {
        String institution = blankToNull(q.institution());
        int round = latestRound(q.batchCode());
        if (institution == null || round == 0) {
            return null;
        }
        Document d = amounts.find(eq("_id", id(q.batchCode(), institution))).first();
        if (d == null || d.getInteger("round", 0) != round) {
            return null;
        }
        return new RetainedAmountDetail(view(d), parameters(d.get("parameters", Document.class)),
                dec(d, "employeeShare"), RetentionDocs.varieties(d));
    }

    /** Per batch (one, or every batch when {@code batchCode} is blank) and district, by batch and district code. */
    @QueryHandler
    public RetentionSummary handle(FetchRetentionSummary q) {
        String only = blankToNull(q.batchCode());
        List<String> codes = only != null ? List.of(only) : batches.batches();
        List<DistrictRetention> items = new ArrayList<>();
        for (String batch : codes) {
            Map<String, DistrictRetention> byDistrict = new TreeMap<>();
            for (RetainedAmountView row : rows(batch, null, null)) {
                String district = row.district();
                DistrictRetention sum = byDistrict.getOrDefault(district,
                        new DistrictRetention(batch, district, 0, Money.ZERO, Money.ZERO, Money.ZERO));
                byDistrict.put(district, new DistrictRetention(batch, district, sum.institutions() + 1,
                        sum.budget().plus(row.budget()), sum.surplus().plus(row.surplus()),
                        sum.retained().plus(row.retained())));
            }
            byDistrict.values().forEach(s -> items.add(new DistrictRetention(s.batchCode(), s.district(),
                    s.institutions(), s.budget().toFen(), s.surplus().toFen(), s.retained().toFen())));
        }
        return new RetentionSummary(items);
    }

    private int latestRound(String batch) {
        Document d = batches.collection().find(eq("_id", batch)).projection(Projections.include("round")).first();
        return d == null ? 0 : d.getInteger("round", 0);
    }

    /**
     * The latest round's rows of the scope's institutions, by institution code; none before the batch is
     * finalised. One institution is a key lookup; a district or the whole batch comes from the batch's
     * complete round kept in memory, or from reading every institution of the roster.
     */
    private List<RetainedAmountView> rows(String batch, String institution, String district) {
        int round = latestRound(batch);
        if (round == 0) {
            return List.of();
        }
        List<RetainedAmountView> all;
        Sheet sheet = sheets.get(batch);
        if (sheet != null && sheet.round() == round) {
            all = sheet.rows();
        } else if (institution != null) {
            Document d = amounts.find(eq("_id", id(batch, institution)))
                    .projection(Projections.exclude("varieties", "parameters")).first();
            all = d != null && d.getInteger("round", 0) == round ? List.of(view(d)) : List.of();
        } else {
            all = load(batch, round);
        }
        return all.stream()
                .filter(r -> institution == null || institution.equals(r.institutionCode()))
                .filter(r -> district == null || district.equals(r.district()))
                .toList();
    }

    /** Every institution's row of {@code round}, kept when the round is complete. */
    private List<RetainedAmountView> load(String batch, int round) {
        List<RetentionRoster.Entry> roster = batches.entries(batch);
        List<RetainedAmountView> rows = new ArrayList<>();
        for (RetentionRoster.Entry e : roster) {
            Document d = amounts.find(eq("_id", id(batch, e.institutionCode())))
                    .projection(Projections.exclude("varieties", "parameters")).first();
            if (d != null && d.getInteger("round", 0) == round) {
                rows.add(view(d));
            }
        }
        List<RetainedAmountView> loaded = List.copyOf(rows);
        if (!roster.isEmpty() && loaded.size() == roster.size()) {
            sheets.put(batch, new Sheet(round, loaded));
        }
        return loaded;
    }

    private static RetainedAmountView view(Document d) {
        return new RetainedAmountView(d.getString("institutionCode"), d.getString("institutionName"),
                d.getString("district"), d.getInteger("round", 0), d.getInteger("varietyCount", 0),
                money(d, "budget"), money(d, "actual"), money(d, "surplus"), score(d, "assessmentScore"),
                d.getBoolean("assessed", false), dec(d, "factor"), money(d, "retained"), money(d, "employeePart"),
                money(d, "residentPart"));
    }
}
