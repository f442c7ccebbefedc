package com.vbp.command.allocation;

import com.vbp.command.allocation.ContractVolumeRule.Entry;
import com.vbp.command.allocation.ContractVolumeRule.Figures;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.allocation.AllocationCommands.AllocationCheck;
import com.vbp.events.allocation.AllocationCommands.AllocationFigures;
import com.vbp.events.allocation.AllocationCommands.CheckAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmSelectedLine;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.allocation.AllocationCommands.ReportAllocation;
import com.vbp.events.allocation.AllocationCommands.SaveAllocation;
import com.vbp.events.allocation.AllocationCommands.WithdrawAllocation;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationReported;
import com.vbp.events.allocation.AllocationEvents.AllocationSaved;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.Money;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One institution's demand lines in one batch, and what it has confirmed, allocated and reported (seed 000
 * §3.2.2–§3.2.4, DOMAIN.md "Life of the lines"). Created by {@code ProcurementBatch} when demands are imported.
 * <p>
 * Capacity is booked through the {@link CapacityLedger} in the same unit of work as this aggregate's event, in
 * drug-code order: a confirmation stores its reservations and its own event together or nothing at all.
 * <p>
 * Repeated commands (a retried request) have the effect of one: a second confirm of a line is refused with
 * {@code LINE_ALREADY_CONFIRMED}, a second withdraw with {@code LINE_NOT_CONFIRMED}, a second report with
 * {@code ALREADY_REPORTED}, and a second save of the same entries records the same draft again. The commands of
 * the allocation window (confirm, save, withdraw) require it open, {@code [opensAt, closesAt)}: withdrawing after
 * the window closed would leave a line that could never be confirmed again. Reporting does not: all its lines are
 * already confirmed inside the window.
 */
@Aggregate
public class InstitutionAllocation {

    @AggregateIdentifier
    private String allocationId;
    private String batchCode;
    private String institutionCode;
    private AllocationTerms terms;
    private final Map<String, WinningProduct> winners = new LinkedHashMap<>();
    private final Map<String, SelectedLine> selectedLines = new LinkedHashMap<>();
    private final Map<String, PendingLine> pendingLines = new LinkedHashMap<>();
    /** confirmed selected lines and their contract amounts */
    private final Map<String, Money> confirmedSelected = new HashMap<>();
    /** saved (or withdrawn) entries of pending lines not confirmed */
    private final Map<String, List<ContractEntry>> drafts = new HashMap<>();
    /** confirmed pending lines and their contract amounts */
    private final Map<String, Money> confirmedPending = new HashMap<>();
    private final Map<String, List<ContractEntry>> confirmedEntries = new HashMap<>();
    private boolean reported;

    protected InstitutionAllocation() {
        // for Axon
    }

    public InstitutionAllocation(String batchCode, String institutionCode, String institutionName, String district,
                                 List<SelectedLine> selected, List<PendingLine> pending, AllocationTerms terms,
                                 List<WinningProduct> winners, Instant at) {
        apply(new InstitutionDemandRegistered(batchCode, institutionCode, institutionName, district, selected,
                pending, terms, winners, at));
    }

    /** 确认 (§3.2.2): the selected line's volume is booked on its product at its contract amount. */
    @CommandHandler
    public void handle(ConfirmSelectedLine command, Clock clock, CapacityLedger ledger) {
        SelectedLine line = selectedLines.get(command.lineId());
        if (line == null) {
            throw unknownLine(command.lineId(), "selected");
        }
        Instant now = clock.instant();
        requireNotReported();
        requireWindowOpen(now);
        if (confirmedSelected.containsKey(line.lineId())) {
            throw alreadyConfirmed(line.lineId());
        }
        WinningProduct product = winnerOf(line.drugCode());
        ledger.reserve(batchCode, product, institutionCode, line.lineId(), line.volume(), now);
        apply(new SelectedLineConfirmed(batchCode, institutionCode, line.lineId(), line.groupCode(), line.drugCode(),
                product.variety(), product.enterprise(), product.packagePrice(), product.packageQuantity(),
                line.volume(), contractAmount(product, line.volume()), command.by(), now));
    }

    /** 保存 (§3.2.3): rules 1 to 3 (capacity as it stands now); the entries replace the draft. */
    @CommandHandler
    public AllocationFigures handle(SaveAllocation command, Clock clock, CapacityLedger ledger) {
        Instant now = clock.instant();
        Draft draft = draft(command.lineId(), command.entries(), now, ledger);
        if (draft.refusal() != null) {
            throw draft.refusal();
        }
        AllocationFigures f = draft.figures();
        apply(new AllocationSaved(batchCode, institutionCode, f.lineId(), f.entries(), f.allocatedTotal(), f.bounds(),
                command.by(), now));
        return f;
    }

    /**
     * 检查: exactly what {@link #handle(SaveAllocation, Clock, CapacityLedger)} decides, applying nothing. A refusal
     * is answered, not thrown, with the figures when they could be made (out of range, over capacity), so the form
     * shows the bounds while the typed value is outside them.
     */
    @CommandHandler
    public AllocationCheck handle(CheckAllocation command, Clock clock, CapacityLedger ledger) {
        try {
            Draft draft = draft(command.lineId(), command.entries(), clock.instant(), ledger);
            return new AllocationCheck(draft.figures(), draft.refusal() == null ? null : draft.refusal().refusal());
        } catch (RuleViolation refused) {
            return new AllocationCheck(null, refused.refusal());
        }
    }

    /** What a save of these entries would record, and why it would be refused (null: it would not). */
    private record Draft(AllocationFigures figures, RuleViolation refusal) {
    }

    /**
     * The one path of 保存 and 检查: refusals that leave no figures (line, report, window, confirmed, the shape of the
     * entries) are thrown; rules 1 to 3 are decided on the figures and returned with them.
     */
    private Draft draft(String lineId, List<EntryRequest> requests, Instant now, CapacityLedger ledger) {
        PendingLine line = pendingLine(lineId);
        requireNotReported();
        requireWindowOpen(now);
        requireNotConfirmed(line);
        List<Entry> entries = ContractVolumeRule.entries(line, requests, groupWinners(line));
        Figures figures = ContractVolumeRule.figures(line, entries);
        List<ContractEntry> contractEntries = new ArrayList<>();
        List<Volume> remaining = new ArrayList<>();
        for (Entry entry : entries) {
            Volume left = ledger.remaining(batchCode, entry.product(), institutionCode, line.lineId());
            remaining.add(left);
            contractEntries.add(contractEntry(entry, figures, left));
        }
        AllocationFigures answer = new AllocationFigures(line.lineId(), figures.bounds(), List.copyOf(contractEntries),
                figures.allocatedTotal(), line.pendingVolume());
        try {
            ContractVolumeRule.checkBounds(line, entries);
            for (int i = 0; i < entries.size(); i++) {
                ContractVolumeRule.checkCapacity(entries.get(i), remaining.get(i));
            }
            return new Draft(answer, null);
        } catch (RuleViolation refused) {
            return new Draft(answer, refused);
        }
    }

    /**
     * 确认 (§3.2.3): the saved draft is checked against every rule again and capacity is reserved on each product,
     * in drug-code order, in this unit of work; 已确认的记录无法重新分量.
     */
    @CommandHandler
    public AllocationFigures handle(ConfirmAllocation command, Clock clock, CapacityLedger ledger) {
        PendingLine line = pendingLine(command.lineId());
        Instant now = clock.instant();
        requireNotReported();
        requireWindowOpen(now);
        requireNotConfirmed(line);
        List<ContractEntry> draft = drafts.get(line.lineId());
        if (draft == null) {
            throw new RuleViolation(RefusalCode.NO_DRAFT, "Save an allocation of line " + line.lineId()
                    + " before confirming it",
                    Map.of("lineId", line.lineId()));
        }
        List<EntryRequest> requests = draft.stream()
                .map(e -> new EntryRequest(e.drugCode(), e.contractVolume())).toList();
        Map<String, WinningProduct> groupWinners = groupWinners(line);
        List<Entry> entries = ContractVolumeRule.entries(line, requests, groupWinners);
        Figures figures = ContractVolumeRule.checkBounds(line, entries);
        ContractVolumeRule.checkRequiredWinners(line, entries, groupWinners.values(), terms);
        List<ContractEntry> contractEntries = new ArrayList<>();
        Money amount = Money.ZERO;
        for (Entry entry : entries) {
            Volume remaining = ledger.reserve(batchCode, entry.product(), institutionCode, line.lineId(),
                    entry.contractVolume(), now);
            ContractEntry contractEntry = contractEntry(entry, figures, remaining);
            contractEntries.add(contractEntry);
            amount = amount.plus(contractEntry.contractAmount());
        }
        apply(new AllocationConfirmed(batchCode, institutionCode, line.lineId(), line.groupCode(),
                line.pendingVolume(), line.dailyUsage(), List.copyOf(contractEntries), figures.allocatedTotal(),
                amount, command.by(), now));
        return new AllocationFigures(line.lineId(), figures.bounds(), List.copyOf(contractEntries),
                figures.allocatedTotal(), line.pendingVolume());
    }

    /** 撤回: the confirmed entries are released, in drug-code order; the line is a draft again. */
    @CommandHandler
    public void handle(WithdrawAllocation command, Clock clock, CapacityLedger ledger) {
        PendingLine line = pendingLine(command.lineId());
        Instant now = clock.instant();
        requireNotReported();
        requireWindowOpen(now);
        List<ContractEntry> entries = confirmedEntries.get(line.lineId());
        if (entries == null) {
            throw new RuleViolation(RefusalCode.LINE_NOT_CONFIRMED, "Line " + line.lineId() + " is not confirmed",
                    Map.of("lineId", line.lineId()));
        }
        for (ContractEntry entry : entries) {
            ledger.release(batchCode, winnerOf(entry.drugCode()), institutionCode, line.lineId(), now);
        }
        apply(new AllocationWithdrawn(batchCode, institutionCode, line.lineId(), entries, command.by(), now));
    }

    /** 上报 (§3.2.4): every selected and pending line confirmed; all final afterwards. */
    @CommandHandler
    public void handle(ReportAllocation command, Clock clock) {
        requireNotReported();
        long openSelected = selectedLines.keySet().stream().filter(id -> !confirmedSelected.containsKey(id)).count();
        long openPending = pendingLines.keySet().stream().filter(id -> !confirmedPending.containsKey(id)).count();
        if (openSelected + openPending > 0) {
            throw new RuleViolation(RefusalCode.NOT_ALL_CONFIRMED, (openSelected + openPending)
                    + " line(s) must be confirmed before reporting", Map.of("openSelectedLines", openSelected,
                    "openPendingLines", openPending, "selectedLines", selectedLines.size(),
                    "pendingLines", pendingLines.size()));
        }
        Money amount = Money.ZERO;
        for (Money m : confirmedSelected.values()) {
            amount = amount.plus(m);
        }
        for (Money m : confirmedPending.values()) {
            amount = amount.plus(m);
        }
        apply(new AllocationReported(batchCode, institutionCode, selectedLines.size(), pendingLines.size(), amount,
                command.by(), clock.instant()));
    }

    /** 合同金额 = packagePrice / packageQuantity × contract volume, rounded to 0.01 yuan half up. */
    static Money contractAmount(WinningProduct product, Volume contractVolume) {
        return new Money(product.packagePrice().yuan().multiply(BigDecimal.valueOf(contractVolume.minUnits()))
                .divide(BigDecimal.valueOf(product.packageQuantity()), 2, RoundingMode.HALF_UP)).toFen();
    }

    private static ContractEntry contractEntry(Entry entry, Figures figures, Volume remaining) {
        WinningProduct p = entry.product();
        return new ContractEntry(p.drugCode(), p.groupCode(), p.variety(), p.enterprise(), p.packagePrice(),
                p.packageQuantity(), p.dailyUsage(), entry.contractVolume(), figures.allocatedOf(p.drugCode()),
                contractAmount(p, entry.contractVolume()), remaining);
    }

    private PendingLine pendingLine(String lineId) {
        PendingLine line = pendingLines.get(lineId);
        if (line == null) {
            throw unknownLine(lineId, "pending");
        }
        return line;
    }

    private Map<String, WinningProduct> groupWinners(PendingLine line) {
        Map<String, WinningProduct> group = new LinkedHashMap<>();
        winners.values().stream().filter(p -> p.groupCode().equals(line.groupCode()))
                .forEach(p -> group.put(p.drugCode(), p));
        return group;
    }

    private WinningProduct winnerOf(String drugCode) {
        WinningProduct product = winners.get(drugCode);
        if (product == null) {
            throw new RuleViolation(RefusalCode.UNKNOWN_PRODUCT, "Drug " + drugCode
                    + " is not a winning product of batch " + batchCode, Map.of("drugCode", drugCode));
        }
        return product;
    }

    private RuleViolation unknownLine(String lineId, String kind) {
        return new RuleViolation(RefusalCode.UNKNOWN_LINE, "Institution " + institutionCode + " has no " + kind
                + " line " + lineId + " in batch " + batchCode, Map.of("lineId", String.valueOf(lineId), "kind", kind));
    }

    private RuleViolation alreadyConfirmed(String lineId) {
        return new RuleViolation(RefusalCode.LINE_ALREADY_CONFIRMED, "已确认的记录无法重新分量: line "
                + lineId + " is confirmed; withdraw it first", Map.of("lineId", lineId));
    }

    private void requireNotConfirmed(PendingLine line) {
        if (confirmedPending.containsKey(line.lineId())) {
            throw alreadyConfirmed(line.lineId());
        }
    }

    private void requireNotReported() {
        if (reported) {
            throw new RuleViolation(RefusalCode.ALREADY_REPORTED,
                    "分配采购量确认上报后，则无法撤回: institution " + institutionCode
                    + " has reported batch " + batchCode + "; its lines are final",
                    Map.of("batchCode", batchCode, "institutionCode", institutionCode));
        }
    }

    private void requireWindowOpen(Instant now) {
        Instant opens = terms == null ? null : terms.allocationOpensAt();
        Instant closes = terms == null ? null : terms.allocationClosesAt();
        if ((opens != null && now.isBefore(opens)) || (closes != null && !now.isBefore(closes))) {
            throw new RuleViolation(RefusalCode.WINDOW_CLOSED, "The allocation window of batch " + batchCode + " is "
                    + (opens != null && now.isBefore(opens) ? "not open yet" : "closed"),
                    Map.of("allocationOpensAt", String.valueOf(opens), "allocationClosesAt", String.valueOf(closes),
                            "now", now.toString()));
        }
    }

    @EventSourcingHandler
    void on(InstitutionDemandRegistered event) {
        allocationId = AllocationIds.of(event.batchCode(), event.institutionCode());
        batchCode = event.batchCode();
        institutionCode = event.institutionCode();
        terms = event.terms();
        if (event.winners() != null) {
            event.winners().forEach(p -> winners.put(p.drugCode(), p));
        }
        event.selectedLines().forEach(l -> selectedLines.put(l.lineId(), l));
        event.pendingLines().forEach(l -> pendingLines.put(l.lineId(), l));
    }

    @EventSourcingHandler
    void on(SelectedLineConfirmed event) {
        confirmedSelected.put(event.lineId(), event.contractAmount());
    }

    @EventSourcingHandler
    void on(AllocationSaved event) {
        drafts.put(event.lineId(), event.entries());
    }

    @EventSourcingHandler
    void on(AllocationConfirmed event) {
        drafts.remove(event.lineId());
        confirmedPending.put(event.lineId(), event.contractAmount());
        confirmedEntries.put(event.lineId(), event.entries());
    }

    @EventSourcingHandler
    void on(AllocationWithdrawn event) {
        confirmedPending.remove(event.lineId());
        confirmedEntries.remove(event.lineId());
        drafts.put(event.lineId(), event.released());
    }

    @EventSourcingHandler
    void on(AllocationReported event) {
        reported = true;
    }
}
