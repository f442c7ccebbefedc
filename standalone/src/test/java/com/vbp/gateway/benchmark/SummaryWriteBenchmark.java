package com.vbp.gateway.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.command.allocation.ContractVolumeRule;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.standalone.demo.DemoData;
import com.vbp.standalone.demo.DemoDataGenerator;
import com.vbp.query.allocation.AllocationSummaryProjection;
import com.vbp.query.allocation.ReportListProjection;
import com.vbp.query.config.EmbeddedMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the pre-aggregated summaries cost when events are written: the same allocation events handled by the
 * report list (the per-institution document alone) and by the summaries (the same document, then the totals),
 * each on its own collections of one embedded store, one event after the other as a tracking processor would.
 * Institutions of the benchmark generator register, confirm every selected line, confirm every pending line on its
 * lowest-daily-cost winner, and withdraw one pending line in ten. Prints milliseconds per event.
 */
@Tag("benchmark")
class SummaryWriteBenchmark {

    private static final int INSTITUTIONS = Integer.getInteger("bench.write.institutions", 1_000);
    private static final String BATCH = "BENCH";
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void the_cost_of_keeping_the_totals() throws Exception {
        DemoData data = DemoDataGenerator.generate(42, INSTITUTIONS, 20);
        List<Object> registrations = new ArrayList<>();
        List<Object> confirmations = new ArrayList<>();
        events(data, registrations, confirmations);
        try (EmbeddedMongo embedded = new EmbeddedMongo(dataDir);
             MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoDatabase db = client.getDatabase("vbp");
            AnnotationEventHandlerAdapter report = new AnnotationEventHandlerAdapter(new ReportListProjection(db));
            AnnotationEventHandlerAdapter summary = new AnnotationEventHandlerAdapter(
                    new AllocationSummaryProjection(db));
            Map<String, List<Object>> phases = new LinkedHashMap<>();
            phases.put("registrations", registrations);
            phases.put("confirmations and withdrawals", confirmations);
            for (Map.Entry<String, List<Object>> phase : phases.entrySet()) {
                List<Object> events = phase.getValue();
                double perReport = handle(report, events);
                double perSummary = handle(summary, events);
                System.out.printf("BENCH %,d %s: report list %.2f ms per event, summaries with totals %.2f ms "
                        + "per event%n", events.size(), phase.getKey(), perReport, perSummary);
            }
        }
    }

    private static double handle(AnnotationEventHandlerAdapter projection, List<Object> events) throws Exception {
        long t = System.nanoTime();
        for (Object e : events) {
            projection.handle(GenericEventMessage.asEventMessage(e));
        }
        return (System.nanoTime() - t) / 1e6 / events.size();
    }

    static void events(DemoData data, List<Object> registrations, List<Object> confirmations) {
        List<WinningProduct> winners = data.catalogue().stream().map(CatalogueRow::product).toList();
        Map<String, WinningProduct> byDrug = winners.stream()
                .collect(Collectors.toMap(WinningProduct::drugCode, w -> w));
        Map<String, List<WinningProduct>> byGroup = winners.stream()
                .collect(Collectors.groupingBy(WinningProduct::groupCode));
        Map<String, List<DemandRow>> byInstitution = data.demands().stream()
                .collect(Collectors.groupingBy(DemandRow::institutionCode, LinkedHashMap::new, Collectors.toList()));
        int n = 0;
        for (List<DemandRow> lines : byInstitution.values()) {
            DemandRow first = lines.get(0);
            List<SelectedLine> selected = new ArrayList<>();
            List<PendingLine> pending = new ArrayList<>();
            for (DemandRow l : lines) {
                if (l.kind() == DemandKind.SELECTED) {
                    selected.add(new SelectedLine(l.drugCode(), l.groupCode(), l.drugCode(), l.variety(),
                            l.enterprise(), l.volume()));
                } else {
                    pending.add(new PendingLine(l.drugCode(), l.groupCode(), l.drugCode(), l.variety(),
                            l.enterprise(), l.volume(), l.dailyUsage()));
                }
            }
            registrations.add(new InstitutionDemandRegistered(BATCH, first.institutionCode(),
                    first.institutionName(), first.district(), selected, pending,
                    new AllocationTerms(AT, AT.plusSeconds(86_400), null, null), winners, AT));
            for (SelectedLine s : selected) {
                WinningProduct w = byDrug.get(s.drugCode());
                confirmations.add(new SelectedLineConfirmed(BATCH, first.institutionCode(), s.lineId(),
                        w.groupCode(), w.drugCode(), w.variety(), w.enterprise(), w.packagePrice(),
                        w.packageQuantity(), s.volume(), amount(w, s.volume().minUnits()), "bench", AT));
            }
            for (PendingLine p : pending) {
                WinningProduct w = ContractVolumeRule.lowestDailyCost(byGroup.get(p.groupCode()));
                long c = BigDecimal.valueOf(p.pendingVolume().minUnits()).multiply(w.dailyUsage().minUnitsPerDay())
                        .divide(p.dailyUsage().minUnitsPerDay(), 0, RoundingMode.HALF_UP).longValue();
                List<ContractEntry> entries = List.of(new ContractEntry(w.drugCode(), w.groupCode(), w.variety(),
                        w.enterprise(), w.packagePrice(), w.packageQuantity(), w.dailyUsage(), Volume.of(c),
                        new AllocatedVolume(BigDecimal.valueOf(p.pendingVolume().minUnits())), amount(w, c),
                        w.maxCapacity()));
                confirmations.add(new AllocationConfirmed(BATCH, first.institutionCode(), p.lineId(),
                        p.groupCode(), p.pendingVolume(), p.dailyUsage(), entries,
                        new AllocatedVolume(BigDecimal.valueOf(p.pendingVolume().minUnits())), amount(w, c), "bench",
                        AT));
                if (n++ % 10 == 0) {
                    confirmations.add(new AllocationWithdrawn(BATCH, first.institutionCode(), p.lineId(), entries,
                            "bench", AT));
                }
            }
        }
    }

    private static Money amount(WinningProduct w, long minUnits) {
        return new Money(w.packagePrice().yuan().multiply(BigDecimal.valueOf(minUnits))
                .divide(BigDecimal.valueOf(w.packageQuantity()), 2, RoundingMode.HALF_UP));
    }
}
