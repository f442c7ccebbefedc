package com.vbp.query.allocation;

import com.mongodb.client.MongoCollection;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationReported;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.AllocationQueries.LineKind;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.config.ReadModelCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;

/**
 * One institution's confirmed contracts in one batch, as a document ({@code _id = batch|institution}):
 * its lines (kind, id, pending volume, confirmed or not, allocated total once confirmed), one contract per
 * confirmed selected line and per entry of a confirmed pending line (amount rounded to the fen), the names
 * of its product groups, and whether it has reported. Shared by {@link ReportListProjection} and
 * {@link AllocationSummaryProjection}, each on its own collection and processing group.
 * <p>
 * Every change rewrites the document from the event's figures: the contracts of a line are replaced, never
 * added to, so an event handled twice leaves the same document.
 */
final class InstitutionContracts {

    static final Comparator<Document> CONTRACT_ORDER = Comparator
            .comparing((Document c) -> c.getString("kind")).reversed() // SELECTED before PENDING
            .thenComparing(c -> c.getString("lineId")).thenComparing(c -> c.getString("drugCode"));

    private final MongoCollection<Document> collection;
    /** The same, as handlers write it: by batch, every institution the batch's events name read in one query. */
    private final ReadModelCollection documents;

    InstitutionContracts(MongoCollection<Document> collection) {
        this.collection = collection;
        this.documents = new ReadModelCollection(collection).preloading(Docs::institutionOf);
    }

    void on(InstitutionDemandRegistered e) {
        String id = Docs.id(e.batchCode(), e.institutionCode());
        List<Document> lines = new ArrayList<>();
        e.selectedLines().forEach(l -> lines.add(new Document("kind", LineKind.SELECTED.name())
                .append("lineId", l.lineId()).append("volume", l.volume().minUnits()).append("confirmed", false)));
        e.pendingLines().forEach(l -> lines.add(new Document("kind", LineKind.PENDING.name())
                .append("lineId", l.lineId()).append("pendingVolume", l.pendingVolume().minUnits())
                .append("confirmed", false)));
        Map<String, String> groups = new LinkedHashMap<>();
        if (e.winners() != null) {
            e.winners().stream().sorted(Comparator.comparing(WinningProduct::groupCode))
                    .forEach(w -> groups.putIfAbsent(w.groupCode(), w.groupName()));
        }
        Document d = new Document("_id", id).append("batch", e.batchCode())
                .append("institutionCode", e.institutionCode()).append("institutionName", e.institutionName())
                .append("district", e.district()).append("groups", new Document(new LinkedHashMap<>(groups)))
                .append("lines", lines).append("contracts", List.of()).append("reported", false);
        documents.replace(d);
    }

    void on(SelectedLineConfirmed e) {
        change(e.batchCode(), e.institutionCode(), d -> {
            line(d, LineKind.SELECTED, e.lineId(), l -> l.append("confirmed", true));
            replaceContracts(d, LineKind.SELECTED, e.lineId(), List.of(new Document("kind", LineKind.SELECTED.name())
                    .append("lineId", e.lineId()).append("groupCode", e.groupCode())
                    .append("drugCode", e.drugCode()).append("variety", e.variety())
                    .append("enterprise", e.enterprise()).append("packagePrice", Docs.dec(e.packagePrice().yuan()))
                    .append("packageQuantity", e.packageQuantity()).append("contractVolume", e.volume().minUnits())
                    .append("contractAmount", Docs.dec(e.contractAmount().toFen().yuan()))));
        });
    }

    void on(AllocationConfirmed e) {
        change(e.batchCode(), e.institutionCode(), d -> {
            line(d, LineKind.PENDING, e.lineId(), l -> l.append("confirmed", true)
                    .append("allocatedTotal", Docs.dec(e.allocatedTotal().minUnits())));
            List<Document> contracts = new ArrayList<>();
            for (ContractEntry entry : e.entries()) {
                contracts.add(new Document("kind", LineKind.PENDING.name()).append("lineId", e.lineId())
                        .append("groupCode", entry.groupCode() == null ? e.groupCode() : entry.groupCode())
                        .append("drugCode", entry.drugCode()).append("variety", entry.variety())
                        .append("enterprise", entry.enterprise())
                        .append("packagePrice", Docs.dec(entry.packagePrice().yuan()))
                        .append("packageQuantity", entry.packageQuantity())
                        .append("contractVolume", entry.contractVolume().minUnits())
                        .append("contractAmount", Docs.dec(entry.contractAmount().toFen().yuan())));
            }
            replaceContracts(d, LineKind.PENDING, e.lineId(), contracts);
        });
    }

    void on(AllocationWithdrawn e) {
        change(e.batchCode(), e.institutionCode(), d -> {
            line(d, LineKind.PENDING, e.lineId(), l -> l.append("confirmed", false).append("allocatedTotal", null));
            replaceContracts(d, LineKind.PENDING, e.lineId(), List.of());
        });
    }

    void on(AllocationReported e) {
        change(e.batchCode(), e.institutionCode(),
                d -> d.append("reported", true).append("reportedAt", Docs.date(e.at())));
    }

    void reset() {
        collection.deleteMany(new Document());
    }

    /** The institution's document, as the batch being handled has it (a query outside a batch reads the store). */
    Document find(String batch, String institution) {
        return documents.find(Docs.id(batch, institution));
    }

    /** The institution's document in the store, for a query. */
    Document stored(String batch, String institution) {
        return collection.find(eq("_id", Docs.id(batch, institution))).first();
    }

    static List<ReportLine> contracts(Document d) {
        return d.getList("contracts", Document.class, List.of()).stream().map(c -> new ReportLine(
                LineKind.valueOf(c.getString("kind")), c.getString("lineId"), c.getString("groupCode"),
                c.getString("drugCode"), c.getString("variety"), c.getString("enterprise"),
                Docs.money(c, "packagePrice"), c.getInteger("packageQuantity"), Docs.volume(c, "contractVolume"),
                Docs.money(c, "contractAmount"))).toList();
    }

    private void change(String batch, String institution, Consumer<Document> change) {
        String id = Docs.id(batch, institution);
        Document d = documents.find(id);
        if (d != null) {
            change.accept(d);
            documents.replace(d);
        }
    }

    private static void line(Document d, LineKind kind, String lineId, Consumer<Document> change) {
        d.getList("lines", Document.class).stream()
                .filter(l -> kind.name().equals(l.getString("kind")) && lineId.equals(l.getString("lineId")))
                .forEach(change);
    }

    private static void replaceContracts(Document d, LineKind kind, String lineId, List<Document> replacement) {
        List<Document> contracts = new ArrayList<>(d.getList("contracts", Document.class).stream()
                .filter(c -> !(kind.name().equals(c.getString("kind")) && lineId.equals(c.getString("lineId"))))
                .toList());
        contracts.addAll(replacement);
        contracts.sort(CONTRACT_ORDER);
        d.append("contracts", contracts);
    }
}
