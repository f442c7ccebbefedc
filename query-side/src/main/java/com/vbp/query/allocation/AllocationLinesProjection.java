package com.vbp.query.allocation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationReported;
import com.vbp.events.allocation.AllocationEvents.AllocationSaved;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.AllocationQueries.FetchPendingLines;
import com.vbp.events.allocation.AllocationQueries.FetchSelectedLines;
import com.vbp.events.allocation.AllocationQueries.LineStatus;
import com.vbp.events.allocation.AllocationQueries.PendingLineView;
import com.vbp.events.allocation.AllocationQueries.PendingLinesPage;
import com.vbp.events.allocation.AllocationQueries.SelectedLineView;
import com.vbp.events.allocation.AllocationQueries.SelectedLinesPage;
import com.vbp.events.allocation.AllocationQueries.WinnerView;
import com.vbp.events.allocation.CapacityEvents;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinnerColumns;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.config.Paging;
import com.vbp.query.config.ReadModelCollection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

/**
 * 中选产品采购量 and 待分配量 (seed 000 §3.2.2, §3.2.3) of each institution in each batch.
 * <p>
 * One document per batch and institution ({@code allocation_lines}, {@code _id = batch|institution}) with
 * its selected lines, its pending lines (status, draft or confirmed entries, allocated total, bounds of
 * the last save) and the copy of its groups' winners from {@link InstitutionDemandRegistered}; one
 * document per batch and product ({@code allocation_capacity}, {@code _id = batch|drug}) with the absolute
 * reserved total of the last capacity event. Every handler sets absolute values on one document, so an
 * event handled twice leaves the same documents. A change of one line writes that line alone
 * ({@code $set} of {@code pending.<index>}; lines never move once registered), not the whole document with its
 * copy of the winners; a processor batch writes each changed document once (see {@link ReadModelCollection}).
 */
@Component
@ProcessingGroup(AllocationLinesProjection.GROUP)
public class AllocationLinesProjection {

    public static final String GROUP = "allocation-lines";

    private final MongoCollection<Document> lines;
    private final MongoCollection<Document> capacity;
    /** The same collections as the handlers write them, by batch (see {@link ReadModelCollection}). */
    private final ReadModelCollection linesWritten;
    private final ReadModelCollection capacityWritten;

    public AllocationLinesProjection(MongoDatabase db) {
        this.lines = db.getCollection("allocation_lines");
        this.capacity = db.getCollection("allocation_capacity");
        this.linesWritten = new ReadModelCollection(lines).preloading(Docs::institutionOf);
        this.capacityWritten = new ReadModelCollection(capacity);
    }

    @EventHandler
    void on(InstitutionDemandRegistered e) {
        String id = Docs.id(e.batchCode(), e.institutionCode());
        List<Document> selected = new ArrayList<>();
        for (SelectedLine l : e.selectedLines()) {
            selected.add(new Document("lineId", l.lineId()).append("groupCode", l.groupCode())
                    .append("drugCode", l.drugCode()).append("variety", l.variety())
                    .append("enterprise", l.enterprise()).append("volume", l.volume().minUnits())
                    .append("status", LineStatus.OPEN.name()));
        }
        List<Document> pending = new ArrayList<>();
        for (PendingLine l : e.pendingLines()) {
            pending.add(new Document("lineId", l.lineId()).append("groupCode", l.groupCode())
                    .append("drugCode", l.drugCode()).append("variety", l.variety())
                    .append("enterprise", l.enterprise()).append("pendingVolume", l.pendingVolume().minUnits())
                    .append("dailyUsage", Docs.dec(l.dailyUsage().minUnitsPerDay()))
                    .append("status", LineStatus.OPEN.name()).append("entries", List.of()));
        }
        Document d = new Document("_id", id).append("batch", e.batchCode())
                .append("institutionCode", e.institutionCode()).append("institutionName", e.institutionName())
                .append("district", e.district()).append("reported", false)
                .append("selected", selected).append("pending", pending)
                .append("winners", e.winners() == null ? List.of() : e.winners().stream().map(Docs::product).toList());
        linesWritten.replace(d);
    }

    @EventHandler
    void on(SelectedLineConfirmed e) {
        updateLine(e.batchCode(), e.institutionCode(), "selected", e.lineId(), l -> l
                .append("status", LineStatus.CONFIRMED.name())
                .append("contractAmount", Docs.dec(e.contractAmount().yuan()))
                .append("confirmedAt", Docs.date(e.at())));
    }

    @EventHandler
    void on(AllocationSaved e) {
        updateLine(e.batchCode(), e.institutionCode(), "pending", e.lineId(), l -> l
                .append("status", LineStatus.SAVED.name()).append("entries", Docs.entries(e.entries()))
                .append("allocatedTotal", Docs.dec(e.allocatedTotal().minUnits()))
                .append("bounds", Docs.bounds(e.bounds())));
    }

    @EventHandler
    void on(AllocationConfirmed e) {
        updateLine(e.batchCode(), e.institutionCode(), "pending", e.lineId(), l -> l
                .append("status", LineStatus.CONFIRMED.name()).append("entries", Docs.entries(e.entries()))
                .append("allocatedTotal", Docs.dec(e.allocatedTotal().minUnits()))
                .append("contractAmount", Docs.dec(e.contractAmount().yuan())));
    }

    @EventHandler
    void on(AllocationWithdrawn e) {
        updateLine(e.batchCode(), e.institutionCode(), "pending", e.lineId(), l -> l
                .append("status", LineStatus.SAVED.name()).append("entries", Docs.entries(e.released()))
                .append("contractAmount", null));
    }

    @EventHandler
    void on(AllocationReported e) {
        Document d = linesWritten.find(Docs.id(e.batchCode(), e.institutionCode()));
        if (d == null) {
            return;
        }
        for (String kind : List.of("selected", "pending")) {
            d.getList(kind, Document.class).forEach(l -> l.append("status", LineStatus.REPORTED.name()));
        }
        d.append("reported", true).append("reportedAt", Docs.date(e.at()));
        // everything but the winners, the bulk of the document, which reporting does not change
        linesWritten.set(d, "selected", "pending", "reported", "reportedAt");
    }

    @EventHandler
    void on(CapacityReserved e) {
        capacity(e, e.reservedTotal(), e.maxCapacity());
    }

    @EventHandler
    void on(CapacityReleased e) {
        capacity(e, e.reservedTotal(), e.maxCapacity());
    }

    private void capacity(CapacityEvents e, Volume reservedTotal, Volume maxCapacity) {
        String id = Docs.id(e.batchCode(), e.drugCode());
        capacityWritten.replace(new Document("_id", id).append("batch", e.batchCode())
                .append("drugCode", e.drugCode()).append("reservedTotal", reservedTotal.minUnits())
                .append("maxCapacity", maxCapacity.minUnits()));
    }

    /** Changes one line of the institution's document and writes that line alone ({@code pending.3}). */
    private void updateLine(String batch, String institution, String kind, String lineId, Consumer<Document> change) {
        Document d = linesWritten.find(Docs.id(batch, institution));
        if (d == null) {
            return;
        }
        List<Document> list = d.getList(kind, Document.class);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (lineId.equals(list.get(i).getString("lineId"))) {
                change.accept(list.get(i));
                paths.add(kind + "." + i);
            }
        }
        if (!paths.isEmpty()) {
            linesWritten.set(d, paths.toArray(String[]::new));
        }
    }

    @ResetHandler
    void reset() {
        lines.deleteMany(new Document());
        capacity.deleteMany(new Document());
    }

    @QueryHandler
    public SelectedLinesPage handle(FetchSelectedLines q) {
        int page = Paging.page(q.page());
        int size = Paging.size(q.size());
        Document d = lines.find(eq("_id", Docs.id(q.batchCode(), q.institution()))).first();
        if (d == null) {
            return new SelectedLinesPage(List.of(), page, size, 0);
        }
        Map<String, WinningProduct> winners = winners(d);
        List<SelectedLineView> all = d.getList("selected", Document.class).stream()
                .filter(l -> Docs.contains(l.getString("drugCode"), q.drugCode())
                        && Docs.contains(l.getString("variety"), q.variety())
                        && Docs.contains(l.getString("enterprise"), q.enterprise()))
                .map(l -> selectedView(l, winners.get(l.getString("drugCode")))).toList();
        return new SelectedLinesPage(Paging.slice(all, page, size), page, size, all.size());
    }

    @QueryHandler
    public PendingLinesPage handle(FetchPendingLines q) {
        int page = Paging.page(q.page());
        int size = Paging.size(q.size());
        Document d = lines.find(eq("_id", Docs.id(q.batchCode(), q.institution()))).first();
        if (d == null) {
            return new PendingLinesPage(List.of(), page, size, 0);
        }
        List<Document> matching = d.getList("pending", Document.class).stream()
                .filter(l -> Docs.contains(l.getString("drugCode"), q.drugCode())
                        && Docs.contains(l.getString("variety"), q.variety())
                        && Docs.contains(l.getString("enterprise"), q.enterprise())).toList();
        List<Document> onPage = Paging.slice(matching, page, size);
        Map<String, WinningProduct> winners = winners(d);
        Map<String, Volume> reserved = reserved(q.batchCode(), onPage, winners);
        List<PendingLineView> items = onPage.stream().map(l -> pendingView(l, winners, reserved))
                .toList();
        return new PendingLinesPage(items, page, size, matching.size());
    }

    /**
     * The reserved volume of every winner of the page's groups, read in one query: one round trip per winner was the
     * largest wait of a pending-lines read in issue 14's profile.
     */
    private Map<String, Volume> reserved(String batch, List<Document> onPage, Map<String, WinningProduct> winners) {
        java.util.Set<String> groups = new java.util.HashSet<>();
        onPage.forEach(l -> groups.add(l.getString("groupCode")));
        List<String> ids = winners.values().stream().filter(p -> groups.contains(p.groupCode()))
                .map(p -> Docs.id(batch, p.drugCode())).toList();
        Map<String, Volume> reserved = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document c : capacity.find(in("_id", ids))) {
                String id = c.getString("_id");
                reserved.put(id.substring(batch.length() + 1), Docs.volume(c, "reservedTotal"));
            }
        }
        return reserved;
    }

    private static Map<String, WinningProduct> winners(Document d) {
        Map<String, WinningProduct> winners = new java.util.LinkedHashMap<>();
        d.getList("winners", Document.class, List.of()).stream().map(Docs::product)
                .forEach(p -> winners.put(p.drugCode(), p));
        return winners;
    }

    private static SelectedLineView selectedView(Document l, WinningProduct p) {
        Volume volume = Docs.volume(l, "volume");
        Money amount = Docs.money(l, "contractAmount");
        if (amount == null && p != null) {
            // Before confirmation: what the contract would amount to, by the same rule as the domain's.
            amount = new Money(p.packagePrice().yuan().multiply(BigDecimal.valueOf(volume.minUnits()))
                    .divide(BigDecimal.valueOf(p.packageQuantity()), 2, java.math.RoundingMode.HALF_UP));
        }
        return new SelectedLineView(l.getString("lineId"), l.getString("groupCode"), l.getString("drugCode"),
                l.getString("variety"), l.getString("enterprise"), p == null ? null : p.dosageForm(),
                p == null ? null : p.specification(), p == null ? null : p.packagePrice(),
                p == null ? 0 : p.packageQuantity(), volume, amount, LineStatus.valueOf(l.getString("status")),
                Docs.instant(l, "confirmedAt"));
    }

    private PendingLineView pendingView(Document l, Map<String, WinningProduct> winners,
                                        Map<String, Volume> reserved) {
        String group = l.getString("groupCode");
        List<WinningProduct> groupWinners = winners.values().stream().filter(p -> group.equals(p.groupCode()))
                .toList();
        WinnerColumns columns = WinnerColumns.of(groupWinners);
        DailyUsage usage = new DailyUsage(Docs.dec(l, "dailyUsage"));
        BigDecimal total = Docs.dec(l, "allocatedTotal");
        String groupName = groupWinners.isEmpty() ? null : groupWinners.get(0).groupName();
        return new PendingLineView(l.getString("lineId"), group, groupName, l.getString("drugCode"),
                l.getString("variety"), l.getString("enterprise"), Docs.volume(l, "pendingVolume"), usage,
                LineStatus.valueOf(l.getString("status")), winner(columns.lowestDailyCost(), reserved),
                winner(columns.highestReduction(), reserved),
                columns.others().stream().map(p -> winner(p, reserved)).toList(),
                Docs.entries(l, "entries"), total == null ? AllocatedVolume.ZERO : new AllocatedVolume(total),
                Docs.bounds(l.get("bounds", Document.class)));
    }

    private WinnerView winner(WinningProduct p, Map<String, Volume> reserved) {
        if (p == null) {
            return null;
        }
        Volume used = reserved.getOrDefault(p.drugCode(), Volume.ZERO);
        return new WinnerView(p.drugCode(), p.variety(), p.enterprise(), p.dosageForm(), p.specification(),
                p.packagePrice(), p.packageQuantity(), p.dailyUsage(), WinnerColumns.dailyCost(p, p.dailyUsage()),
                p.reduction(), p.maxCapacity(), Volume.of(Math.max(0, p.maxCapacity().minUnits() - used.minUnits())));
    }
}
