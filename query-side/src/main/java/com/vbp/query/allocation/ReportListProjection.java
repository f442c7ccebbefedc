package com.vbp.query.allocation;

import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationQueries.FetchReportList;
import com.vbp.events.allocation.AllocationQueries.LineKind;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.allocation.AllocationQueries.ReportListPage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.query.config.Paging;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * 分配采购量确认上报 (seed 000 §3.2.4): per batch and institution, its confirmed contracts — a confirmed
 * selected line is one line, each entry of a confirmed pending line is one — with contract amounts
 * (each rounded to the fen; the totals are the sums of the rounded lines over exactly the lines the
 * filters keep, every page of them, not just this page), whether it has reported, and whether every line is confirmed. A withdrawal removes
 * the line's contracts. Documents in {@code allocation_report}, see {@link InstitutionContracts}.
 */
@Component
@ProcessingGroup(ReportListProjection.GROUP)
public class ReportListProjection extends ContractsProjection {

    public static final String GROUP = "allocation-report";


    public ReportListProjection(MongoDatabase db) {
        super(new InstitutionContracts(db.getCollection("allocation_report")));
    }

    @QueryHandler
    public ReportListPage handle(FetchReportList q) {
        int page = Paging.page(q.page());
        int size = Paging.size(q.size());
        Document d = contracts.stored(q.batchCode(), q.institution());
        if (d == null) {
            return new ReportListPage(List.of(), page, size, 0, Volume.ZERO, Money.ZERO.toFen(), false, null, false, 0, 0);
        }
        List<ReportLine> all = InstitutionContracts.contracts(d);
        List<ReportLine> matching = all.stream().filter(l -> Docs.contains(l.drugCode(), q.drugCode())
                && Docs.contains(l.variety(), q.variety()) && Docs.contains(l.enterprise(), q.enterprise())).toList();
        Volume totalVolume = matching.stream().map(ReportLine::contractVolume).reduce(Volume.ZERO, Volume::plus);
        Money totalAmount = matching.stream().map(ReportLine::contractAmount).reduce(Money.ZERO, Money::plus).toFen();
        List<Document> lines = d.getList("lines", Document.class);
        long openSelected = open(lines, LineKind.SELECTED);
        long openPending = open(lines, LineKind.PENDING);
        return new ReportListPage(Paging.slice(matching, page, size), page, size, matching.size(), totalVolume,
                totalAmount, d.getBoolean("reported", false), Docs.instant(d, "reportedAt"),
                openSelected + openPending == 0, openSelected, openPending);
    }

    private static long open(List<Document> lines, LineKind kind) {
        return lines.stream().filter(l -> kind.name().equals(l.getString("kind")) && !l.getBoolean("confirmed"))
                .count();
    }
}
