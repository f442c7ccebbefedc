package com.vbp.gateway.benchmark;

import com.vbp.events.allocation.AllocationCommands.ConfirmAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmSelectedLine;
import com.vbp.events.allocation.AllocationCommands.ReportAllocation;
import com.vbp.events.allocation.AllocationCommands.SaveAllocation;
import com.vbp.events.allocation.AllocationCommands.WithdrawAllocation;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.common.Refusal;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.standalone.demo.DemoData;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.HandlerExecutionException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Institutions of the benchmark data set at work, midway through the allocation window, through the same
 * commands the allocation endpoints send (so every rule is checked and every event is real). Each institution
 * draws its own dice (seeded by its position), so the outcome does not depend on the threads:
 * <ul>
 *     <li>every institution confirms its first selected line (确认), so every institution has a contract amount
 *         (the largest answer of the institution grouping);</li>
 *     <li>a share {@code share} of the institutions confirm every selected line;</li>
 *     <li>two thirds of those also allocate (保存) and confirm every pending line, one entry on the
 *         lowest-daily-cost winner or, when the highest-reduction winner is shown, two entries splitting P
 *         about half and half with the larger package absorbing the remainder (rules 1, 2 and 4);</li>
 *     <li>one in eight of the allocating institutions withdraws its first pending line (撤回) and confirms it
 *         again, another one in eight withdraws it and leaves it a draft;</li>
 *     <li>half of the institutions with every line confirmed report (上报).</li>
 * </ul>
 * Refusals (e.g. a capacity exhausted by others) are counted, not fatal.
 */
final class AllocationWorkload {

    private static final String BY = "bench";

    /** {@code institutions}: those that went on beyond their first selected line. */
    record Outcome(int institutions, long selectedConfirmed, long pendingConfirmed, long withdrawn, long reported,
                   long commands, Map<String, Long> refused) {
    }

    private final CommandGateway commands;
    private final String batch;
    private final Map<String, List<DemandRow>> linesByInstitution;
    private final AllocationEntries entries;

    AllocationWorkload(CommandGateway commands, String batch, DemoData data) {
        this.commands = commands;
        this.batch = batch;
        this.linesByInstitution = data.demands().stream()
                .collect(Collectors.groupingBy(DemandRow::institutionCode, LinkedHashMap::new, Collectors.toList()));
        this.entries = new AllocationEntries(data);
    }

    Outcome run(double share, int threads) throws Exception {
        List<String> institutions = new ArrayList<>(linesByInstitution.keySet());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger participants = new AtomicInteger();
        AtomicLong selected = new AtomicLong();
        AtomicLong pending = new AtomicLong();
        AtomicLong withdrawn = new AtomicLong();
        AtomicLong reported = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        Map<String, Long> refused = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < institutions.size(); i = next.getAndIncrement()) {
                        String institution = institutions.get(i);
                        if (i > 0 && i % 1000 == 0) {
                            System.out.printf("BENCH-PROGRESS institution %,d, %,d commands sent%n", i, sent.get());
                        }
                        SplittableRandom dice = new SplittableRandom(42L * 1_000_003 + i);
                        boolean goesOn = dice.nextDouble() < share;
                        String id = AllocationIds.of(batch, institution);
                        List<DemandRow> lines = linesByInstitution.get(institution);
                        boolean allConfirmed = true;
                        for (DemandRow l : lines) {
                            if (l.kind() == DemandKind.SELECTED) {
                                boolean ok = send(new ConfirmSelectedLine(id, l.drugCode(), BY), sent, refused);
                                selected.addAndGet(ok ? 1 : 0);
                                if (!goesOn) {
                                    break;
                                }
                                allConfirmed &= ok;
                            }
                        }
                        if (!goesOn) {
                            continue;
                        }
                        participants.incrementAndGet();
                        boolean allocates = dice.nextInt(3) < 2;
                        int withdrawal = dice.nextInt(8);
                        boolean firstPending = true;
                        for (DemandRow l : lines) {
                            if (l.kind() != DemandKind.PENDING) {
                                continue;
                            }
                            boolean ok = allocates
                                    && send(new SaveAllocation(id, l.drugCode(), entries.of(l), BY), sent, refused)
                                    && send(new ConfirmAllocation(id, l.drugCode(), BY), sent, refused);
                            if (ok && firstPending && withdrawal < 2) {
                                withdrawn.addAndGet(send(new WithdrawAllocation(id, l.drugCode(), BY), sent,
                                        refused) ? 1 : 0);
                                ok = withdrawal == 0 && send(new ConfirmAllocation(id, l.drugCode(), BY), sent,
                                        refused);
                            }
                            firstPending = false;
                            pending.addAndGet(ok ? 1 : 0);
                            allConfirmed &= ok;
                        }
                        if (allConfirmed && dice.nextBoolean()) {
                            reported.addAndGet(send(new ReportAllocation(id, BY), sent, refused) ? 1 : 0);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(participants.get(), selected.get(), pending.get(), withdrawn.get(), reported.get(),
                sent.get(), new TreeMap<>(refused));
    }

    /** Sends one command; a refusal is counted by its code. */
    private boolean send(Object command, AtomicLong sent, Map<String, Long> refused) {
        sent.incrementAndGet();
        try {
            commands.sendAndWait(command);
            return true;
        } catch (HandlerExecutionException e) {
            String code = e.getDetails().orElse(null) instanceof Refusal r ? r.code() : e.getClass().getSimpleName();
            refused.merge(code, 1L, Long::sum);
            return false;
        }
    }
}
