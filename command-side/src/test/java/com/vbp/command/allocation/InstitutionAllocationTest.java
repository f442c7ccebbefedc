package com.vbp.command.allocation;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RuleViolation;
import com.vbp.command.procurement.ProcurementBatch;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;

/**
 * The allocation aggregate that a demand import spawns. The batch's fixture records spawned events only
 * as plain event messages, so the aggregate type, identifier ({@code <batch>/<institution>}) and sequence
 * are checked here: with this aggregate's own fixture, and end to end on an in-memory Axon configuration
 * whose event-sourcing repositories are the real ones.
 */
class InstitutionAllocationTest {

    private static final String BATCH = "HB2023-ZCY";
    private static final Instant NOW = Instant.parse("2024-03-10T09:00:00Z");

    private static final SelectedLine SELECTED = new SelectedLine("ZA01AAL0001", "G01", "ZA01AAL0001",
            "连花清瘟胶囊", "石家庄以岭药业股份有限公司", Volume.of(1000));
    private static final PendingLine PENDING = new PendingLine("ZA01AAL0901", "G01", "ZA01AAL0901", "某中成药",
            "某未中选企业", Volume.of(600), DailyUsage.of("3"));

    private static final com.vbp.events.allocation.AllocationTerms TERMS = new com.vbp.events.allocation.AllocationTerms(
            NOW.minusSeconds(86_400), NOW.plusSeconds(86_400), null, null);

    @Nested
    class Registration {

        private FixtureConfiguration<InstitutionAllocation> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(InstitutionAllocation.class);
        }

        @Test
        void registering_an_institution_records_its_lines_as_the_first_event_of_batch_slash_institution() {
            fixture.givenNoPriorActivity()
                    .whenConstructing(() -> new InstitutionAllocation(BATCH, "H001", "武汉市第一医院", "420102",
                            List.of(SELECTED), List.of(PENDING), TERMS, List.of(), NOW))
                    .expectEvents(new InstitutionDemandRegistered(BATCH, "H001", "武汉市第一医院", "420102",
                            List.of(SELECTED), List.of(PENDING), TERMS, List.of(), NOW))
                    .expectEventsMatching(exactSequenceOf(
                            matches((EventMessage<?> m) -> m instanceof DomainEventMessage<?> d
                                    && "InstitutionAllocation".equals(d.getType())
                                    && (BATCH + "/H001").equals(d.getAggregateIdentifier())
                                    && d.getSequenceNumber() == 0),
                            andNoMore()));
        }
    }

    /** Commands sent through a real (in-memory) Axon configuration, events read back from its store. */
    @Nested
    class SpawnedByADemandImport {

        private final MutableClock clock = new MutableClock(NOW);
        private Configuration axon;

        @BeforeAll
        static void quiet() {
            System.setProperty("disable-axoniq-console-message", "true");
        }

        @BeforeEach
        void start() {
            axon = DefaultConfigurer.defaultConfiguration(false)
                    .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                    .configureAggregate(ProcurementBatch.class)
                    .configureAggregate(InstitutionAllocation.class)
                    .registerComponent(Clock.class, c -> clock)
                    .buildConfiguration();
            axon.start();
            axon.commandGateway().sendAndWait(new CreateProcurementBatch(BATCH, "2023年湖北中成药联盟带量采购",
                    Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"), null, null,
                    "admin"));
            WinningProduct d001 = new WinningProduct("G01", "连花清瘟组", "ZA01AAL0001", "连花清瘟胶囊", "胶囊剂",
                    "0.35g", "石家庄以岭药业股份有限公司", Money.of("12.5000"), 24, "粒", DailyUsage.of("12"),
                    Percentage.of("35.5"), Volume.of(1_000_000));
            axon.commandGateway().sendAndWait(new ImportCatalogue(BATCH, List.of(new CatalogueRow(2, d001)),
                    "admin"));
        }

        @AfterEach
        void stop() {
            axon.shutdown();
        }

        private List<? extends DomainEventMessage<?>> stored(String aggregateIdentifier) {
            return axon.eventStore().readEvents(aggregateIdentifier).asStream().toList();
        }

        private static DemandRow row(int row, String institution, DemandKind kind, String drug, long volume,
                                     String dailyUsage) {
            return new DemandRow(row, institution, "机构" + institution, "420102", "G01", kind, drug, "连花清瘟胶囊",
                    "石家庄以岭药业股份有限公司", Volume.of(volume),
                    dailyUsage == null ? null : DailyUsage.of(dailyUsage));
        }

        @Test
        void each_institution_of_an_accepted_file_gets_its_own_event_sourced_allocation() {
            axon.commandGateway().sendAndWait(new ImportDemands(BATCH, List.of(
                    row(2, "H001", DemandKind.SELECTED, "ZA01AAL0001", 1000, null),
                    row(3, "H002", DemandKind.PENDING, "ZA01AAL0901", 600, "3")), "admin"));

            assertThat(stored(BATCH)).last()
                    .satisfies(m -> assertThat(m.getPayload()).isInstanceOf(DemandsImported.class));
            for (String institution : List.of("H001", "H002")) {
                List<? extends DomainEventMessage<?>> events = stored(AllocationIds.of(BATCH, institution));
                assertThat(events).hasSize(1);
                DomainEventMessage<?> event = events.get(0);
                assertThat(event.getType()).isEqualTo("InstitutionAllocation");
                assertThat(event.getSequenceNumber()).isZero();
                assertThat(event.getPayload()).isInstanceOfSatisfying(InstitutionDemandRegistered.class,
                        r -> assertThat(r.institutionCode()).isEqualTo(institution));
            }
        }

        @Test
        void a_refused_file_stores_no_event_for_any_institution() {
            assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new ImportDemands(BATCH, List.of(
                    row(2, "H001", DemandKind.SELECTED, "ZA01AAL0001", 1000, null),
                    row(3, "H002", DemandKind.PENDING, "ZA01AAL0901", 0, "3")), "admin")))
                    .isInstanceOf(RuleViolation.class);

            assertThat(stored(BATCH)).noneMatch(m -> m.getPayload() instanceof DemandsImported);
            assertThat(stored(AllocationIds.of(BATCH, "H001"))).isEmpty();
            assertThat(stored(AllocationIds.of(BATCH, "H002"))).isEmpty();
        }
    }
}
