package com.vbp.query.procurement;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mongodb.client.model.Filters.eq;

/**
 * Which institutions of a batch have supply rows, in which district, for which drugs — held in
 * memory so a district or whole-batch page is computed without reading every document.
 * <p>
 * Written by hand because the embedded store has no secondary indexes: a filter on {@code batch}
 * or {@code district} scans and decodes every document (seconds at 10,000 institutions, measured in
 * {@code FoundationBenchmark}). The index is read once per batch with a small projection and dropped
 * whenever the projection writes that batch; a generation counter keeps a load that raced with a
 * write from being cached.
 */
final class SupplyListIndex {

    /** One institution's document: its key, district and the drug codes of its rows, in row order. */
    record Entry(String id, String institutionCode, String district, List<String> drugCodes, Set<String> drugSet) {
    }

    private final MongoCollection<Document> supply;
    private final Map<String, List<Entry>> byBatch = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();

    SupplyListIndex(MongoCollection<Document> supply) {
        this.supply = supply;
    }

    List<Entry> entries(String batch) {
        long generation;
        synchronized (this) {
            List<Entry> cached = byBatch.get(batch);
            if (cached != null) {
                return cached;
            }
            generation = generations.getOrDefault(batch, 0L);
        }
        List<Entry> loaded = load(batch);
        synchronized (this) {
            if (generations.getOrDefault(batch, 0L) == generation) {
                byBatch.put(batch, loaded);
            }
        }
        return loaded;
    }

    synchronized void invalidate(String batch) {
        generations.merge(batch, 1L, Long::sum);
        byBatch.remove(batch);
    }

    synchronized void clear() {
        byBatch.keySet().forEach(b -> generations.merge(b, 1L, Long::sum));
        byBatch.clear();
    }

    private List<Entry> load(String batch) {
        List<Entry> entries = new ArrayList<>();
        supply.find(eq("batch", batch))
                .projection(Projections.include("institutionCode", "district", "drugCodes"))
                .batchSize(1000)
                .forEach(d -> {
                    List<String> drugs = d.getList("drugCodes", String.class, List.of());
                    entries.add(new Entry(d.getString("_id"), d.getString("institutionCode"), d.getString("district"),
                            List.copyOf(drugs), new LinkedHashSet<>(drugs)));
                });
        entries.sort(Comparator.comparing(Entry::id));
        return List.copyOf(entries);
    }
}
