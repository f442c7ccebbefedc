package com.vbp.query.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.vbp.events.retention.RetentionEvents.AssessmentScoresUploaded;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.SelfAssessmentFiled;
import com.vbp.events.retention.RetentionQueries.FetchRetentionInstitutions;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionPage;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionView;
import com.vbp.events.retention.RetentionValues.InstitutionScore;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.query.config.Paging;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.vbp.query.retention.RetentionDocs.blankToNull;
import static com.vbp.query.retention.RetentionDocs.id;
import static com.vbp.query.retention.RetentionDocs.score;

/**
 * 测算数据基本信息 (seed 003 §4.1), also the rows of the 考核评分模版: per batch and institution of the current
 * calculation data its name, district, 职保占比, number of varieties, 自评分 and 医保考核评分.
 * <p>
 * Each event writes one document, whole, from its own figures, and nothing else; the rows are joined at
 * query time, the way the {@code RetentionBatch} aggregate itself reads a score:
 * <ul>
 *   <li>{@code retention_institution_rosters}, {@code _id = batch}: the institutions of the latest
 *       {@code CalculationDataImported} ({@link RetentionRoster}); a re-import replaces it, so institutions
 *       missing from it disappear from the list;</li>
 *   <li>{@code retention_self_assessments}, {@code _id = batch|institution}: the latest 自评分 (an
 *       institution dropped by a re-import and brought back later shows it again: its filing still stands);</li>
 *   <li>{@code retention_district_scores}, {@code _id = batch|district}: the scores of that district's latest
 *       upload, replacing the earlier ones, so its institutions left out of the new upload lose their
 *       score. An institution's 医保考核评分 is the one its <em>current</em> district's upload gives it.</li>
 * </ul>
 * Every write is an absolute upsert keyed by its natural key, so a replay or a duplicate changes nothing.
 * A page reads the roster and, for the rows on the page, their self-assessments and districts' scores by key.
 */
@Component
@ProcessingGroup(RetentionInstitutionsProjection.GROUP)
public class RetentionInstitutionsProjection {

    public static final String GROUP = "retention-institutions";

    private final RetentionRoster roster;
    private final MongoCollection<Document> selfAssessments;
    private final MongoCollection<Document> districtScores;

    public RetentionInstitutionsProjection(MongoDatabase db) {
        this.roster = new RetentionRoster(db.getCollection("retention_institution_rosters"));
        this.selfAssessments = db.getCollection("retention_self_assessments");
        this.districtScores = db.getCollection("retention_district_scores");
    }

    @EventHandler
    void on(CalculationDataImported e) {
        roster.replace(e.batchCode(), e.institutions());
    }

    @EventHandler
    void on(SelfAssessmentFiled e) {
        String id = id(e.batchCode(), e.institutionCode());
        Document d = new Document("_id", id).append("batch", e.batchCode())
                .append("institutionCode", e.institutionCode()).append("score", score(e.score()))
                .append("at", RetentionDocs.date(e.at()));
        selfAssessments.replaceOne(eq("_id", id), d, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AssessmentScoresUploaded e) {
        String id = id(e.batchCode(), e.district());
        List<Document> scores = new ArrayList<>();
        for (InstitutionScore s : e.scores()) {
            scores.add(new Document("institutionCode", s.institutionCode()).append("score", score(s.score())));
        }
        Document d = new Document("_id", id).append("batch", e.batchCode()).append("district", e.district())
                .append("scores", scores).append("at", RetentionDocs.date(e.at()));
        districtScores.replaceOne(eq("_id", id), d, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        roster.clear();
        selfAssessments.deleteMany(new Document());
        districtScores.deleteMany(new Document());
    }

    /** {@code institution} and {@code district} are exact codes (blank = any); rows by institution code. */
    @QueryHandler
    public RetentionInstitutionPage handle(FetchRetentionInstitutions q) {
        int page = Paging.page(q.page());
        int size = Paging.size(q.size());
        List<RetentionRoster.Entry> scope = roster.scope(q.batchCode(), blankToNull(q.institution()),
                blankToNull(q.district()));
        Map<String, Map<String, Score>> scoresByDistrict = new HashMap<>();
        List<RetentionInstitutionView> items = new ArrayList<>();
        for (RetentionRoster.Entry e : Paging.slice(scope, page, size)) {
            Map<String, Score> districtScore = scoresByDistrict.computeIfAbsent(e.district(),
                    district -> scoresOf(q.batchCode(), district));
            items.add(new RetentionInstitutionView(e.institutionCode(), e.institutionName(), e.district(),
                    e.employeeShare(), e.varieties(), selfAssessment(q.batchCode(), e.institutionCode()),
                    districtScore.get(e.institutionCode())));
        }
        return new RetentionInstitutionPage(items, page, size, scope.size());
    }

    private Score selfAssessment(String batch, String institution) {
        Document d = selfAssessments.find(eq("_id", id(batch, institution))).first();
        return d == null ? null : score(d, "score");
    }

    private Map<String, Score> scoresOf(String batch, String district) {
        Map<String, Score> scores = new HashMap<>();
        Document d = district == null ? null : districtScores.find(eq("_id", id(batch, district))).first();
        if (d != null) {
            d.getList("scores", Document.class, List.of())
                    .forEach(s -> scores.put(s.getString("institutionCode"), score(s, "score")));
        }
        return scores;
    }
}
