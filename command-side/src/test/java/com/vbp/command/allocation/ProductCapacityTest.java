package com.vbp.command.allocation;

import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.common.Volume;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.vbp.command.common.RefusalMatchers.refused;
import static com.vbp.command.allocation.AllocationTestData.BATCH;
import static com.vbp.command.allocation.AllocationTestData.D001;
import static com.vbp.command.allocation.AllocationTestData.N001;
import static com.vbp.command.allocation.AllocationTestData.NOW;
import static com.vbp.command.common.RefusalMatchers.violation;
import static org.assertj.core.api.Assertions.assertThat;

/** Given/when/then tests of {@link ProductCapacity}: reservations fit the capacity or are refused. */
class ProductCapacityTest {

    private static final String ID = AllocationIds.capacityOf(BATCH, D001);
    private static final Volume MAX = Volume.of(10_000);

    private FixtureConfiguration<ProductCapacity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProductCapacity.class);
    }

    private static CapacityReserved reserved(String institution, String line, long volume, long total) {
        return new CapacityReserved(BATCH, D001, institution, line, Volume.of(volume), Volume.of(total), MAX, NOW);
    }

    private static CapacityReleased released(String institution, String line, long volume, long total) {
        return new CapacityReleased(BATCH, D001, institution, line, Volume.of(volume), Volume.of(total), MAX, NOW);
    }

    @Nested
    class Reserving {

        @Test
        void the_first_reservation_on_a_product_records_its_capacity_and_the_total() {
            fixture.givenNoPriorActivity()
                    .whenConstructing(() -> {
                        ProductCapacity c = new ProductCapacity(BATCH, D001, MAX);
                        c.reserve("H001", D001, Volume.of(4_000), NOW);
                        return c;
                    })
                    .expectEvents(reserved("H001", D001, 4_000, 4_000))
                    .expectState(c -> assertThat(c.remainingFor("H002", N001)).isEqualTo(Volume.of(6_000)));
        }

        @Test
        void a_reservation_that_fills_the_capacity_exactly_is_accepted() {
            fixture.given(reserved("H001", D001, 4_000, 4_000))
                    .whenInvoking(ID, c -> c.reserve("H002", N001, Volume.of(6_000), NOW))
                    .expectEvents(reserved("H002", N001, 6_000, 10_000));
        }

        @Test
        void a_reservation_one_unit_beyond_the_capacity_is_refused_with_the_figures() {
            fixture.given(reserved("H001", D001, 4_000, 4_000))
                    .whenInvoking(ID, c -> c.reserve("H002", N001, Volume.of(6_001), NOW))
                    .expectNoEvents()
                    .expectException(violation("CAPACITY_EXCEEDED"))
                    .expectException(refused("CAPACITY_EXCEEDED", Map.of("maxCapacity", 10_000, "reserved", 4_000,
                            "requested", 6_001, "remaining", 6_000)));
        }

        @Test
        void a_released_reservation_frees_its_capacity_for_others() {
            fixture.given(reserved("H001", D001, 4_000, 4_000), reserved("H002", N001, 6_000, 10_000),
                            released("H001", D001, 4_000, 6_000))
                    .whenInvoking(ID, c -> c.reserve("H003", N001, Volume.of(4_000), NOW))
                    .expectEvents(reserved("H003", N001, 4_000, 10_000));
        }

        @Test
        void the_same_reservation_again_records_nothing_and_another_volume_for_the_line_is_refused() {
            fixture.given(reserved("H001", D001, 4_000, 4_000))
                    .whenInvoking(ID, c -> c.reserve("H001", D001, Volume.of(4_000), NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(reserved("H001", D001, 4_000, 4_000))
                    .whenInvoking(ID, c -> c.reserve("H001", D001, Volume.of(4_001), NOW))
                    .expectException(violation("ALREADY_RESERVED"));
        }
    }

    @Nested
    class Releasing {

        @Test
        void releasing_a_line_records_what_it_held_and_the_new_total() {
            fixture.given(reserved("H001", D001, 4_000, 4_000), reserved("H002", N001, 1_000, 5_000))
                    .whenInvoking(ID, c -> c.release("H001", D001, NOW))
                    .expectEvents(released("H001", D001, 4_000, 1_000))
                    .expectState(c -> assertThat(c.reservedTotal()).isEqualTo(Volume.of(1_000)));
        }

        @Test
        void releasing_a_line_that_holds_nothing_records_nothing() {
            fixture.given(reserved("H001", D001, 4_000, 4_000), released("H001", D001, 4_000, 0))
                    .whenInvoking(ID, c -> c.release("H001", D001, NOW))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Test
    void a_snapshot_written_with_jackson_restores_every_reservation() {
        ProductCapacity original = new ProductCapacity(BATCH, D001, MAX);
        original.on(reserved("H001", D001, 4_000, 4_000));
        original.on(reserved("H002", N001, 1_500, 5_500));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

        SerializedObject<String> snapshot = serializer.serialize(original, String.class);
        ProductCapacity restored = serializer.deserialize(snapshot);

        assertThat(restored.reservedTotal()).isEqualTo(Volume.of(5_500));
        assertThat(restored.maxCapacity()).isEqualTo(MAX);
        assertThat(restored.remainingFor("H001", D001)).isEqualTo(Volume.of(8_500));
        assertThat(restored.remainingFor("H002", N001)).isEqualTo(Volume.of(6_000));
        assertThat(restored.remainingFor("H003", N001)).isEqualTo(Volume.of(4_500));
    }
}
