package com.vbp.gateway.allocation;

import com.vbp.events.allocation.AllocationCommands.ConfirmAllocation;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.allocation.AllocationCommands.SaveAllocation;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.BatchProgress;
import com.vbp.events.allocation.AllocationQueries.FetchAllocationProgress;
import com.vbp.events.allocation.AllocationQueries.FetchPendingLines;
import com.vbp.events.allocation.AllocationQueries.FetchReportList;
import com.vbp.events.allocation.AllocationQueries.LineStatus;
import com.vbp.events.allocation.AllocationQueries.PendingLineView;
import com.vbp.events.allocation.AllocationQueries.PendingLinesPage;
import com.vbp.events.allocation.AllocationQueries.ReportListPage;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.common.ConsistencyQueries.AwaitProjections;
import com.vbp.events.common.ConsistencyQueries.ProjectionsCaughtUp;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.events.procurement.ProcurementQueries.FetchSupplyList;
import com.vbp.events.procurement.ProcurementQueries.SupplyListPage;
import com.vbp.events.procurement.ProcurementQueries.SupplyRow;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.support.StandaloneApp;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 64 institutions confirm their allocations on one product at once, on the real standalone application (H2 JDBC
 * event store, embedded MongoDB-wire read models), and the product's capacity covers only 20 of them. Proves that
 * the booked total never exceeds the capacity, that every request either succeeded or was refused with
 * {@code CAPACITY_EXCEEDED} (exactly floor(capacity / C) succeed), and that the event history and every read model
 * (pending lines and the capacity left, report list, allocation progress, supply list) agree on who got what.
 * <p>
 * Figures: group G9 has one winner P (price 12.5 / 10 粒, U 3, capacity 12,300), so P is both the lowest-daily-cost
 * and the highest-reduction winner (rule 4). Every institution has one pending line of P_v 600 with U_d 3: rule 1
 * gives 590 &lt; C &lt; 610, and every institution saves C = 600 (amount 12.5 / 10 × 600 = 750.00). 12,300 / 600 =
 * 20 confirmations fit, leaving 300.
 */
class CapacityUnderLoadTest {

    private static final String BATCH = "LOAD-2026";
    private static final String GROUP = "G9";
    private static final String P = "ZC00000901";
    private static final String NON_WINNER = "ZX00000901";
    private static final int INSTITUTIONS = 64;
    private static final long C = 600;
    private static final long MAX_CAPACITY = 12_300;
    private static final long EXPECTED_SUCCESSES = MAX_CAPACITY / C;
    private static final String CONFIRMED = "CONFIRMED";
    private static final String CAPACITY_EXCEEDED = "CAPACITY_EXCEEDED";

    @TempDir
    Path dataDir;

    @Test
    @Timeout(300)
    void sixty_four_institutions_confirming_at_once_never_book_more_than_the_capacity_and_the_read_models_agree()
            throws Exception {
        try (StandaloneApp app = StandaloneApp.start(dataDir)) {
            CommandGateway commands = app.bean(CommandGateway.class);
            QueryGateway queries = app.bean(QueryGateway.class);
            EventStore eventStore = app.bean(EventStore.class);
            setUp(commands);

            // 64 threads, one per institution, released together
            long started = System.nanoTime();
            Map<String, String> outcomes = confirmAllAtOnce(commands);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            app.bean(Commands.class).awaitProjections();
            assertThat(queries.query(new AwaitProjections(eventStore.createHeadToken().position().orElseThrow(),
                    10_000), ProjectionsCaughtUp.class).join().caughtUp()).as("projections caught up").isTrue();

            // every request either succeeded or was refused for capacity; exactly as many succeeded as fit
            assertThat(outcomes).hasSize(INSTITUTIONS);
            assertThat(outcomes.values()).as("outcomes %s", outcomes).allMatch(o -> o.equals(CONFIRMED) || o.equals(CAPACITY_EXCEEDED));
            Set<String> succeeded = new TreeSet<>();
            outcomes.forEach((institution, o) -> {
                if (o.equals(CONFIRMED)) {
                    succeeded.add(institution);
                }
            });
            assertThat((long) succeeded.size()).isEqualTo(EXPECTED_SUCCESSES);

            // (a) the capacity's own history: contiguous, never beyond the capacity, booked = successes × C
            List<? extends DomainEventMessage<?>> capacity = eventStore
                    .readEvents(AllocationIds.capacityOf(BATCH, P), 0).asStream().toList();
            long booked = 0;
            Set<String> reservedFor = new TreeSet<>();
            for (int i = 0; i < capacity.size(); i++) {
                DomainEventMessage<?> m = capacity.get(i);
                assertThat(m.getSequenceNumber()).isEqualTo(i);
                if (m.getPayload() instanceof CapacityReserved r) {
                    booked += r.volume().minUnits();
                    assertThat(reservedFor.add(r.institutionCode())).as("one reservation per institution").isTrue();
                    assertThat(r.reservedTotal().minUnits()).isEqualTo(booked).isLessThanOrEqualTo(MAX_CAPACITY);
                } else if (m.getPayload() instanceof CapacityReleased r) {
                    booked -= r.volume().minUnits();
                }
            }
            assertThat(booked).isLessThanOrEqualTo(MAX_CAPACITY).isEqualTo(succeeded.size() * C);
            assertThat(reservedFor).isEqualTo(succeeded);

            // (b) the institutions' histories and the whole stream, as the projections read it, agree
            Set<String> confirmedInHistory = new TreeSet<>();
            for (String institution : outcomes.keySet()) {
                eventStore.readEvents(AllocationIds.of(BATCH, institution), 0).asStream()
                        .filter(m -> m.getPayload() instanceof AllocationConfirmed)
                        .forEach(m -> confirmedInHistory.add(institution));
            }
            assertThat(confirmedInHistory).isEqualTo(succeeded);
            Map<String, Long> streamed = tally(eventStore);
            assertThat(streamed).containsEntry("AllocationConfirmed", (long) succeeded.size())
                    .containsEntry("CapacityReserved", booked / C)
                    .doesNotContainKey("CapacityReleased");

            // (c) the read models: each institution's line and P's capacity left, its report list, the supply list
            Money amount = Money.of("750.00");
            long supplied = 0;
            SupplyListPage supply = queries.query(new FetchSupplyList(BATCH, null, null, P, null, null, null, false,
                    0, 1000), SupplyListPage.class).join();
            assertThat(supply.total()).isEqualTo(INSTITUTIONS);
            for (SupplyRow row : supply.items()) {
                assertThat(row.agreedVolume().minUnits()).as("agreed volume of " + row.institutionCode())
                        .isEqualTo(succeeded.contains(row.institutionCode()) ? C : 0);
                supplied += row.agreedVolume().minUnits();
            }
            assertThat(supplied).isEqualTo(booked);
            for (String institution : outcomes.keySet()) {
                boolean ok = succeeded.contains(institution);
                PendingLinesPage pending = queries.query(new FetchPendingLines(BATCH, institution, null, null, null,
                        0, 100), PendingLinesPage.class).join();
                assertThat(pending.items()).hasSize(1);
                PendingLineView line = pending.items().get(0);
                assertThat(line.status()).as("line of " + institution)
                        .isEqualTo(ok ? LineStatus.CONFIRMED : LineStatus.SAVED);
                assertThat(line.lowestDailyCost().drugCode()).isEqualTo(P);
                assertThat(line.lowestDailyCost().remainingCapacity().minUnits()).isEqualTo(MAX_CAPACITY - booked);
                ReportListPage report = queries.query(new FetchReportList(BATCH, institution, null, null, null, 0,
                        100), ReportListPage.class).join();
                assertThat(report.total()).as("report lines of " + institution).isEqualTo(ok ? 1 : 0);
                assertThat(report.totalVolume().minUnits()).isEqualTo(ok ? C : 0);
                assertThat(report.totalAmount()).isEqualByComparingTo(ok ? amount : Money.ZERO);
            }
            AllocationProgress progress = queries.query(new FetchAllocationProgress(BATCH), AllocationProgress.class)
                    .join();
            assertThat(progress.items()).hasSize(1);
            BatchProgress batch = progress.items().get(0);
            assertThat(batch.lines()).isEqualTo(INSTITUTIONS);
            assertThat(batch.institutions()).isEqualTo(INSTITUTIONS);
            assertThat(batch.linesConfirmed()).isEqualTo(succeeded.size());
            assertThat(batch.pendingVolume().minUnits()).isEqualTo(INSTITUTIONS * C);
            assertThat(batch.volumeAllocated().minUnits()).isEqualByComparingTo(Long.toString(booked));

            System.out.printf("CapacityUnderLoadTest: %d of %d confirmed, %d refused, booked %d of %d, "
                            + "%d ms for the %d confirmations%n", succeeded.size(), INSTITUTIONS,
                    INSTITUTIONS - succeeded.size(), booked, MAX_CAPACITY, took.toMillis(), INSTITUTIONS);
        }
    }

    /** The batch open now, the catalogue with P alone in G9, one pending line per institution, each saved at C. */
    private static void setUp(CommandGateway commands) {
        Instant now = Instant.now();
        commands.sendAndWait(new CreateProcurementBatch(BATCH, "并发产能测试批次", now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(1)), null, null, "admin"));
        WinningProduct p = new WinningProduct(GROUP, "并发测试组", P, "测试胶囊", "胶囊剂", "0.25g", "测试药业有限公司",
                Money.of("12.5"), 10, "粒", DailyUsage.of("3"), Percentage.of("30"), Volume.of(MAX_CAPACITY));
        commands.sendAndWait(new ImportCatalogue(BATCH, List.of(new CatalogueRow(2, p)), "admin"));
        List<DemandRow> demands = new ArrayList<>();
        for (int i = 0; i < INSTITUTIONS; i++) {
            demands.add(new DemandRow(i + 2, institution(i), "测试医院" + i, "420102", GROUP, DemandKind.PENDING,
                    NON_WINNER, "某胶囊", "某未中选企业", Volume.of(C), DailyUsage.of("3")));
        }
        commands.sendAndWait(new ImportDemands(BATCH, demands, "admin"));
        for (int i = 0; i < INSTITUTIONS; i++) {
            commands.sendAndWait(new SaveAllocation(AllocationIds.of(BATCH, institution(i)), NON_WINNER,
                    List.of(new EntryRequest(P, Volume.of(C))), "user"));
        }
    }

    /** Every institution confirms on its own thread, all released by one latch; institution → outcome. */
    private static Map<String, String> confirmAllAtOnce(CommandGateway commands) throws Exception {
        CountDownLatch ready = new CountDownLatch(INSTITUTIONS);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, String> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(INSTITUTIONS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < INSTITUTIONS; i++) {
                String institution = institution(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    outcomes.put(institution, outcome(commands, institution));
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /** {@code CONFIRMED}, the refusal's code, or what else went wrong. */
    private static String outcome(CommandGateway commands, String institution) {
        try {
            commands.sendAndWait(new ConfirmAllocation(AllocationIds.of(BATCH, institution), NON_WINNER, "user"));
            return CONFIRMED;
        } catch (HandlerExecutionException e) {
            return e.getDetails().orElse(null) instanceof Refusal r ? r.code() : e.toString();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** The whole event history as a tracking processor reads it: payload type → count. */
    private static Map<String, Long> tally(EventStore eventStore) {
        long head = eventStore.createHeadToken().position().orElseThrow();
        Map<String, Long> counts = new TreeMap<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            long position = -1;
            while (position < head) {
                assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).as("events up to " + head).isTrue();
                TrackedEventMessage<?> m = stream.nextAvailable();
                position = m.trackingToken().position().orElseThrow();
                counts.merge(m.getPayloadType().getSimpleName(), 1L, Long::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static String institution(int i) {
        return String.format("H%03d", i);
    }
}
