package com.vbp.events.allocation;

import com.vbp.events.common.Volume;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The closed family of events of one winning product's capacity (最大产能) in one batch; the aggregate
 * identifier is {@link AllocationIds#capacityOf(String, String)}. {@code reservedTotal} is the absolute
 * total after the change, so a projection can write it idempotently.
 */
public sealed interface CapacityEvents {

    String batchCode();

    String drugCode();

    @Revision("1")
    record CapacityReserved(String batchCode, String drugCode, String institutionCode, String lineId,
                            Volume volume, Volume reservedTotal, Volume maxCapacity, Instant at)
            implements CapacityEvents {
    }

    @Revision("1")
    record CapacityReleased(String batchCode, String drugCode, String institutionCode, String lineId,
                            Volume volume, Volume reservedTotal, Volume maxCapacity, Instant at)
            implements CapacityEvents {
    }
}
