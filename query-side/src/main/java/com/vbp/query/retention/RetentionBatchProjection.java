package com.vbp.query.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionQueries.FindRetentionBatch;
import com.vbp.events.retention.RetentionQueries.ListRetentionBatches;
import com.vbp.events.retention.RetentionQueries.RetentionBatchList;
import com.vbp.events.retention.RetentionQueries.RetentionBatchView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static com.vbp.query.retention.RetentionDocs.date;
import static com.vbp.query.retention.RetentionDocs.instant;
import static com.vbp.query.retention.RetentionDocs.parameters;

/**
 * 结余留用批次列表 (seed 003 §4.1): each batch with its reporting window, its parameters, how many
 * institutions its calculation data holds, whether it is finalised and its latest calculation round
 * (0 before finalising). Every handler sets absolute values from its event.
 */
@Component
@ProcessingGroup(RetentionBatchProjection.GROUP)
public class RetentionBatchProjection {

    public static final String GROUP = "retention-batches";

    private final MongoCollection<Document> batches;

    public RetentionBatchProjection(MongoDatabase db) {
        this.batches = db.getCollection("retention_batches");
    }

    /**
     * The creation fields are set, the state fields only when the document is new: a duplicate of the
     * creation, handled after later events, leaves their figures alone.
     */
    @EventHandler
    void on(RetentionBatchCreated e) {
        batches.updateOne(eq("_id", e.batchCode()), Updates.combine(
                Updates.set("name", e.name()),
                Updates.set("reportingOpensAt", date(e.reportingOpensAt())),
                Updates.set("reportingClosesAt", date(e.reportingClosesAt())),
                Updates.set("parameters", parameters(e.parameters())),
                Updates.set("createdAt", date(e.at())),
                Updates.setOnInsert("institutions", 0),
                Updates.setOnInsert("finalised", false),
                Updates.setOnInsert("round", 0),
                Updates.setOnInsert("finalisedAt", null)), new UpdateOptions().upsert(true));
    }

    /** The number of institutions of the latest import: a re-import replaces the count. */
    @EventHandler
    void on(CalculationDataImported e) {
        batches.updateOne(eq("_id", e.batchCode()), Updates.set("institutions", e.institutions().size()));
    }

    /** Finalising is round 1; {@code $max} keeps a later round seen first (a replayed suffix) in place. */
    @EventHandler
    void on(RetentionFinalised e) {
        batches.updateOne(eq("_id", e.batchCode()), Updates.combine(Updates.set("finalised", true),
                Updates.max("round", 1), Updates.set("finalisedAt", date(e.at()))));
    }

    @EventHandler
    void on(RetentionRecalculated e) {
        batches.updateOne(eq("_id", e.batchCode()), Updates.combine(Updates.set("finalised", true),
                Updates.max("round", e.round())));
    }

    @ResetHandler
    void reset() {
        batches.deleteMany(new Document());
    }

    @QueryHandler
    public RetentionBatchList handle(ListRetentionBatches query) {
        List<RetentionBatchView> items = new ArrayList<>();
        batches.find().sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.ascending("_id")))
                .forEach(d -> items.add(view(d)));
        return new RetentionBatchList(items);
    }

    @QueryHandler
    public RetentionBatchView handle(FindRetentionBatch query) {
        Document d = batches.find(eq("_id", query.batchCode())).first();
        return d == null ? null : view(d);
    }

    private static RetentionBatchView view(Document d) {
        return new RetentionBatchView(d.getString("_id"), d.getString("name"), instant(d, "reportingOpensAt"),
                instant(d, "reportingClosesAt"), parameters(d.get("parameters", Document.class)),
                d.getInteger("institutions", 0), d.getBoolean("finalised", false), d.getInteger("round", 0),
                instant(d, "finalisedAt"));
    }
}
