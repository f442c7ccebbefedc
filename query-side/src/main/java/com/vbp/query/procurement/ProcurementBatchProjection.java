package com.vbp.query.procurement;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import com.vbp.events.procurement.ProcurementQueries.FindProcurementBatch;
import com.vbp.events.procurement.ProcurementQueries.ListProcurementBatches;
import com.vbp.events.procurement.ProcurementQueries.ProcurementBatchList;
import com.vbp.events.procurement.ProcurementQueries.ProcurementBatchView;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/**
 * 集采批次列表: each batch with its allocation window and what has been imported into it.
 * Counters are written as absolute values (import counts keyed by event id), so handling an
 * event twice changes nothing.
 */
@Component
@ProcessingGroup(ProcurementBatchProjection.GROUP)
public class ProcurementBatchProjection {

    public static final String GROUP = "procurement-batches";

    private final MongoCollection<Document> batches;

    public ProcurementBatchProjection(MongoDatabase db) {
        this.batches = db.getCollection("procurement_batches");
    }

    @EventHandler
    void on(ProcurementBatchCreated e) {
        Document d = new Document("_id", e.batchCode()).append("name", e.name())
                .append("allocationOpensAt", Date.from(e.allocationOpensAt()))
                .append("allocationClosesAt", Date.from(e.allocationClosesAt()))
                .append("minShareLowestDailyCost", str(e.minShareLowestDailyCost()))
                .append("minShareHighestReduction", str(e.minShareHighestReduction()))
                .append("createdAt", Date.from(e.createdAt()))
                .append("productCount", 0).append("productGroupCount", 0)
                .append("demandImports", new Document());
        batches.replaceOne(eq("_id", e.batchCode()), d, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(CatalogueImported e) {
        long groups = e.products().stream().map(WinningProduct::groupCode).distinct().count();
        batches.updateOne(eq("_id", e.batchCode()), Updates.combine(
                Updates.set("productCount", e.products().size()), Updates.set("productGroupCount", (int) groups)));
    }

    @EventHandler
    void on(DemandsImported e, EventMessage<?> message) {
        batches.updateOne(eq("_id", e.batchCode()), Updates.set("demandImports." + message.getIdentifier(),
                new Document("institutions", e.institutionCodes().size()).append("lines", e.demandLineCount())));
    }

    @ResetHandler
    void reset() {
        batches.deleteMany(new Document());
    }

    @QueryHandler
    public ProcurementBatchList handle(ListProcurementBatches query) {
        List<ProcurementBatchView> items = new ArrayList<>();
        batches.find().sort(Sorts.descending("createdAt")).forEach(d -> items.add(view(d)));
        return new ProcurementBatchList(items);
    }

    @QueryHandler
    public ProcurementBatchView handle(FindProcurementBatch query) {
        Document d = batches.find(eq("_id", query.batchCode())).first();
        return d == null ? null : view(d);
    }

    private static ProcurementBatchView view(Document d) {
        int institutions = 0;
        int lines = 0;
        Document imports = d.get("demandImports", Document.class);
        if (imports != null) {
            for (Object v : imports.values()) {
                Document i = (Document) v;
                institutions += i.getInteger("institutions", 0);
                lines += i.getInteger("lines", 0);
            }
        }
        return new ProcurementBatchView(d.getString("_id"), d.getString("name"),
                d.getDate("allocationOpensAt").toInstant(), d.getDate("allocationClosesAt").toInstant(),
                dec(d.getString("minShareLowestDailyCost")), dec(d.getString("minShareHighestReduction")),
                d.getInteger("productGroupCount", 0), d.getInteger("productCount", 0), institutions, lines,
                d.getDate("createdAt").toInstant());
    }

    private static String str(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
