package com.vbp.query.allocation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationReported;
import com.vbp.events.allocation.AllocationEvents.AllocationSaved;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.BatchProgress;
import com.vbp.events.allocation.AllocationQueries.ContractAmountRow;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.FetchAllocationProgress;
import com.vbp.events.allocation.AllocationQueries.FetchContractAmounts;
import com.vbp.events.allocation.AllocationQueries.FetchPendingLines;
import com.vbp.events.allocation.AllocationQueries.FetchReportList;
import com.vbp.events.allocation.AllocationQueries.FetchSelectedLines;
import com.vbp.events.allocation.AllocationQueries.LineKind;
import com.vbp.events.allocation.AllocationQueries.LineStatus;
import com.vbp.events.allocation.AllocationQueries.PendingLineView;
import com.vbp.events.allocation.AllocationQueries.PendingLinesPage;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.allocation.AllocationQueries.ReportListPage;
import com.vbp.events.allocation.AllocationQueries.SelectedLinesPage;
import com.vbp.events.allocation.AllocationQueries.WinnerView;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.allocation.ContractBounds;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.config.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allocation projections on the real embedded MongoDB-wire store: given the events of the allocation
 * workflow, what the lines, the report list and the summaries answer.
 * <p>
 * Group G1: D11 甲 and D12 乙 tie on daily cost (12/24×3 = 20/40×3 = 1.5), so D11 (lower code) is the
 * lowest; D12 and D13 tie on reduction (50%), so D12 is the highest. Group G2: D21 and D22 are both 丁,
 * so the highest-reduction column (D22) is hidden and D22 is among the others.
 */
class AllocationProjectionsTest {

    private static final String BATCH = "B1";
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private AllocationLinesProjection lines;
    private ReportListProjection report;
    private AllocationSummaryProjection summary;

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        MongoDatabase db = client.getDatabase("vbp");
        lines = new AllocationLinesProjection(db);
        report = new ReportListProjection(db);
        summary = new AllocationSummaryProjection(db);
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    static WinningProduct winner(String group, String drug, String enterprise, String price, int qty, String usage,
                                 String reduction, long capacity) {
        return new WinningProduct(group, group + "组名", drug, "品种" + drug, "片剂", "每片0.25g", enterprise,
                Money.of(price), qty, "片", DailyUsage.of(usage), Percentage.of(reduction), Volume.of(capacity));
    }

    static final List<WinningProduct> WINNERS = List.of(
            winner("G1", "D11", "甲制药", "12", 24, "3", "30", 1_000_000),
            winner("G1", "D12", "乙制药", "20", 40, "3", "50", 2_000_000),
            winner("G1", "D13", "丙制药", "30", 10, "1", "50", 3_000),
            winner("G2", "D21", "丁制药", "10", 10, "1", "20", 10_000),
            winner("G2", "D22", "丁制药", "40", 10, "1", "60", 10_000));

    static InstitutionDemandRegistered registered(String institution, String district) {
        return new InstitutionDemandRegistered(BATCH, institution, institution + "医院", district,
                List.of(new SelectedLine("D11", "G1", "D11", "品种D11", "甲制药", Volume.of(4800))),
                List.of(new PendingLine("X1", "G1", "X1", "银杏叶滴丸", "某非中选一厂", Volume.of(900), DailyUsage.of("3")),
                        new PendingLine("X2", "G2", "X2", "丹参片", "某非中选二厂", Volume.of(100), DailyUsage.of("1"))),
                new AllocationTerms(AT, AT.plusSeconds(86_400), null, null), WINNERS, AT);
    }

    static ContractEntry entry(String drug, long volume, String allocated, String amount) {
        WinningProduct p = WINNERS.stream().filter(w -> w.drugCode().equals(drug)).findFirst().orElseThrow();
        return new ContractEntry(drug, p.groupCode(), p.variety(), p.enterprise(), p.packagePrice(),
                p.packageQuantity(), p.dailyUsage(), Volume.of(volume), new AllocatedVolume(new BigDecimal(allocated)),
                Money.of(amount), Volume.of(p.maxCapacity().minUnits() - volume));
    }

    static final List<ContractEntry> X1_ENTRIES = List.of(entry("D11", 600, "600", "300.00"),
            entry("D12", 300, "300", "150.00"));
    static final ContractBounds X1_BOUNDS = new ContractBounds(2, "D12", new BigDecimal("300"),
            new BigDecimal("260"), new BigDecimal("340"));

    private SelectedLineConfirmed selectedConfirmed(String institution) {
        return new SelectedLineConfirmed(BATCH, institution, "D11", "G1", "D11", "品种D11", "甲制药", Money.of("12"), 24,
                Volume.of(4800), Money.of("2400.00"), "inst", AT);
    }

    private AllocationConfirmed x1Confirmed(String institution) {
        return new AllocationConfirmed(BATCH, institution, "X1", "G1", Volume.of(900), DailyUsage.of("3"), X1_ENTRIES,
                new AllocatedVolume(new BigDecimal("900")), Money.of("450.00"), "inst", AT);
    }

    private AllocationConfirmed x2Confirmed(String institution) {
        return new AllocationConfirmed(BATCH, institution, "X2", "G2", Volume.of(100), DailyUsage.of("1"),
                List.of(entry("D21", 100, "100", "100.00")), new AllocatedVolume(new BigDecimal("100")),
                Money.of("100.00"), "inst", AT);
    }

    /** H1: selected line confirmed, X1 saved and confirmed with two winners, capacity reserved. */
    private void h1UpToX1Confirmed() {
        all(registered("H1", "420102"));
        all(selectedConfirmed("H1"));
        lines.on(new CapacityReserved(BATCH, "D11", "H1", "D11", Volume.of(4800), Volume.of(4800),
                Volume.of(1_000_000), AT));
        lines.on(new AllocationSaved(BATCH, "H1", "X1", X1_ENTRIES, new AllocatedVolume(new BigDecimal("900")),
                X1_BOUNDS, "inst", AT));
        all(x1Confirmed("H1"));
        lines.on(new CapacityReserved(BATCH, "D11", "H1", "X1", Volume.of(600), Volume.of(5400),
                Volume.of(1_000_000), AT));
        lines.on(new CapacityReserved(BATCH, "D12", "H1", "X1", Volume.of(300), Volume.of(300),
                Volume.of(2_000_000), AT));
    }

    /** Sends an allocation event to every projection that handles it. */
    private void all(Object event) {
        if (event instanceof InstitutionDemandRegistered e) {
            lines.on(e);
            report.on(e);
            summary.on(e);
        } else if (event instanceof SelectedLineConfirmed e) {
            lines.on(e);
            report.on(e);
            summary.on(e);
        } else if (event instanceof AllocationConfirmed e) {
            lines.on(e);
            report.on(e);
            summary.on(e);
        } else if (event instanceof AllocationWithdrawn e) {
            lines.on(e);
            report.on(e);
            summary.on(e);
        } else if (event instanceof AllocationReported e) {
            lines.on(e);
            report.on(e);
            summary.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    private PendingLinesPage pending(String drugCode, String variety, String enterprise, int page, int size) {
        return lines.handle(new FetchPendingLines(BATCH, "H1", drugCode, variety, enterprise, page, size));
    }

    private ReportListPage reportOf(String institution) {
        return report.handle(new FetchReportList(BATCH, institution, null, null, null, 0, 20));
    }

    @Test
    void selected_lines_show_the_product_terms_and_their_confirmation() {
        all(registered("H1", "420102"));
        assertThat(lines.handle(new FetchSelectedLines(BATCH, "H1", null, null, null, 0, 20)).items().get(0).status())
                .isEqualTo(LineStatus.OPEN);

        all(selectedConfirmed("H1"));

        SelectedLinesPage page = lines.handle(new FetchSelectedLines(BATCH, "H1", "d1", null, "甲", 0, 20));
        assertThat(page.total()).isEqualTo(1);
        var line = page.items().get(0);
        assertThat(line.status()).isEqualTo(LineStatus.CONFIRMED);
        assertThat(line.dosageForm()).isEqualTo("片剂");
        assertThat(line.packageQuantity()).isEqualTo(24);
        assertThat(line.volume()).isEqualTo(Volume.of(4800));
        assertThat(line.contractAmount().yuan()).isEqualByComparingTo("2400.00");
        assertThat(line.confirmedAt()).isEqualTo(AT);
        assertThat(lines.handle(new FetchSelectedLines(BATCH, "H1", null, null, "乙", 0, 20)).total()).isZero();
        assertThat(lines.handle(new FetchSelectedLines(BATCH, "H9", null, null, null, 0, 20)).total()).isZero();
    }

    @Test
    void pending_lines_show_the_winner_columns_with_ties_broken_by_drug_code_and_capacity_left() {
        h1UpToX1Confirmed();

        PendingLinesPage page = pending(null, null, null, 0, 20);

        assertThat(page.total()).isEqualTo(2);
        PendingLineView x1 = page.items().get(0);
        assertThat(x1.lineId()).isEqualTo("X1");
        assertThat(x1.groupName()).isEqualTo("G1组名");
        assertThat(x1.status()).isEqualTo(LineStatus.CONFIRMED);
        assertThat(x1.lowestDailyCost().drugCode()).as("tie on daily cost 1.5: lower drug code").isEqualTo("D11");
        assertThat(x1.lowestDailyCost().dailyCost().yuan()).isEqualByComparingTo("1.5");
        assertThat(x1.lowestDailyCost().remainingCapacity()).isEqualTo(Volume.of(1_000_000 - 5400));
        assertThat(x1.highestReduction().drugCode()).as("tie on reduction 50%: lower drug code").isEqualTo("D12");
        assertThat(x1.highestReduction().remainingCapacity()).isEqualTo(Volume.of(2_000_000 - 300));
        assertThat(x1.others()).extracting(WinnerView::drugCode).containsExactly("D13");
        assertThat(x1.others().get(0).remainingCapacity()).as("no capacity event yet").isEqualTo(Volume.of(3_000));
        assertThat(x1.entries()).extracting(ContractEntry::drugCode).containsExactly("D11", "D12");
        assertThat(x1.allocatedTotal().minUnits()).isEqualByComparingTo("900");
        assertThat(x1.bounds()).isEqualTo(X1_BOUNDS);

        PendingLineView x2 = page.items().get(1);
        assertThat(x2.status()).isEqualTo(LineStatus.OPEN);
        assertThat(x2.lowestDailyCost().drugCode()).isEqualTo("D21");
        assertThat(x2.highestReduction()).as("same enterprise as the lowest daily cost: hidden").isNull();
        assertThat(x2.others()).extracting(WinnerView::drugCode).containsExactly("D22");
        assertThat(x2.entries()).isEmpty();
        assertThat(x2.allocatedTotal()).isEqualTo(AllocatedVolume.ZERO);

        assertThat(pending(null, "丹参", null, 0, 20).items()).extracting(PendingLineView::lineId).containsExactly("X2");
        assertThat(pending("x1", null, null, 0, 20).items()).extracting(PendingLineView::lineId).containsExactly("X1");
        assertThat(pending(null, null, "二厂", 0, 20).total()).isEqualTo(1);
        PendingLinesPage second = pending(null, null, null, 1, 1);
        assertThat(second.total()).isEqualTo(2);
        assertThat(second.items()).extracting(PendingLineView::lineId).containsExactly("X2");
    }

    @Test
    void the_report_list_holds_confirmed_contracts_and_a_withdrawal_removes_them() {
        h1UpToX1Confirmed();

        ReportListPage before = reportOf("H1");
        assertThat(before.items()).extracting(l -> l.kind() + "/" + l.lineId() + "/" + l.drugCode())
                .containsExactly("SELECTED/D11/D11", "PENDING/X1/D11", "PENDING/X1/D12");
        assertThat(before.totalAmount().yuan()).isEqualByComparingTo("2850.00");
        assertThat(before.totalVolume()).isEqualTo(Volume.of(5700));
        assertThat(before.allConfirmed()).isFalse();
        assertThat(before.openSelectedLines()).as("what stands between H1 and 上报: X2").isZero();
        assertThat(before.openPendingLines()).isEqualTo(1);
        assertThat(before.reported()).isFalse();
        ReportListPage filtered = report.handle(new FetchReportList(BATCH, "H1", null, null, "乙", 0, 20));
        assertThat(filtered.items()).extracting(ReportLine::drugCode).containsExactly("D12");
        assertThat(filtered.totalAmount().yuan()).as("totals follow the filters").isEqualByComparingTo("150.00");
        assertThat(filtered.totalVolume()).isEqualTo(Volume.of(300));
        ReportListPage firstOfTwo = report.handle(new FetchReportList(BATCH, "H1", "D11", null, null, 0, 1));
        assertThat(firstOfTwo.items()).hasSize(1);
        assertThat(firstOfTwo.total()).isEqualTo(2);
        assertThat(firstOfTwo.totalAmount().yuan()).as("over every filtered line, not just the page: 2400 + 300")
                .isEqualByComparingTo("2700.00");
        assertThat(firstOfTwo.totalVolume()).isEqualTo(Volume.of(5400));

        all(new AllocationWithdrawn(BATCH, "H1", "X1", X1_ENTRIES, "inst", AT));
        lines.on(new CapacityReleased(BATCH, "D12", "H1", "X1", Volume.of(300), Volume.ZERO, Volume.of(2_000_000), AT));

        assertThat(reportOf("H1").items()).extracting(ReportLine::kind).containsExactly(LineKind.SELECTED);
        assertThat(reportOf("H1").openPendingLines()).as("a withdrawn line is open again").isEqualTo(2);
        ReportListPage filteredOpen = report.handle(new FetchReportList(BATCH, "H1", "D99", null, null, 0, 20));
        assertThat(filteredOpen.openPendingLines()).as("the institution's, whatever the filters").isEqualTo(2);
        PendingLineView x1 = pending("X1", null, null, 0, 20).items().get(0);
        assertThat(x1.status()).as("a withdrawn line is a draft again").isEqualTo(LineStatus.SAVED);
        assertThat(x1.entries()).extracting(ContractEntry::drugCode).containsExactly("D11", "D12");
        assertThat(x1.highestReduction().remainingCapacity()).isEqualTo(Volume.of(2_000_000));

        all(x1Confirmed("H1"));
        all(x2Confirmed("H1"));
        assertThat(reportOf("H1").allConfirmed()).isTrue();
        assertThat(reportOf("H1").openSelectedLines() + reportOf("H1").openPendingLines()).isZero();
        all(new AllocationReported(BATCH, "H1", 1, 2, Money.of("2950.00"), "inst", AT.plusSeconds(60)));

        ReportListPage reported = reportOf("H1");
        assertThat(reported.reported()).isTrue();
        assertThat(reported.reportedAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(reported.total()).isEqualTo(4);
        assertThat(reported.totalAmount().yuan()).isEqualByComparingTo("2950.00");
        assertThat(pending(null, null, null, 0, 20).items()).extracting(PendingLineView::status)
                .containsOnly(LineStatus.REPORTED);
        assertThat(reportOf("H9").items()).isEmpty();
    }

    @Test
    void summaries_group_contract_amounts_and_count_progress() {
        h1UpToX1Confirmed();
        all(registered("H2", "420103"));
        all(selectedConfirmed("H2"));
        all(new AllocationReported(BATCH, "H2", 1, 2, Money.of("2400.00"), "inst", AT));

        ContractAmounts byEnterprise = summary.handle(new FetchContractAmounts(BATCH, AmountGrouping.ENTERPRISE));
        assertThat(byEnterprise.items()).extracting(ContractAmountRow::key).containsExactly("乙制药", "甲制药");
        ContractAmountRow jia = byEnterprise.items().get(1);
        assertThat(jia.contractAmount().yuan()).isEqualByComparingTo("5100.00");
        assertThat(jia.contractVolume()).isEqualTo(Volume.of(10_200));
        assertThat(jia.lines()).isEqualTo(3);
        assertThat(byEnterprise.totalAmount().yuan()).isEqualByComparingTo("5250.00");

        ContractAmounts byDistrict = summary.handle(new FetchContractAmounts(null, AmountGrouping.DISTRICT));
        assertThat(byDistrict.items()).extracting(r -> r.key() + "=" + r.contractAmount().yuan().toPlainString())
                .containsExactly("420102=2850.00", "420103=2400.00");
        ContractAmounts byGroup = summary.handle(new FetchContractAmounts(BATCH, AmountGrouping.PRODUCT_GROUP));
        assertThat(byGroup.items()).extracting(ContractAmountRow::name).containsExactly("G1组名");
        assertThat(summary.handle(new FetchContractAmounts(BATCH, AmountGrouping.INSTITUTION)).items())
                .extracting(ContractAmountRow::name).containsExactly("H1医院", "H2医院");
        assertThat(summary.handle(new FetchContractAmounts("OTHER", AmountGrouping.INSTITUTION)).items()).isEmpty();

        List<BatchProgress> progress = summary.handle(new FetchAllocationProgress(null)).items();
        assertThat(progress).hasSize(1);
        BatchProgress b1 = progress.get(0);
        assertThat(b1.lines()).isEqualTo(6);
        assertThat(b1.linesConfirmed()).isEqualTo(3);
        assertThat(b1.institutions()).isEqualTo(2);
        assertThat(b1.institutionsReported()).isEqualTo(1);
        assertThat(b1.pendingVolume()).isEqualTo(Volume.of(2000));
        assertThat(b1.volumeAllocated().minUnits()).isEqualByComparingTo("900");
    }

    @Test
    void handling_the_same_events_twice_leaves_the_same_documents() {
        h1UpToX1Confirmed();
        all(new AllocationWithdrawn(BATCH, "H1", "X1", X1_ENTRIES, "inst", AT));
        all(x1Confirmed("H1"));
        List<Document> once = everything();

        h1UpToX1Confirmed();
        all(new AllocationWithdrawn(BATCH, "H1", "X1", X1_ENTRIES, "inst", AT));
        all(x1Confirmed("H1"));
        all(x1Confirmed("H1"));

        assertThat(everything()).isEqualTo(once);
        assertThat(reportOf("H1").total()).isEqualTo(3);
        assertThat(summary.handle(new FetchContractAmounts(BATCH, AmountGrouping.DISTRICT)).totalAmount().yuan())
                .isEqualByComparingTo("2850.00");
    }

    @Test
    void a_reset_clears_every_allocation_collection() {
        h1UpToX1Confirmed();

        lines.reset();
        report.reset();
        summary.reset();

        assertThat(everything()).isEmpty();
    }

    private List<Document> everything() {
        List<Document> docs = new ArrayList<>();
        MongoDatabase db = client.getDatabase("vbp");
        for (String c : List.of("allocation_lines", "allocation_capacity", "allocation_report", "allocation_summary",
                "allocation_summary_parts", "allocation_summary_totals")) {
            db.getCollection(c).find().sort(new Document("_id", 1)).forEach(docs::add);
        }
        return docs;
    }
}
