package com.vbp.query.allocation;

import com.mongodb.client.MongoCollection;
import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.BatchProgress;
import com.vbp.events.allocation.AllocationQueries.ContractAmountRow;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.mongodb.client.model.Filters.eq;

/**
 * The summaries as {@link AllocationSummaryProjection} computed them before they were pre-aggregated: a scan
 * of every institution's document in {@code allocation_summary}, summed at query time. Kept, unchanged in its
 * figures, as the reference the pre-aggregated totals must equal.
 */
final class SummariesByScan {

    private final MongoCollection<Document> collection;

    SummariesByScan(MongoCollection<Document> allocationSummary) {
        this.collection = allocationSummary;
    }

    ContractAmounts contractAmounts(String batch, AmountGrouping groupBy) {
        Map<String, Row> rows = new TreeMap<>();
        for (Document d : all(batch)) {
            Document groups = d.get("groups", Document.class);
            for (ReportLine l : InstitutionContracts.contracts(d)) {
                String key = switch (groupBy) {
                    case ENTERPRISE -> l.enterprise();
                    case PRODUCT_GROUP -> l.groupCode();
                    case INSTITUTION -> d.getString("institutionCode");
                    case DISTRICT -> d.getString("district");
                };
                String name = switch (groupBy) {
                    case ENTERPRISE -> l.enterprise();
                    case PRODUCT_GROUP -> groups == null ? l.groupCode() : groups.getString(l.groupCode());
                    case INSTITUTION -> d.getString("institutionName");
                    case DISTRICT -> d.getString("district");
                };
                rows.computeIfAbsent(String.valueOf(key), k -> new Row(k, name)).add(l);
            }
        }
        List<ContractAmountRow> items = rows.values().stream().map(Row::view).toList();
        Money total = items.stream().map(ContractAmountRow::contractAmount).reduce(Money.ZERO, Money::plus).toFen();
        return new ContractAmounts(groupBy, items, total);
    }

    AllocationProgress progress(String batch) {
        Map<String, Progress> batches = new TreeMap<>();
        for (Document d : all(batch)) {
            batches.computeIfAbsent(d.getString("batch"), Progress::new).add(d);
        }
        return new AllocationProgress(batches.values().stream().map(Progress::view).toList());
    }

    private List<Document> all(String batch) {
        List<Document> docs = new ArrayList<>();
        (batch == null ? collection.find() : collection.find(eq("batch", batch))).forEach(docs::add);
        return docs;
    }

    private static final class Row {
        private final String key;
        private final String name;
        private Volume volume = Volume.ZERO;
        private Money amount = Money.ZERO;
        private long lines;

        Row(String key, String name) {
            this.key = key;
            this.name = name;
        }

        void add(ReportLine l) {
            volume = volume.plus(l.contractVolume());
            amount = amount.plus(l.contractAmount());
            lines++;
        }

        ContractAmountRow view() {
            return new ContractAmountRow(key, name, volume, amount.toFen(), lines);
        }
    }

    private static final class Progress {
        private final String batch;
        private long lines;
        private long confirmed;
        private long institutions;
        private long reported;
        private Volume pending = Volume.ZERO;
        private BigDecimal allocated = BigDecimal.ZERO;

        Progress(String batch) {
            this.batch = batch;
        }

        void add(Document d) {
            institutions++;
            if (d.getBoolean("reported", false)) {
                reported++;
            }
            for (Document l : d.getList("lines", Document.class, List.of())) {
                lines++;
                if (l.getBoolean("confirmed", false)) {
                    confirmed++;
                }
                if ("PENDING".equals(l.getString("kind"))) {
                    pending = pending.plus(Docs.volume(l, "pendingVolume"));
                    BigDecimal total = Docs.dec(l, "allocatedTotal");
                    if (total != null && l.getBoolean("confirmed", false)) {
                        allocated = allocated.add(total);
                    }
                }
            }
        }

        BatchProgress view() {
            return new BatchProgress(batch, lines, confirmed, institutions, reported, pending,
                    new AllocatedVolume(allocated));
        }
    }
}
