package com.vbp.query.allocation;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.BatchProgress;
import com.vbp.events.allocation.AllocationQueries.ContractAmountRow;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.FetchAllocationProgress;
import com.vbp.events.allocation.AllocationQueries.FetchContractAmounts;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Analytics of the allocation workflow: contract amounts of confirmed lines grouped by enterprise,
 * product group, institution or district, and the progress of each batch. Each institution's
 * contribution is one document in {@code allocation_summary} (see {@link InstitutionContracts}), written
 * with absolute values; the summaries are summed from them at query time, so replays and duplicate
 * events cannot double anything. A summary scans the batch's documents (analyst queries, not hot paths).
 */
@Component
@ProcessingGroup(AllocationSummaryProjection.GROUP)
public class AllocationSummaryProjection extends ContractsProjection {

    public static final String GROUP = "allocation-summary";


    public AllocationSummaryProjection(MongoDatabase db) {
        super(contractsIn(db));
    }

    private static InstitutionContracts contractsIn(MongoDatabase db) {
        var collection = db.getCollection("allocation_summary");
        collection.createIndex(Indexes.ascending("batch"));
        return new InstitutionContracts(collection);
    }

    @QueryHandler
    public ContractAmounts handle(FetchContractAmounts q) {
        AmountGrouping groupBy = q.groupBy() == null ? AmountGrouping.ENTERPRISE : q.groupBy();
        Map<String, Row> rows = new TreeMap<>();
        for (Document d : contracts.all(blankToNull(q.batchCode()))) {
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

    @QueryHandler
    public AllocationProgress handle(FetchAllocationProgress q) {
        Map<String, Progress> batches = new TreeMap<>();
        for (Document d : contracts.all(blankToNull(q.batchCode()))) {
            batches.computeIfAbsent(d.getString("batch"), Progress::new).add(d);
        }
        return new AllocationProgress(batches.values().stream().map(Progress::view).toList());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
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
            List<Document> all = new ArrayList<>(d.getList("lines", Document.class, List.of()));
            for (Document l : all) {
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
