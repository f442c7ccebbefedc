package com.vbp.query.procurement;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.vbp.events.allocation.AllocationEvents;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementQueries.FetchSupplyList;
import com.vbp.events.procurement.ProcurementQueries.SupplyListPage;
import com.vbp.events.procurement.ProcurementQueries.SupplyRow;
import com.vbp.events.procurement.ProcurementQueries.SupplySort;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.config.BatchWrites;
import com.vbp.query.config.CachedReadModel;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static com.mongodb.client.model.Filters.eq;

/**
 * 供应清单 (seed 000 §3.2.1): for every institution of a batch, the winning products of each product
 * group it has demand in, with its agreed volume of each.
 * <p>
 * One document per batch and institution ({@code _id = batch|institution}) holding its rows, so an
 * institution's own list is a key lookup; the embedded store has no secondary indexes, and real
 * MongoDB gets the indexes created below. Decimals are stored as exact strings. Every handler
 * sets absolute values from the event, so handling an event twice changes nothing; a confirmation or withdrawal
 * writes the allocations and the agreed volumes that changed ({@code $set}), not the whole document, and a
 * processor batch writes each changed document once (see {@link ReadModelCollection}). District and
 * whole-batch pages are computed from {@link SupplyListIndex} and read only the documents on the page.
 * <p>
 * Agreed volume (约定采购量) of a winner for an institution = the volume of its selected line for that
 * product, as imported (the demand already names the winner; confirming it changes no figure), plus the
 * contract volumes of the confirmed entries of its pending lines. The document keeps both parts
 * ({@code selected}: drug → volume, {@code allocations}: line → entries) and every row's agreed volume is
 * recomputed from them on {@link AllocationConfirmed} and {@link AllocationWithdrawn}.
 */
@Component
@ProcessingGroup(SupplyListProjection.GROUP)
public class SupplyListProjection implements CachedReadModel {

    public static final String GROUP = "supply-list";

    private final MongoCollection<Document> catalogue;
    private final MongoCollection<Document> supply;
    /** The catalogue of each batch, kept in memory because every institution's event needs it. */
    private final Map<String, Map<String, WinningProduct>> catalogueCache = new ConcurrentHashMap<>();
    private final SupplyListIndex index;
    /** {@code supply_list} as the handlers write it, by batch (see {@link ReadModelCollection}). */
    private final ReadModelCollection supplyWritten;

    public SupplyListProjection(MongoDatabase db) {
        this.catalogue = db.getCollection("supply_catalogue");
        this.supply = db.getCollection("supply_list");
        this.supplyWritten = new ReadModelCollection(supply).preloading(
                e -> e instanceof AllocationEvents a ? a.batchCode() + "|" + a.institutionCode() : null);
        this.index = new SupplyListIndex(supply);
        supply.createIndex(Indexes.ascending("batch", "district"));
        catalogue.createIndex(Indexes.ascending("batch"));
    }

    @EventHandler
    void on(CatalogueImported e) {
        catalogue.deleteMany(eq("batch", e.batchCode()));
        List<Document> docs = e.products().stream().map(p -> productDoc(e.batchCode(), p)).toList();
        if (!docs.isEmpty()) {
            catalogue.insertMany(docs);
        }
        catalogueCache.remove(e.batchCode());
        index.invalidate(e.batchCode());
    }

    @EventHandler
    void on(InstitutionDemandRegistered e) {
        Map<String, WinningProduct> products = catalogueOf(e.batchCode());
        Set<String> groups = new TreeSet<>();
        Map<String, Long> selected = new TreeMap<>();
        for (SelectedLine l : e.selectedLines()) {
            groups.add(l.groupCode());
            selected.merge(l.drugCode(), l.volume().minUnits(), Long::sum);
        }
        e.pendingLines().stream().map(PendingLine::groupCode).forEach(groups::add);
        List<Document> rows = products.values().stream()
                .filter(p -> groups.contains(p.groupCode()))
                .sorted(Comparator.comparing(WinningProduct::groupCode).thenComparing(WinningProduct::drugCode))
                .map(p -> rowDoc(p, selected.getOrDefault(p.drugCode(), 0L)))
                .toList();
        String id = e.batchCode() + "|" + e.institutionCode();
        Document d = new Document("_id", id).append("batch", e.batchCode())
                .append("institutionCode", e.institutionCode()).append("institutionName", e.institutionName())
                .append("district", e.district()).append("rows", rows)
                .append("drugCodes", rows.stream().map(r -> r.getString("drugCode")).toList())
                .append("selected", new Document(new LinkedHashMap<>(selected)))
                .append("allocations", new Document());
        supplyWritten.replace(d);
        // once the document is in the store: a page computed before would otherwise be cached without it
        BatchWrites.afterFlush(() -> index.invalidate(e.batchCode()));
    }

    @EventHandler
    void on(AllocationConfirmed e) {
        changeAllocation(e.batchCode(), e.institutionCode(), e.lineId(), e.entries());
    }

    @EventHandler
    void on(AllocationWithdrawn e) {
        changeAllocation(e.batchCode(), e.institutionCode(), e.lineId(), null);
    }

    /** Sets (or, with null, removes) a pending line's confirmed entries and recomputes every agreed volume. */
    private void changeAllocation(String batch, String institution, String lineId, List<ContractEntry> entries) {
        Document d = supplyWritten.find(batch + "|" + institution);
        if (d == null) {
            return;
        }
        List<String> paths = new ArrayList<>(List.of("allocations"));
        Document allocations = d.get("allocations", Document.class);
        allocations = allocations == null ? new Document() : allocations;
        if (entries == null) {
            allocations.remove(lineId);
        } else {
            Document byDrug = new Document();
            entries.forEach(en -> byDrug.merge(en.drugCode(), en.contractVolume().minUnits(),
                    (a, b) -> ((Number) a).longValue() + ((Number) b).longValue()));
            allocations.put(lineId, byDrug);
        }
        Document selected = d.get("selected", Document.class);
        if (selected == null) {
            // A document written before allocations were projected: its agreed volumes are the selected lines'.
            selected = new Document();
            for (Document r : d.getList("rows", Document.class)) {
                long v = ((Number) r.get("agreedVolume")).longValue();
                if (v > 0) {
                    selected.put(r.getString("drugCode"), v);
                }
            }
            d.put("selected", selected);
            paths.add("selected");
        }
        Map<String, Long> agreed = new HashMap<>();
        selected.forEach((drug, v) -> agreed.merge(drug, ((Number) v).longValue(), Long::sum));
        allocations.values().forEach(line -> ((Document) line)
                .forEach((drug, v) -> agreed.merge(drug, ((Number) v).longValue(), Long::sum)));
        List<Document> rows = d.getList("rows", Document.class);
        for (int i = 0; i < rows.size(); i++) {
            Document r = rows.get(i);
            long now = agreed.getOrDefault(r.getString("drugCode"), 0L);
            if (!(r.get("agreedVolume") instanceof Number n && n.longValue() == now)) {
                r.put("agreedVolume", now);
                paths.add("rows." + i + ".agreedVolume"); // the rows that changed, not the whole list
            }
        }
        d.put("allocations", allocations);
        supplyWritten.set(d, paths.toArray(String[]::new));
    }

    @ResetHandler
    void reset() {
        catalogue.deleteMany(new Document());
        supply.deleteMany(new Document());
        dropCaches();
    }

    @Override
    public void dropCaches() {
        catalogueCache.clear();
        index.clear();
    }

    @QueryHandler
    public SupplyListPage handle(FetchSupplyList q) {
        int page = Paging.page(q.page());
        int size = q.size() == Integer.MAX_VALUE ? Integer.MAX_VALUE : Paging.size(q.size());
        SupplySort sort = q.sort() == null ? SupplySort.INSTITUTION : q.sort();
        if (q.institution() != null || sort == SupplySort.AGREED_VOLUME) {
            // One institution's rows, or an order that needs every row's volume: read the documents themselves.
            List<SupplyRow> rows = new ArrayList<>();
            for (String id : scopeIds(q)) {
                Document d = supply.find(eq("_id", id)).first();
                if (d != null && (q.district() == null || q.district().equals(d.getString("district")))) {
                    rows(d).stream().filter(rowFilter(q)).forEach(rows::add);
                }
            }
            rows.sort(q.descending() ? comparator(sort).reversed() : comparator(sort));
            return new SupplyListPage(Paging.slice(rows, page, size), page, size, rows.size());
        }
        List<Cell> cells = cells(q, sort);
        if (q.descending()) {
            java.util.Collections.reverse(cells);
        }
        List<Cell> onPage = Paging.slice(cells, page, size);
        Map<String, Map<String, SupplyRow>> docs = new HashMap<>();
        for (Cell cell : onPage) {
            docs.computeIfAbsent(cell.entry().id(), id -> {
                Document d = supply.find(eq("_id", id)).first();
                Map<String, SupplyRow> byDrug = new HashMap<>();
                if (d != null) {
                    rows(d).forEach(r -> byDrug.put(r.drugCode(), r));
                }
                return byDrug;
            });
        }
        List<SupplyRow> items = onPage.stream().map(c -> docs.get(c.entry().id()).get(c.drugCode()))
                .filter(java.util.Objects::nonNull).toList();
        return new SupplyListPage(items, page, size, cells.size());
    }

    /** One row's place in the list: an institution's document and a drug code in it. */
    private record Cell(SupplyListIndex.Entry entry, String drugCode) {
    }

    /** Every matching row of a district or a batch, in the requested order, from the index alone. */
    private List<Cell> cells(FetchSupplyList q, SupplySort sort) {
        List<SupplyListIndex.Entry> scope = index.entries(q.batchCode()).stream()
                .filter(e -> q.district() == null || q.district().equals(e.district())).toList();
        List<WinningProduct> wanted = catalogueOf(q.batchCode()).values().stream()
                .filter(p -> contains(p.drugCode(), q.drugCode()) && contains(p.variety(), q.variety())
                        && contains(p.enterprise(), q.enterprise()))
                .toList();
        List<Cell> cells = new ArrayList<>();
        if (sort == SupplySort.INSTITUTION) {
            Set<String> drugs = new java.util.HashSet<>();
            wanted.forEach(p -> drugs.add(p.drugCode()));
            for (SupplyListIndex.Entry e : scope) {
                e.drugCodes().stream().filter(drugs::contains).forEach(d -> cells.add(new Cell(e, d)));
            }
            return cells;
        }
        Comparator<WinningProduct> productOrder = switch (sort) {
            case VARIETY -> Comparator.comparing(WinningProduct::variety);
            case ENTERPRISE -> Comparator.comparing(WinningProduct::enterprise);
            default -> Comparator.comparing(WinningProduct::drugCode);
        };
        wanted.stream().sorted(productOrder.thenComparing(WinningProduct::drugCode)).forEach(p -> {
            for (SupplyListIndex.Entry e : scope) {
                if (e.drugSet().contains(p.drugCode())) {
                    cells.add(new Cell(e, p.drugCode()));
                }
            }
        });
        return cells;
    }

    private List<String> scopeIds(FetchSupplyList q) {
        if (q.institution() != null) {
            return List.of(q.batchCode() + "|" + q.institution());
        }
        return index.entries(q.batchCode()).stream()
                .filter(e -> q.district() == null || q.district().equals(e.district()))
                .map(SupplyListIndex.Entry::id).toList();
    }

    private static Comparator<SupplyRow> comparator(SupplySort sort) {
        Comparator<SupplyRow> byInstitution = Comparator.comparing(SupplyRow::institutionCode)
                .thenComparing(SupplyRow::groupCode).thenComparing(SupplyRow::drugCode);
        return switch (sort) {
            case INSTITUTION -> byInstitution;
            case DRUG_CODE -> Comparator.comparing(SupplyRow::drugCode).thenComparing(byInstitution);
            case VARIETY -> Comparator.comparing(SupplyRow::variety).thenComparing(byInstitution);
            case ENTERPRISE -> Comparator.comparing(SupplyRow::enterprise).thenComparing(byInstitution);
            case AGREED_VOLUME -> Comparator.comparing(SupplyRow::agreedVolume).thenComparing(byInstitution);
        };
    }

    private static Predicate<SupplyRow> rowFilter(FetchSupplyList q) {
        return row -> contains(row.drugCode(), q.drugCode()) && contains(row.variety(), q.variety())
                && contains(row.enterprise(), q.enterprise());
    }

    private static boolean contains(String value, String wanted) {
        return wanted == null || wanted.isBlank()
                || (value != null && value.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT)));
    }

    private Map<String, WinningProduct> catalogueOf(String batch) {
        return catalogueCache.computeIfAbsent(batch, b -> {
            Map<String, WinningProduct> products = new LinkedHashMap<>();
            catalogue.find(eq("batch", b)).forEach(d -> {
                WinningProduct p = product(d);
                products.put(p.drugCode(), p);
            });
            return products;
        });
    }

    private static List<SupplyRow> rows(Document d) {
        return d.getList("rows", Document.class).stream().map(r -> new SupplyRow(d.getString("institutionCode"),
                d.getString("institutionName"), d.getString("district"), r.getString("groupCode"),
                r.getString("groupName"), r.getString("drugCode"), r.getString("variety"), r.getString("dosageForm"),
                r.getString("specification"), r.getString("enterprise"), new Money(new BigDecimal(r.getString("packagePrice"))),
                r.getInteger("packageQuantity"), r.getString("minUnit"),
                new DailyUsage(new BigDecimal(r.getString("dailyUsage"))),
                new Percentage(new BigDecimal(r.getString("reduction"))),
                new Volume(((Number) r.get("agreedVolume")).longValue()))).collect(Collectors.toList());
    }

    private static Document rowDoc(WinningProduct p, long agreedVolume) {
        return productFields(new Document(), p).append("agreedVolume", agreedVolume);
    }

    private static Document productDoc(String batch, WinningProduct p) {
        return productFields(new Document("_id", batch + "|" + p.drugCode()).append("batch", batch), p)
                .append("maxCapacity", p.maxCapacity().minUnits());
    }

    private static Document productFields(Document d, WinningProduct p) {
        return d.append("groupCode", p.groupCode()).append("groupName", p.groupName())
                .append("drugCode", p.drugCode()).append("variety", p.variety())
                .append("dosageForm", p.dosageForm()).append("specification", p.specification())
                .append("enterprise", p.enterprise()).append("packagePrice", p.packagePrice().yuan().toPlainString())
                .append("packageQuantity", p.packageQuantity()).append("minUnit", p.minUnit())
                .append("dailyUsage", p.dailyUsage().minUnitsPerDay().toPlainString())
                .append("reduction", p.reduction().percent().toPlainString());
    }

    private static WinningProduct product(Document d) {
        return new WinningProduct(d.getString("groupCode"), d.getString("groupName"), d.getString("drugCode"),
                d.getString("variety"), d.getString("dosageForm"), d.getString("specification"),
                d.getString("enterprise"), new Money(new BigDecimal(d.getString("packagePrice"))),
                d.getInteger("packageQuantity"), d.getString("minUnit"),
                new DailyUsage(new BigDecimal(d.getString("dailyUsage"))),
                new Percentage(new BigDecimal(d.getString("reduction"))),
                new Volume(((Number) d.get("maxCapacity")).longValue()));
    }
}
