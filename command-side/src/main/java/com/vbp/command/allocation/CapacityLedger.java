package com.vbp.command.allocation;

import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;

import java.time.Instant;

/**
 * How an institution's allocation books volumes on winning products' capacities. Calls are made from within the
 * institution's command handler and belong to its unit of work: a refusal anywhere rolls every reservation of that
 * command back. Callers reserve and release products in drug-code order, so that two commands never wait for each
 * other's products in opposite orders.
 */
public interface CapacityLedger {

    /** What other lines leave of the product's capacity for this line (its own reservation counts as free). */
    Volume remaining(String batchCode, WinningProduct product, String institutionCode, String lineId);

    /**
     * Reserves the volume for the line, or throws a {@code RuleViolation} {@code CAPACITY_EXCEEDED}.
     *
     * @return the capacity that was left for the line before this reservation
     */
    Volume reserve(String batchCode, WinningProduct product, String institutionCode, String lineId, Volume volume,
                   Instant at);

    /** Releases what the line holds of the product; nothing happens when it holds nothing. */
    void release(String batchCode, WinningProduct product, String institutionCode, String lineId, Instant at);
}
