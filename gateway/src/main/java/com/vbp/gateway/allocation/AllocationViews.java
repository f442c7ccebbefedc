package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationCommands.AllocationCheck;
import com.vbp.events.allocation.AllocationCommands.AllocationFigures;
import com.vbp.events.allocation.AllocationQueries.LineKind;
import com.vbp.events.allocation.AllocationQueries.LineStatus;
import com.vbp.events.allocation.AllocationQueries.PendingLineView;
import com.vbp.events.allocation.AllocationQueries.ReportLine;
import com.vbp.events.allocation.AllocationQueries.ReportListPage;
import com.vbp.events.allocation.AllocationQueries.SelectedLineView;
import com.vbp.events.allocation.AllocationQueries.WinnerView;
import com.vbp.events.allocation.ContractBounds;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.Volume;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the allocation endpoints: the contract's views with plain numbers for web clients. */
final class AllocationViews {

    private AllocationViews() {
    }

    static BigDecimal yuan(Money m) {
        return m == null ? null : m.yuan();
    }

    static Long units(Volume v) {
        return v == null ? null : v.minUnits();
    }

    static BigDecimal perDay(DailyUsage u) {
        return u == null ? null : u.minUnitsPerDay();
    }

    static BigDecimal percent(Percentage p) {
        return p == null ? null : p.percent();
    }

    static BigDecimal allocated(AllocatedVolume v) {
        return v == null ? null : v.minUnits();
    }

    public record SelectedLineItem(String lineId, String groupCode, String drugCode, String variety,
                                   String enterprise, String dosageForm, String specification,
                                   BigDecimal packagePrice, int packageQuantity, Long volume,
                                   BigDecimal contractAmount, LineStatus status, Instant confirmedAt) {
        static SelectedLineItem of(SelectedLineView v) {
            return new SelectedLineItem(v.lineId(), v.groupCode(), v.drugCode(), v.variety(), v.enterprise(),
                    v.dosageForm(), v.specification(), yuan(v.packagePrice()), v.packageQuantity(), units(v.volume()),
                    yuan(v.contractAmount()), v.status(), v.confirmedAt());
        }
    }

    public record WinnerItem(String drugCode, String variety, String enterprise, String dosageForm,
                             String specification, BigDecimal packagePrice, int packageQuantity,
                             BigDecimal dailyUsage, BigDecimal dailyCost, BigDecimal reduction, Long maxCapacity,
                             Long remainingCapacity) {
        static WinnerItem of(WinnerView w) {
            return w == null ? null : new WinnerItem(w.drugCode(), w.variety(), w.enterprise(), w.dosageForm(),
                    w.specification(), yuan(w.packagePrice()), w.packageQuantity(), perDay(w.dailyUsage()),
                    yuan(w.dailyCost()), percent(w.reduction()), units(w.maxCapacity()), units(w.remainingCapacity()));
        }
    }

    public record EntryItem(String drugCode, String groupCode, String variety, String enterprise,
                            BigDecimal packagePrice, int packageQuantity, BigDecimal dailyUsage, Long contractVolume,
                            BigDecimal allocatedVolume, BigDecimal contractAmount, Long remainingCapacity) {
        static EntryItem of(ContractEntry e) {
            return new EntryItem(e.drugCode(), e.groupCode(), e.variety(), e.enterprise(), yuan(e.packagePrice()),
                    e.packageQuantity(), perDay(e.dailyUsage()), units(e.contractVolume()),
                    allocated(e.allocatedVolume()), yuan(e.contractAmount()), units(e.remainingCapacity()));
        }

        static List<EntryItem> of(List<ContractEntry> entries) {
            return entries == null ? List.of() : entries.stream().map(EntryItem::of).toList();
        }
    }

    public record PendingLineItem(String lineId, String groupCode, String groupName, String drugCode, String variety,
                                  String enterprise, Long pendingVolume, BigDecimal dailyUsage, LineStatus status,
                                  WinnerItem lowestDailyCost, WinnerItem highestReduction, List<WinnerItem> others,
                                  List<EntryItem> entries, BigDecimal allocatedTotal, ContractBounds bounds) {
        static PendingLineItem of(PendingLineView v) {
            return new PendingLineItem(v.lineId(), v.groupCode(), v.groupName(), v.drugCode(), v.variety(),
                    v.enterprise(), units(v.pendingVolume()), perDay(v.dailyUsage()), v.status(),
                    WinnerItem.of(v.lowestDailyCost()), WinnerItem.of(v.highestReduction()),
                    v.others().stream().map(WinnerItem::of).toList(), EntryItem.of(v.entries()),
                    allocated(v.allocatedTotal()), v.bounds());
        }
    }

    /** The answer to 保存 and to 确认 of a pending line: the bounds that applied, the entries and the totals. */
    public record FiguresResponse(String lineId, ContractBounds bounds, List<EntryItem> entries,
                                  BigDecimal allocatedTotal, Long pendingVolume) {
        static FiguresResponse of(AllocationFigures f) {
            return new FiguresResponse(f.lineId(), f.bounds(), EntryItem.of(f.entries()),
                    allocated(f.allocatedTotal()), units(f.pendingVolume()));
        }
    }

    /** A refusal as a check reports it: the code, the sentence and the figures of the problem+json 保存 would get. */
    public record CheckProblem(String code, String detail, Map<String, Object> figures) {
    }

    /**
     * The answer to 检查: the fields of {@link FiguresResponse} as 保存 would answer them (null when no figures can
     * be made) and {@code problem}, the refusal 保存 would get, or null.
     */
    public record CheckResponse(String lineId, ContractBounds bounds, List<EntryItem> entries,
                                BigDecimal allocatedTotal, Long pendingVolume, CheckProblem problem) {
        static CheckResponse of(String lineId, AllocationCheck c) {
            Refusal r = c.problem();
            CheckProblem problem = r == null ? null : new CheckProblem(r.code(), r.message(), r.figures());
            if (c.figures() == null) {
                return new CheckResponse(lineId, null, null, null, null, problem);
            }
            FiguresResponse f = FiguresResponse.of(c.figures());
            return new CheckResponse(f.lineId(), f.bounds(), f.entries(), f.allocatedTotal(), f.pendingVolume(),
                    problem);
        }
    }

    public record ReportItem(LineKind kind, String lineId, String groupCode, String drugCode, String variety,
                             String enterprise, BigDecimal packagePrice, int packageQuantity, Long contractVolume,
                             BigDecimal contractAmount) {
        static ReportItem of(ReportLine l) {
            return new ReportItem(l.kind(), l.lineId(), l.groupCode(), l.drugCode(), l.variety(), l.enterprise(),
                    yuan(l.packagePrice()), l.packageQuantity(), units(l.contractVolume()), yuan(l.contractAmount()));
        }
    }

    public record ReportResponse(List<ReportItem> items, int page, int size, long total, Long totalVolume,
                                 BigDecimal totalAmount, boolean reported, Instant reportedAt,
                                 boolean allConfirmed, long openSelectedLines, long openPendingLines) {
        static ReportResponse of(ReportListPage p) {
            return new ReportResponse(p.items().stream().map(ReportItem::of).toList(), p.page(), p.size(), p.total(),
                    units(p.totalVolume()), yuan(p.totalAmount()), p.reported(), p.reportedAt(), p.allConfirmed(),
                    p.openSelectedLines(), p.openPendingLines());
        }
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }
}
