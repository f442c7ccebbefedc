package com.vbp.query.appeal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.vbp.events.appeal.AppealEvents.AppealFiled;
import com.vbp.events.appeal.AppealEvents.AppealReopened;
import com.vbp.events.appeal.AppealEvents.AppealReplied;
import com.vbp.events.appeal.AppealEvents.AppealResolved;
import com.vbp.events.appeal.AppealQueries.AppealDetail;
import com.vbp.events.appeal.AppealQueries.AppealPage;
import com.vbp.events.appeal.AppealQueries.AppealReply;
import com.vbp.events.appeal.AppealQueries.AppealSummary;
import com.vbp.events.appeal.AppealQueries.FindAppeal;
import com.vbp.events.appeal.AppealQueries.ListAppeals;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.events.common.Page;
import com.vbp.events.common.Role;
import com.vbp.query.config.Paging;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * 申诉管理 (seed 003 §4.3): one document per appeal in {@code appeals} ({@code _id} = the appeal id) with what
 * was filed (batch, institution, title, content, the evidence files' facts), its replies keyed by their
 * number, its status, the latest reply's author and time (处理人, 处理时间) and the last reopening.
 * <p>
 * Idempotent: the filing's fields are set absolutely ({@code $set}, status and replies only on insert); a
 * reply is stored under its own number; status, handler and reopening are the event's values. Handling an
 * event twice, or a prefix of the stream again after a crash, ends in the same document.
 * <p>
 * {@link FindAppeal} is an {@code _id} lookup. {@link ListAppeals} filters on batch, status, institution and
 * district and sorts by filing time: appeals are few (at most some per institution and batch), so a scan of
 * the collection on the embedded store is cheap; on MongoDB the indexes below serve it.
 */
@Component
@ProcessingGroup(AppealProjection.GROUP)
public class AppealProjection {

    public static final String GROUP = "appeals";

    private static final Bson NEWEST_FIRST = Sorts.orderBy(Sorts.descending("filedAt"), Sorts.descending("_id"));
    private static final Bson SUMMARY_FIELDS = Projections.exclude("content", "evidence", "replies");

    private final MongoCollection<Document> appeals;

    public AppealProjection(MongoDatabase db) {
        this.appeals = db.getCollection("appeals");
        appeals.createIndex(Indexes.ascending("institutionCode", "filedAt"));
        appeals.createIndex(Indexes.ascending("district", "filedAt"));
        appeals.createIndex(Indexes.ascending("batchCode", "filedAt"));
    }

    @EventHandler
    void on(AppealFiled e) {
        appeals.updateOne(eq("_id", e.appealId()), Updates.combine(
                Updates.set("batchCode", e.batchCode()), Updates.set("batchName", e.batchName()),
                Updates.set("institutionCode", e.institutionCode()),
                Updates.set("institutionName", e.institutionName()), Updates.set("district", e.district()),
                Updates.set("title", e.title()), Updates.set("content", e.content()),
                Updates.set("evidence", e.evidence() == null ? List.of()
                        : e.evidence().stream().map(AppealProjection::evidence).toList()),
                Updates.set("filedBy", e.by()), Updates.set("filedAt", date(e.at())),
                Updates.setOnInsert("status", AppealStatus.NEW.name()),
                Updates.setOnInsert("replies", new Document())), new UpdateOptions().upsert(true));
    }

    /** Stored under its number; the handler shown is the reply with the highest number. */
    @EventHandler
    void on(AppealReplied e) {
        Document d = appeals.find(eq("_id", e.appealId())).first();
        if (d == null) {
            d = new Document("_id", e.appealId()).append("replies", new Document());
        }
        Document replies = d.get("replies", Document.class);
        if (replies == null) {
            replies = new Document();
        }
        replies.put(String.valueOf(e.number()), new Document("number", e.number()).append("message", e.message())
                .append("by", actor(e.by())).append("status", e.status().name()).append("at", date(e.at())));
        d.put("replies", replies);
        d.put("status", e.status().name());
        Document latest = replies.values().stream().map(Document.class::cast)
                .max(Comparator.comparingInt(r -> r.getInteger("number"))).orElseThrow();
        d.put("handledBy", latest.get("by", Document.class).getString("username"));
        d.put("handledAt", latest.getDate("at"));
        appeals.replaceOne(eq("_id", e.appealId()), d, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AppealResolved e) {
        appeals.updateOne(eq("_id", e.appealId()), Updates.combine(
                Updates.set("status", AppealStatus.RESOLVED.name()),
                Updates.set("resolvedBy", actor(e.by())), Updates.set("resolvedAt", date(e.at()))),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(AppealReopened e) {
        appeals.updateOne(eq("_id", e.appealId()), Updates.combine(
                Updates.set("status", AppealStatus.IN_PROGRESS.name()),
                Updates.set("reopenReason", e.reason()), Updates.set("reopenedBy", actor(e.by())),
                Updates.set("reopenedAt", date(e.at()))), new UpdateOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        appeals.deleteMany(new Document());
    }

    @QueryHandler
    public AppealPage handle(ListAppeals q) {
        List<Bson> filters = new ArrayList<>();
        if (present(q.batchCode())) {
            filters.add(eq("batchCode", q.batchCode().trim()));
        }
        if (q.status() != null) {
            filters.add(eq("status", q.status().name()));
        }
        if (present(q.institution())) {
            filters.add(eq("institutionCode", q.institution().trim()));
        }
        if (present(q.district())) {
            filters.add(eq("district", q.district().trim()));
        }
        // A document whose AppealFiled has not been handled yet (a reply seen first) is not an appeal yet.
        filters.add(com.mongodb.client.model.Filters.exists("filedAt"));
        Bson filter = and(filters);
        Page<AppealSummary> page = Paging.find(appeals, filter, SUMMARY_FIELDS, NEWEST_FIRST, q.page(), q.size(),
                AppealProjection::summary);
        return new AppealPage(page.items(), page.page(), page.size(), page.total());
    }

    @QueryHandler
    public AppealDetail handle(FindAppeal q) {
        if (q.appealId() == null) {
            return null;
        }
        Document d = appeals.find(eq("_id", q.appealId())).first();
        if (d == null || d.getDate("filedAt") == null) {
            return null;
        }
        List<AppealReply> replies = d.get("replies", new Document()).values().stream().map(Document.class::cast)
                .map(r -> new AppealReply(r.getInteger("number"), r.getString("message"),
                        actor(r.get("by", Document.class)), AppealStatus.valueOf(r.getString("status")),
                        instant(r.getDate("at"))))
                .sorted(Comparator.comparingInt(AppealReply::number)).toList();
        List<EvidenceFile> evidence = d.getList("evidence", Document.class, List.of()).stream()
                .map(AppealProjection::evidence).toList();
        return new AppealDetail(summary(d), d.getString("content"), evidence, replies, d.getString("reopenReason"),
                instant(d.getDate("reopenedAt")));
    }

    private static AppealSummary summary(Document d) {
        return new AppealSummary(d.getString("_id"), d.getString("batchCode"), d.getString("batchName"),
                d.getString("title"), d.getString("institutionCode"), d.getString("institutionName"),
                d.getString("district"), instant(d.getDate("filedAt")), AppealStatus.valueOf(d.getString("status")),
                d.getString("handledBy"), instant(d.getDate("handledAt")));
    }

    private static Document evidence(EvidenceFile f) {
        return new Document("fileId", f.fileId()).append("name", f.name()).append("size", f.size())
                .append("contentType", f.contentType()).append("sha256", f.sha256());
    }

    private static EvidenceFile evidence(Document d) {
        return new EvidenceFile(d.getString("fileId"), d.getString("name"), ((Number) d.get("size")).longValue(),
                d.getString("contentType"), d.getString("sha256"));
    }

    private static Document actor(Actor a) {
        return a == null ? null : new Document("username", a.username())
                .append("role", a.role() == null ? null : a.role().name()).append("organisation", a.organisation());
    }

    private static Actor actor(Document d) {
        return d == null ? null : new Actor(d.getString("username"),
                d.getString("role") == null ? null : Role.valueOf(d.getString("role")), d.getString("organisation"));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
