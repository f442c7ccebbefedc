package com.vbp.query.allocation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.BatchProgress;
import com.vbp.events.allocation.AllocationQueries.ContractAmountRow;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.query.config.BatchWrites;
import com.vbp.query.config.ReadModelCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.function.Supplier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

/**
 * The summaries, pre-aggregated: contract amounts per (batch, grouping, key) and progress per batch, kept in
 * line with the per-institution documents of {@link InstitutionContracts} so a summary is a small read by
 * {@code _id} prefix (the embedded store serves a prefix from its {@code _id} index; there are no other
 * indexes to rely on).
 * <p>
 * <b>What is stored.</b> What one institution adds to one key — its <em>tally</em>: contract volume, amount
 * and lines for a grouping key; lines, lines confirmed, 1 institution, reported, pending volume and volume
 * allocated for its batch's progress — is computed from its document, never from an event's delta. Institutions
 * fall into {@value #BUCKETS} buckets by code. In {@code allocation_summary_parts}: per key and bucket, the
 * tally of each institution of the bucket ({@code part|…}), and per institution the tallies last written
 * ({@code counted|batch|institution}). In {@code allocation_summary_totals}, what the queries read: per key,
 * the sum of each bucket and their sum ({@code ENTERPRISE|batch|key}, {@code PRODUCT_GROUP|…},
 * {@code DISTRICT|…}, {@code PROGRESS|batch}); per institution bucket, the rows of its institutions
 * ({@code INSTITUTION|batch|bucket}). Decimals are exact strings; sums keep the scales the old query-time sums
 * had. A key without contracts has no document.
 * <p>
 * <b>Why it stays exact.</b> Every write sets absolute values: an institution's entry in a part, a bucket's sum
 * in a total recomputed from the whole part, a total recomputed from its buckets. {@link #update} compares the
 * institution's tallies now with those last counted and rewrites the parts, then the totals, of every key whose
 * tally differs, and only then records the new tallies as counted. Handling an event twice finds nothing to
 * change. After a crash (the embedded store persists a prefix of the writes, the token never ahead of them)
 * the processor handles the last events again; a key written only halfway still differs from what was counted
 * when the interrupted event comes round again, so it is rewritten whole. A replay starts from empty
 * collections. Processing is single-threaded per processing group, so no two updates interleave.
 * <p>
 * <b>In a batch</b> ({@link BatchWrites}) the institutions an event changed are brought in line once, when the
 * batch is written, from their documents' last state; the batch's writes go out parts first, then totals, then
 * what is counted, each stage after the one before, so the argument above holds for a batch as for an event: a
 * crash keeps a prefix of them, and the batch handled again finds every key not yet counted still differing.
 */
final class SummaryTotals {

    static final int BUCKETS = 64;

    private static final String PROGRESS = "PROGRESS";
    private static final String VOLUME = "volume";
    private static final String AMOUNT = "amount";
    private static final String LINES = "lines";
    private static final String CONFIRMED = "confirmed";
    private static final String INSTITUTIONS = "institutions";
    private static final String REPORTED = "reported";
    private static final String PENDING = "pending";
    private static final String ALLOCATED = "allocated";
    private static final Map<String, Object> AMOUNT_ZERO = figures(0, BigDecimal.ZERO, 0);
    private static final Map<String, Object> PROGRESS_ZERO = progress(0, 0, 0, 0, 0, BigDecimal.ZERO);
    private static final Bson BY_ID = Sorts.ascending("_id");

    /** What one institution (or a bucket, or everyone) adds to one key: its name and its figures. */
    record Tally(String name, Map<String, Object> figures) {
    }

    private final MongoCollection<Document> totalsCollection;
    /** Written in this order when a batch is flushed: parts, then totals, then what is counted (see above). */
    private final ReadModelCollection parts;
    private final ReadModelCollection totals;
    private final ReadModelCollection counted;
    private final String batchKey = "SummaryTotals@" + Integer.toHexString(System.identityHashCode(this));

    SummaryTotals(MongoDatabase db) {
        MongoCollection<Document> partsCollection = db.getCollection("allocation_summary_parts");
        this.totalsCollection = db.getCollection("allocation_summary_totals");
        this.parts = new ReadModelCollection(partsCollection).inStage(1);
        this.totals = new ReadModelCollection(totalsCollection).inStage(2);
        this.counted = new ReadModelCollection(partsCollection).inStage(3);
    }

    void reset() {
        parts.collection().deleteMany(new Document());
        totalsCollection.deleteMany(new Document());
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /**
     * Brings the totals in line with an institution's document ({@code document} gives it, or null: the
     * institution adds nothing) — at once outside a batch; in a batch once, when the batch is written, for every
     * institution it changed, reading the documents each step needs in one query per collection.
     */
    void changed(String batch, String institution, Supplier<Document> document) {
        Map<String, Supplier<Document>> dirty = BatchWrites.batchState(batchKey, LinkedHashMap::new);
        dirty.put(Docs.id(batch, institution), document);
        BatchWrites.beforeFlush(batchKey, () -> {
            Map<String, Supplier<Document>> institutions = new LinkedHashMap<>(dirty);
            dirty.clear();
            update(institutions);
        });
    }

    private void update(Map<String, Supplier<Document>> institutions) {
        Map<String, Map<String, Tally>> nows = new LinkedHashMap<>();
        institutions.forEach((id, document) -> {
            Document d = document.get();
            nows.put(id, d == null ? Map.of() : tallies(d));
        });
        Map<String, Document> countedDocs = counted.findAll(nows.keySet().stream().map(id -> "counted|" + id)
                .toList());
        Map<String, TreeSet<String>> changes = new LinkedHashMap<>();
        List<String> partIds = new ArrayList<>();
        List<String> totalIds = new ArrayList<>();
        nows.forEach((id, now) -> {
            Document countedDoc = countedDocs.get("counted|" + id);
            TreeSet<String> changed = changedKeys(now, countedDoc == null ? Map.of() : decodeTallies(countedDoc));
            changes.put(id, changed);
            String batch = id.substring(0, id.lastIndexOf('|'));
            String bucket = bucket(id.substring(id.lastIndexOf('|') + 1));
            partIds(batch, bucket, changed).values().forEach(partIds::add);
            totalIds(batch, bucket, changed).values().forEach(totalIds::add);
        });
        // the batch's part and total documents, each read once (later reads come from the batch)
        parts.findAll(partIds);
        totals.findAll(totalIds);
        changes.forEach((id, changed) -> {
            if (!changed.isEmpty()) {
                int bar = id.lastIndexOf('|');
                update(id.substring(0, bar), id.substring(bar + 1), nows.get(id), changed);
            }
        });
    }

    private static TreeSet<String> changedKeys(Map<String, Tally> now, Map<String, Tally> counted) {
        TreeSet<String> changed = new TreeSet<>();
        now.forEach((key, t) -> {
            if (!t.equals(counted.get(key))) {
                changed.add(key);
            }
        });
        counted.keySet().stream().filter(k -> !now.containsKey(k)).forEach(changed::add);
        return changed;
    }

    private static Map<String, String> partIds(String batch, String bucket, Collection<String> changed) {
        Map<String, String> partIds = new LinkedHashMap<>();
        changed.stream().filter(k -> !k.startsWith(AmountGrouping.INSTITUTION.name() + "|"))
                .forEach(k -> partIds.put(k, "part|" + batch + "|" + k + "|" + bucket));
        return partIds;
    }

    private static Map<String, String> totalIds(String batch, String bucket, Collection<String> changed) {
        Map<String, String> totalIds = new LinkedHashMap<>();
        for (String key : changed) {
            totalIds.put(key, key.startsWith(AmountGrouping.INSTITUTION.name() + "|")
                    ? AmountGrouping.INSTITUTION.name() + "|" + batch + "|" + bucket
                    : key.equals(PROGRESS) ? PROGRESS + "|" + batch : grouping(key) + "|" + batch + "|" + keyOf(key));
        }
        return totalIds;
    }

    /** One institution whose tallies {@code now} differ from those counted in the keys {@code changed}. */
    private void update(String batch, String institution, Map<String, Tally> now, TreeSet<String> changed) {
        String bucket = bucket(institution);

        // 1. each changed key's part of this bucket: the institution's entry set or removed
        Map<String, String> partIds = partIds(batch, bucket, changed);
        Map<String, Document> partDocs = parts.findAll(partIds.values());
        Map<String, Tally> bucketSums = new HashMap<>();
        partIds.forEach((key, id) -> {
            List<Document> entries = entries(partDocs.get(id), "entries", "institution", institution, now.get(key));
            bucketSums.put(key, entries.isEmpty() ? null : sum(entries, zeroOf(key)));
            if (entries.isEmpty()) {
                parts.delete(id);
            } else {
                parts.replace(new Document("_id", id).append("entries", entries));
            }
        });

        // 2. the totals: each changed key's bucket sum and sum, or the institution's row in its bucket
        Map<String, String> totalIds = totalIds(batch, bucket, changed);
        Map<String, Document> totalDocs = totals.findAll(new LinkedHashSet<>(totalIds.values()));
        Map<String, Document> institutionRows = new LinkedHashMap<>();
        totalIds.forEach((key, id) -> {
            if (key.startsWith(AmountGrouping.INSTITUTION.name() + "|")) {
                List<Document> rows = entries(totalDocs.get(id), "rows", "key", institution, now.get(key));
                institutionRows.put(id, rows.isEmpty() ? null : new Document("_id", id)
                        .append("batch", batch).append("bucket", bucket).append("rows", rows));
                return;
            }
            List<Document> buckets = entries(totalDocs.get(id), "buckets", "bucket", bucket, bucketSums.get(key));
            if (buckets.isEmpty()) {
                totals.delete(id);
                return;
            }
            Tally sum = sum(buckets, zeroOf(key));
            String name = now.containsKey(key) ? now.get(key).name() : sum.name();
            Document total = new Document("_id", id).append("batch", batch).append("key", keyOf(key))
                    .append("name", name);
            encode(sum.figures(), total);
            totals.replace(total.append("buckets", buckets));
        });
        institutionRows.forEach((id, doc) -> {
            if (doc == null) {
                totals.delete(id);
            } else {
                totals.replace(doc);
            }
        });

        // 3. only now: what is counted
        String countedId = "counted|" + Docs.id(batch, institution);
        if (now.isEmpty()) {
            counted.delete(countedId);
        } else {
            List<Document> tallies = new ArrayList<>();
            now.forEach((key, t) -> tallies.add(encode(t.figures(), new Document("key", key).append("name", t.name()))));
            counted.replace(new Document("_id", countedId).append("tallies", tallies));
        }
    }

    /**
     * The institution's tallies by key ({@code ENTERPRISE|name}, {@code PRODUCT_GROUP|code},
     * {@code INSTITUTION|code}, {@code DISTRICT|code}, {@code PROGRESS}), figured exactly as the summaries were
     * once summed at query time: one line per contract, names as the contracts and the document give them.
     */
    static Map<String, Tally> tallies(Document d) {
        Map<String, Tally> tallies = new TreeMap<>();
        Document groups = d.get("groups", Document.class);
        for (ReportLine l : InstitutionContracts.contracts(d)) {
            for (AmountGrouping g : AmountGrouping.values()) {
                String key = switch (g) {
                    case ENTERPRISE -> l.enterprise();
                    case PRODUCT_GROUP -> l.groupCode();
                    case INSTITUTION -> d.getString("institutionCode");
                    case DISTRICT -> d.getString("district");
                };
                String name = switch (g) {
                    case ENTERPRISE -> l.enterprise();
                    case PRODUCT_GROUP -> groups == null ? l.groupCode() : groups.getString(l.groupCode());
                    case INSTITUTION -> d.getString("institutionName");
                    case DISTRICT -> d.getString("district");
                };
                Map<String, Object> line = figures(l.contractVolume().minUnits(), l.contractAmount().yuan(), 1);
                tallies.merge(g.name() + "|" + key, new Tally(name, line),
                        (a, b) -> new Tally(a.name(), plus(a.figures(), b.figures())));
            }
        }
        long lines = 0;
        long confirmed = 0;
        long pending = 0;
        BigDecimal allocated = BigDecimal.ZERO;
        for (Document l : d.getList("lines", Document.class, List.of())) {
            lines++;
            boolean isConfirmed = l.getBoolean("confirmed", false);
            if (isConfirmed) {
                confirmed++;
            }
            if ("PENDING".equals(l.getString("kind"))) {
                pending += Docs.volume(l, "pendingVolume").minUnits();
                BigDecimal total = Docs.dec(l, "allocatedTotal");
                if (total != null && isConfirmed) {
                    allocated = allocated.add(total);
                }
            }
        }
        tallies.put(PROGRESS, new Tally(null, progress(lines, confirmed, 1, d.getBoolean("reported", false) ? 1 : 0,
                pending, allocated)));
        return tallies;
    }

    static String bucket(String institution) {
        return String.format("%02d", Math.floorMod(institution.hashCode(), BUCKETS));
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** Contract amounts by key, keys in order, each key's batches summed ({@code batch} null: every batch). */
    ContractAmounts contractAmounts(String batch, AmountGrouping groupBy) {
        Map<String, Tally> rows = new TreeMap<>();
        Bson byPrefix = regex("_id", "^" + escaped(groupBy.name() + "|" + (batch == null ? "" : batch + "|")));
        for (Document d : totalsCollection.find(byPrefix).projection(Projections.exclude("buckets")).sort(BY_ID)) {
            List<Document> found = groupBy == AmountGrouping.INSTITUTION ? d.getList("rows", Document.class)
                    : List.of(d);
            for (Document r : found) {
                Tally t = decode(r, AMOUNT_ZERO);
                rows.merge(r.getString("key"), t, (a, b) -> new Tally(a.name(), plus(a.figures(), b.figures())));
            }
        }
        List<ContractAmountRow> items = new ArrayList<>(rows.size());
        rows.forEach((key, t) -> items.add(new ContractAmountRow(key, t.name(),
                Volume.of((Long) t.figures().get(VOLUME)), new Money((BigDecimal) t.figures().get(AMOUNT)).toFen(),
                (Long) t.figures().get(LINES))));
        Money total = items.stream().map(ContractAmountRow::contractAmount).reduce(Money.ZERO, Money::plus).toFen();
        return new ContractAmounts(groupBy, items, total);
    }

    /** Progress per batch, in batch order ({@code batch} null: every batch). */
    AllocationProgress progress(String batch) {
        Bson filter = batch == null ? regex("_id", "^" + escaped(PROGRESS + "|")) : eq("_id", PROGRESS + "|" + batch);
        Map<String, BatchProgress> batches = new TreeMap<>();
        for (Document d : totalsCollection.find(filter).projection(Projections.exclude("buckets")).sort(BY_ID)) {
            Map<String, Object> f = decode(d, PROGRESS_ZERO).figures();
            batches.put(d.getString("batch"), new BatchProgress(d.getString("batch"), (Long) f.get(LINES),
                    (Long) f.get(CONFIRMED), (Long) f.get(INSTITUTIONS), (Long) f.get(REPORTED),
                    Volume.of((Long) f.get(PENDING)), new AllocatedVolume((BigDecimal) f.get(ALLOCATED))));
        }
        return new AllocationProgress(List.copyOf(batches.values()));
    }

    // ---- figures -------------------------------------------------------------------------------------------

    private static Map<String, Object> figures(long volume, BigDecimal amount, long lines) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(VOLUME, volume);
        f.put(AMOUNT, amount);
        f.put(LINES, lines);
        return f;
    }

    private static Map<String, Object> progress(long lines, long confirmed, long institutions, long reported,
                                                long pending, BigDecimal allocated) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put(LINES, lines);
        f.put(CONFIRMED, confirmed);
        f.put(INSTITUTIONS, institutions);
        f.put(REPORTED, reported);
        f.put(PENDING, pending);
        f.put(ALLOCATED, allocated);
        return f;
    }

    /** Field by field: whole counts add, decimals add exactly (the scale is the larger of the two). */
    private static Map<String, Object> plus(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> sum = new LinkedHashMap<>();
        a.forEach((field, x) -> {
            Object y = b.get(field);
            sum.put(field, x instanceof BigDecimal d ? d.add((BigDecimal) y) : (Long) x + (Long) y);
        });
        return sum;
    }

    private static Map<String, Object> zeroOf(String key) {
        return key.equals(PROGRESS) ? PROGRESS_ZERO : AMOUNT_ZERO;
    }

    private static Tally sum(List<Document> entries, Map<String, Object> zero) {
        Map<String, Object> total = zero;
        String name = null;
        for (Document e : entries) {
            Tally t = decode(e, zero);
            total = plus(total, t.figures());
            name = name == null ? t.name() : name;
        }
        return new Tally(name, total);
    }

    /** Decimals as exact strings, counts as longs. */
    private static Document encode(Map<String, Object> figures, Document into) {
        figures.forEach((field, v) -> into.append(field, v instanceof BigDecimal d ? Docs.dec(d) : v));
        return into;
    }

    /** The figures named by {@code shape} (its values say which are decimals), and the name. */
    private static Tally decode(Document d, Map<String, Object> shape) {
        Map<String, Object> f = new LinkedHashMap<>();
        shape.forEach((field, zero) -> f.put(field, zero instanceof BigDecimal ? Docs.dec(d, field)
                : Long.valueOf(Docs.lng(d, field))));
        return new Tally(d.getString("name"), f);
    }

    private static Map<String, Tally> decodeTallies(Document counted) {
        Map<String, Tally> tallies = new TreeMap<>();
        for (Document t : counted.getList("tallies", Document.class, List.of())) {
            String key = t.getString("key");
            tallies.put(key, decode(t, zeroOf(key)));
        }
        return tallies;
    }

    // ---- documents -----------------------------------------------------------------------------------------

    /**
     * The list {@code field} of {@code doc} with the element whose {@code idField} is {@code id} replaced by
     * {@code tally} (removed when null), in {@code idField} order, so equal contents make equal documents.
     */
    private static List<Document> entries(Document doc, String field, String idField, String id, Tally tally) {
        Map<String, Document> byId = new TreeMap<>();
        if (doc != null) {
            doc.getList(field, Document.class, List.of()).forEach(e -> byId.put(e.getString(idField), e));
        }
        if (tally == null) {
            byId.remove(id);
        } else {
            byId.put(id, encode(tally.figures(), new Document(idField, id).append("name", tally.name())));
        }
        return new ArrayList<>(byId.values());
    }

    private static String grouping(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static String keyOf(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    /** A literal for a regular expression: every character that is not a letter or digit escaped. */
    private static String escaped(String literal) {
        StringBuilder b = new StringBuilder();
        literal.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                b.append('\\');
            }
            b.appendCodePoint(c);
        });
        return b.toString();
    }
}
