package com.vbp.command.procurement;

import com.vbp.command.allocation.InstitutionAllocation;
import com.vbp.command.common.Checks;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * A procurement batch (集采批次): its allocation window, its winning-product catalogue and the
 * institutions whose demand lines it holds. Importing demands spawns one {@link InstitutionAllocation}
 * per institution in the same unit of work, so a demand file is stored whole or not at all.
 */
@Aggregate
public class ProcurementBatch {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    @AggregateIdentifier
    private String batchCode;
    private AllocationTerms terms;
    private Instant allocationClosesAt;
    private final Map<String, WinningProduct> winnersByDrug = new LinkedHashMap<>();
    private final Set<String> groupCodes = new HashSet<>();
    private final Set<String> institutions = new HashSet<>();

    protected ProcurementBatch() {
        // for Axon
    }

    @CommandHandler
    public ProcurementBatch(CreateProcurementBatch command, Clock clock) {
        if (command.batchCode() == null || !CODE.matcher(command.batchCode()).matches()) {
            throw new RuleViolation(RefusalCode.INVALID_BATCH_CODE);
        }
        if (Checks.blank(command.name())) {
            throw new RuleViolation(RefusalCode.INVALID_BATCH);
        }
        if (command.allocationOpensAt() == null || command.allocationClosesAt() == null
                || !command.allocationOpensAt().isBefore(command.allocationClosesAt())) {
            throw new RuleViolation(RefusalCode.INVALID_WINDOW, "The allocation window must open before it closes",
                    windowFigures(command.allocationOpensAt(), command.allocationClosesAt()));
        }
        checkShare("minShareLowestDailyCost", command.minShareLowestDailyCost());
        checkShare("minShareHighestReduction", command.minShareHighestReduction());
        BigDecimal total = nz(command.minShareLowestDailyCost()).add(nz(command.minShareHighestReduction()));
        if (total.compareTo(BigDecimal.ONE) > 0) {
            throw new RuleViolation(RefusalCode.INVALID_MIN_SHARE, "The two minimum shares together may not exceed 1",
                    Map.of("total", total));
        }
        apply(new ProcurementBatchCreated(command.batchCode(), command.name().trim(), command.allocationOpensAt(),
                command.allocationClosesAt(), command.minShareLowestDailyCost(),
                command.minShareHighestReduction(), command.createdBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(ImportCatalogue command, Clock clock) {
        requireOpen(clock);
        if (!institutions.isEmpty()) {
            throw new RuleViolation(RefusalCode.CATALOGUE_LOCKED,
                    "The catalogue cannot be replaced once institutions' demand lines are imported",
                    Map.of("institutions", institutions.size()));
        }
        if (isEmpty(command.rows()) && command.cellProblems().isEmpty()) {
            throw new RuleViolation(RefusalCode.EMPTY_FILE, "The catalogue has no rows");
        }
        RuleViolation.refuseInvalidRows(command.cellProblems(), CatalogueRules.problems(rows(command.rows())));
        apply(new CatalogueImported(batchCode, command.rows().stream().map(CatalogueRow::product).toList(),
                command.importedBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(ImportDemands command, Clock clock) throws Exception {
        requireOpen(clock);
        if (winnersByDrug.isEmpty()) {
            throw new RuleViolation(RefusalCode.CATALOGUE_MISSING);
        }
        if (isEmpty(command.rows()) && command.cellProblems().isEmpty()) {
            throw new RuleViolation(RefusalCode.EMPTY_FILE, "The demand file has no rows");
        }
        RuleViolation.refuseInvalidRows(command.cellProblems(),
                DemandRules.problems(rows(command.rows()), winnersByDrug, groupCodes, institutions));
        Map<String, List<DemandRow>> byInstitution = new LinkedHashMap<>();
        command.rows().forEach(r -> byInstitution.computeIfAbsent(r.institutionCode(), k -> new ArrayList<>()).add(r));
        Instant now = clock.instant();
        apply(new DemandsImported(batchCode, List.copyOf(byInstitution.keySet()), command.rows().size(),
                command.importedBy(), now));
        for (Map.Entry<String, List<DemandRow>> entry : byInstitution.entrySet()) {
            List<DemandRow> rows = entry.getValue();
            DemandRow first = rows.get(0);
            List<SelectedLine> selected = rows.stream().filter(r -> r.kind() == DemandKind.SELECTED)
                    .map(r -> new SelectedLine(r.drugCode(), r.groupCode(), r.drugCode(), r.variety(),
                            r.enterprise(), r.volume()))
                    .toList();
            List<PendingLine> pending = rows.stream().filter(r -> r.kind() == DemandKind.PENDING)
                    .map(r -> new PendingLine(r.drugCode(), r.groupCode(), r.drugCode(), r.variety(),
                            r.enterprise(), r.volume(), r.dailyUsage()))
                    .toList();
            List<WinningProduct> winners = winnersOf(rows);
            createNew(InstitutionAllocation.class, () -> new InstitutionAllocation(batchCode, entry.getKey(),
                    first.institutionName(), first.district(), selected, pending, terms, winners, now));
        }
    }

    private static boolean isEmpty(List<?> rows) {
        return rows == null || rows.isEmpty();
    }

    private static <T> List<T> rows(List<T> rows) {
        return rows == null ? List.of() : rows;
    }

    /** The winners of every product group the rows have demand in, in catalogue order. */
    private List<WinningProduct> winnersOf(List<DemandRow> rows) {
        Set<String> groups = new HashSet<>();
        rows.forEach(r -> groups.add(r.groupCode()));
        return winnersByDrug.values().stream().filter(p -> groups.contains(p.groupCode())).toList();
    }

    private void requireOpen(Clock clock) {
        Instant now = clock.instant();
        if (!now.isBefore(allocationClosesAt)) {
            throw new RuleViolation(RefusalCode.WINDOW_CLOSED, "The allocation window of batch " + batchCode
                    + " has closed",
                    Map.of("allocationClosesAt", allocationClosesAt.toString(), "now", now.toString()));
        }
    }

    private static void checkShare(String name, BigDecimal share) {
        if (share != null && !Checks.between(share, BigDecimal.ZERO, BigDecimal.ONE)) {
            throw new RuleViolation(RefusalCode.INVALID_MIN_SHARE, name + " must be between 0 and 1",
                    Map.of(name, share));
        }
    }

    private static BigDecimal nz(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    private static Map<String, Object> windowFigures(Instant opens, Instant closes) {
        Map<String, Object> figures = new HashMap<>();
        figures.put("allocationOpensAt", String.valueOf(opens));
        figures.put("allocationClosesAt", String.valueOf(closes));
        return figures;
    }

    @EventSourcingHandler
    void on(ProcurementBatchCreated event) {
        batchCode = event.batchCode();
        allocationClosesAt = event.allocationClosesAt();
        terms = new AllocationTerms(event.allocationOpensAt(), event.allocationClosesAt(),
                event.minShareLowestDailyCost(), event.minShareHighestReduction());
    }

    @EventSourcingHandler
    void on(CatalogueImported event) {
        winnersByDrug.clear();
        groupCodes.clear();
        for (WinningProduct p : event.products()) {
            winnersByDrug.put(p.drugCode(), p);
            groupCodes.add(p.groupCode());
        }
    }

    @EventSourcingHandler
    void on(DemandsImported event) {
        institutions.addAll(event.institutionCodes());
    }
}
