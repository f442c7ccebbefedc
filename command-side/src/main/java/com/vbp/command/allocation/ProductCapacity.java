package com.vbp.command.allocation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.CapacityEvents.CapacityReleased;
import com.vbp.events.allocation.CapacityEvents.CapacityReserved;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Volume;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The capacity (最大产能) of one winning product in one batch and what institutions' confirmed lines hold of it:
 * the single place that decides whether a reservation fits, so that no two institutions together book more than
 * the capacity however their requests interleave. It has no command handlers of its own: {@link AxonCapacityLedger}
 * loads it (or creates it, from the catalogue's figure) inside the unit of work of the institution's command, so
 * the reservations and the institution's confirmation are stored together or not at all.
 * <p>
 * One product can gather thousands of reservations: it is snapshotted every
 * {@value com.vbp.command.config.AllocationConfiguration#CAPACITY_SNAPSHOT_EVERY} events; its fields are what a
 * snapshot holds (Jackson reads them directly).
 */
@Aggregate(snapshotTriggerDefinition = "productCapacitySnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class ProductCapacity {

    @AggregateIdentifier
    private String capacityId;
    private String batchCode;
    private String drugCode;
    private long maxCapacity;
    private long reservedTotal;
    /** institution code → line id → reserved min units */
    private Map<String, Map<String, Long>> reservations = new HashMap<>();

    protected ProductCapacity() {
        // for Axon and for snapshots
    }

    /** A product nothing has been reserved on yet, with the capacity of the catalogue; records nothing by itself. */
    ProductCapacity(String batchCode, String drugCode, Volume maxCapacity) {
        this.capacityId = AllocationIds.capacityOf(batchCode, drugCode);
        this.batchCode = batchCode;
        this.drugCode = drugCode;
        this.maxCapacity = maxCapacity.minUnits();
    }

    /**
     * Reserves {@code volume} for one line of one institution, or refuses with {@code CAPACITY_EXCEEDED}.
     * A reservation that already exists with the same volume is kept as it is (nothing recorded); with another
     * volume it is refused ({@code ALREADY_RESERVED}): the institution's line must be withdrawn first.
     *
     * @return the capacity left for this line: the capacity minus what every other line holds
     */
    public Volume reserve(String institutionCode, String lineId, Volume volume, Instant at) {
        if (volume == null || !volume.positive()) {
            throw new IllegalArgumentException("a reservation is a positive volume");
        }
        Long existing = reservations.getOrDefault(institutionCode, Map.of()).get(lineId);
        if (existing != null) {
            if (existing == volume.minUnits()) {
                return remainingFor(institutionCode, lineId);
            }
            throw new RuleViolation(RefusalCode.ALREADY_RESERVED, "Line " + lineId + " of " + institutionCode
                    + " already holds " + existing + " of " + drugCode, Map.of("drugCode", drugCode,
                    "institutionCode", institutionCode, "lineId", lineId, "reserved", existing,
                    "requested", volume.minUnits()));
        }
        long remaining = maxCapacity - reservedTotal;
        if (volume.minUnits() > remaining) {
            throw new RuleViolation(RefusalCode.CAPACITY_EXCEEDED, "Rule 3: " + volume + " exceeds the capacity of "
                    + drugCode + " left (" + remaining + " of " + maxCapacity + ")", Map.of("rule", 3,
                    "drugCode", drugCode,
                    "maxCapacity", maxCapacity, "reserved", reservedTotal, "requested", volume.minUnits(),
                    "remaining", remaining));
        }
        apply(new CapacityReserved(batchCode, drugCode, institutionCode, lineId, volume,
                Volume.of(reservedTotal + volume.minUnits()), Volume.of(maxCapacity), at));
        return Volume.of(remaining);
    }

    /**
     * Releases what one line of one institution holds. Releasing a line that holds nothing records nothing: a
     * release that arrives twice has the effect of one.
     */
    public void release(String institutionCode, String lineId, Instant at) {
        Long existing = reservations.getOrDefault(institutionCode, Map.of()).get(lineId);
        if (existing == null) {
            return;
        }
        apply(new CapacityReleased(batchCode, drugCode, institutionCode, lineId, Volume.of(existing),
                Volume.of(reservedTotal - existing), Volume.of(maxCapacity), at));
    }

    /** The capacity left for a line: the capacity minus what every other line holds. */
    public Volume remainingFor(String institutionCode, String lineId) {
        long own = reservations.getOrDefault(institutionCode, Map.of()).getOrDefault(lineId, 0L);
        return Volume.of(maxCapacity - reservedTotal + own);
    }

    public Volume reservedTotal() {
        return Volume.of(reservedTotal);
    }

    public Volume maxCapacity() {
        return Volume.of(maxCapacity);
    }

    @EventSourcingHandler
    void on(CapacityReserved event) {
        capacityId = AllocationIds.capacityOf(event.batchCode(), event.drugCode());
        batchCode = event.batchCode();
        drugCode = event.drugCode();
        maxCapacity = event.maxCapacity().minUnits();
        reservedTotal = event.reservedTotal().minUnits();
        reservations.computeIfAbsent(event.institutionCode(), k -> new HashMap<>())
                .put(event.lineId(), event.volume().minUnits());
    }

    @EventSourcingHandler
    void on(CapacityReleased event) {
        reservedTotal = event.reservedTotal().minUnits();
        Map<String, Long> lines = reservations.get(event.institutionCode());
        if (lines != null) {
            lines.remove(event.lineId());
            if (lines.isEmpty()) {
                reservations.remove(event.institutionCode());
            }
        }
    }
}
