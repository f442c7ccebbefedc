package com.vbp.command.allocation;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RuleViolation;
import com.vbp.command.procurement.ProcurementBatch;
import com.vbp.events.allocation.AllocationCommands.ConfirmAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmSelectedLine;
import com.vbp.events.allocation.AllocationCommands.SaveAllocation;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.vbp.command.allocation.AllocationTestData.BATCH;
import static com.vbp.command.allocation.AllocationTestData.CLOSES;
import static com.vbp.command.allocation.AllocationTestData.D001;
import static com.vbp.command.allocation.AllocationTestData.D002;
import static com.vbp.command.allocation.AllocationTestData.G01;
import static com.vbp.command.allocation.AllocationTestData.N001;
import static com.vbp.command.allocation.AllocationTestData.NOW;
import static com.vbp.command.allocation.AllocationTestData.OPENS;
import static com.vbp.command.allocation.AllocationTestData.d001;
import static com.vbp.command.allocation.AllocationTestData.d002;
import static com.vbp.command.allocation.AllocationTestData.d004;
import static com.vbp.command.allocation.AllocationTestData.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No two institutions together book more than a product's capacity, however their requests interleave: 64
 * institutions confirm at once on a real (in-memory) Axon configuration with the real {@link AxonCapacityLedger}.
 * Even institutions confirm a selected line of 1000 on D002; odd ones an allocation of 1200 on D001 and 1200 on
 * D002, reserved in drug-code order. D002's capacity covers 40,000 of the 70,400 asked; D001's covers all, so an
 * allocation refused on D002 has already reserved on D001 in its unit of work: a reservation on D001 without a
 * confirmation would show that the refusal was not rolled back whole.
 */
class CapacityConcurrencyTest {

    private static final int INSTITUTIONS = 64;
    private static final long D002_CAPACITY = 40_000;

    private final MutableClock clock = new MutableClock(NOW);
    private Configuration axon;
    private InMemoryEventStorageEngine storage;

    @BeforeAll
    static void quiet() {
        System.setProperty("disable-axoniq-console-message", "true");
    }

    @BeforeEach
    void start() {
        storage = new InMemoryEventStorageEngine();
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(ProcurementBatch.class)
                .configureAggregate(InstitutionAllocation.class)
                // snapshots every 10 events, so that later reservations load from a snapshot
                .configureAggregate(AggregateConfigurer.defaultConfiguration(ProductCapacity.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(), 10)))
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(CapacityLedger.class,
                        c -> new AxonCapacityLedger(() -> c.repository(ProductCapacity.class)))
                .buildConfiguration();
        axon.start();
        List<WinningProduct> catalogue = List.of(d001().maxCapacity(10_000_000).build(),
                d002().maxCapacity(D002_CAPACITY).build(), d004().build());
        List<CatalogueRow> rows = new ArrayList<>();
        for (int i = 0; i < catalogue.size(); i++) {
            rows.add(new CatalogueRow(i + 2, catalogue.get(i)));
        }
        send(new CreateProcurementBatch(BATCH, "2023年湖北中成药联盟带量采购", OPENS, CLOSES, null, null, "admin"));
        send(new ImportCatalogue(BATCH, rows, "admin"));
        List<DemandRow> demands = new ArrayList<>();
        for (int i = 0; i < INSTITUTIONS; i++) {
            boolean selected = i % 2 == 0;
            demands.add(new DemandRow(i + 2, institution(i), "机构" + i, "420102", G01,
                    selected ? DemandKind.SELECTED : DemandKind.PENDING, selected ? D002 : N001, "连花清瘟胶囊",
                    "某企业", Volume.of(selected ? 1000 : 600), selected ? null : DailyUsage.of("3")));
        }
        send(new ImportDemands(BATCH, demands, "admin"));
        for (int i = 1; i < INSTITUTIONS; i += 2) {
            send(new SaveAllocation(allocation(i), N001, List.of(entry(D001, 1200), entry(D002, 1200)), "user"));
        }
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private Object send(Object command) {
        return axon.commandGateway().sendAndWait(command);
    }

    private static String institution(int i) {
        return String.format("C%03d", i);
    }

    private static String allocation(int i) {
        return AllocationIds.of(BATCH, institution(i));
    }

    private List<? extends DomainEventMessage<?>> stored(String aggregateIdentifier) {
        return axon.eventStore().readEvents(aggregateIdentifier, 0).asStream().toList(); // all events, not from a snapshot
    }

    @Test
    @Timeout(60)
    void sixty_four_institutions_confirming_at_once_never_book_more_than_the_capacity() throws Exception {
        CountDownLatch ready = new CountDownLatch(INSTITUTIONS);
        CountDownLatch go = new CountDownLatch(1);
        Map<Integer, String> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(INSTITUTIONS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < INSTITUTIONS; i++) {
                int n = i;
                Object command = n % 2 == 0
                        ? new ConfirmSelectedLine(allocation(n), D002, "user")
                        : new ConfirmAllocation(allocation(n), N001, "user");
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        send(command);
                        outcomes.put(n, "CONFIRMED");
                    } catch (RuleViolation v) {
                        outcomes.put(n, v.code());
                    } catch (RuntimeException e) {
                        outcomes.put(n, e.toString());
                    }
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<?> f : futures) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // every request either succeeded or was refused for capacity, and both happened
        assertThat(outcomes).hasSize(INSTITUTIONS);
        assertThat(outcomes.values()).allMatch(o -> o.equals("CONFIRMED") || o.equals("CAPACITY_EXCEEDED"));
        assertThat(outcomes.values()).contains("CONFIRMED", "CAPACITY_EXCEEDED");
        assertThat(outcomes.entrySet()).as("an allocation refused after reserving on D001")
                .anyMatch(e -> e.getKey() % 2 == 1 && e.getValue().equals("CAPACITY_EXCEEDED"));

        // the capacity's own events: contiguous, never beyond the capacity, the total their sum
        List<? extends DomainEventMessage<?>> d002Events = stored(AllocationIds.capacityOf(BATCH, D002));
        for (int i = 0; i < d002Events.size(); i++) {
            assertThat(d002Events.get(i).getSequenceNumber()).isEqualTo(i);
        }
        long reservedD002 = reservedSum(d002Events);
        assertThat(d002Events).allMatch(m -> !(m.getPayload() instanceof CapacityReserved r)
                || r.reservedTotal().minUnits() <= D002_CAPACITY);
        assertThat(((CapacityReserved) d002Events.get(d002Events.size() - 1).getPayload()).reservedTotal().minUnits())
                .isEqualTo(reservedD002)
                .isLessThanOrEqualTo(D002_CAPACITY);

        // the institutions' events agree with the capacities', product by product
        long confirmedD001 = 0;
        long confirmedD002 = 0;
        int confirmations = 0;
        for (int i = 0; i < INSTITUTIONS; i++) {
            for (DomainEventMessage<?> m : stored(allocation(i))) {
                if (m.getPayload() instanceof SelectedLineConfirmed s) {
                    confirmedD002 += s.volume().minUnits();
                    confirmations++;
                } else if (m.getPayload() instanceof AllocationConfirmed a) {
                    confirmations++;
                    for (var e : a.entries()) {
                        if (e.drugCode().equals(D001)) {
                            confirmedD001 += e.contractVolume().minUnits();
                        } else if (e.drugCode().equals(D002)) {
                            confirmedD002 += e.contractVolume().minUnits();
                        }
                    }
                }
            }
        }
        assertThat(confirmations).isEqualTo(outcomes.values().stream().filter("CONFIRMED"::equals).count());
        assertThat(reservedD002).isEqualTo(confirmedD002);
        assertThat(reservedSum(stored(AllocationIds.capacityOf(BATCH, D001)))).isEqualTo(confirmedD001);

        // and a request was refused only because what was left could not hold it
        long smallestRefused = outcomes.entrySet().stream().filter(e -> e.getValue().equals("CAPACITY_EXCEEDED"))
                .mapToLong(e -> e.getKey() % 2 == 0 ? 1000 : 1200).min().orElseThrow();
        assertThat(D002_CAPACITY - reservedD002).isLessThan(smallestRefused);

        // the product was snapshotted along the way
        assertThat(storage.readSnapshot(AllocationIds.capacityOf(BATCH, D002))).isPresent();
    }

    private static long reservedSum(List<? extends DomainEventMessage<?>> events) {
        long sum = 0;
        for (DomainEventMessage<?> m : events) {
            if (m.getPayload() instanceof CapacityReserved r) {
                sum += r.volume().minUnits();
            } else if (m.getPayload() instanceof CapacityReleased r) {
                sum -= r.volume().minUnits();
            }
        }
        return sum;
    }
}
