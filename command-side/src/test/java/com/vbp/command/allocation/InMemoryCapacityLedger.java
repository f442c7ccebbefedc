package com.vbp.command.allocation;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A capacity ledger for aggregate fixtures: capacities as the catalogue gives them unless a test lowers them,
 * and a log of every reservation and release in the order they were made.
 */
final class InMemoryCapacityLedger implements CapacityLedger {

    private final Map<String, Long> capacities = new HashMap<>();
    private final Map<String, Map<String, Long>> reservations = new HashMap<>();
    final List<String> log = new ArrayList<>();

    /** Sets a product's capacity, overriding the catalogue's. */
    InMemoryCapacityLedger capacity(String drugCode, long maxCapacity) {
        capacities.put(drugCode, maxCapacity);
        return this;
    }

    /** What other institutions already hold of a product. */
    InMemoryCapacityLedger held(String drugCode, String institution, String lineId, long volume) {
        reservations.computeIfAbsent(drugCode, k -> new HashMap<>()).put(institution + "/" + lineId, volume);
        return this;
    }

    long reserved(String drugCode) {
        return reservations.getOrDefault(drugCode, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    private long max(WinningProduct product) {
        return capacities.getOrDefault(product.drugCode(), product.maxCapacity().minUnits());
    }

    @Override
    public Volume remaining(String batchCode, WinningProduct product, String institutionCode, String lineId) {
        long own = reservations.getOrDefault(product.drugCode(), Map.of())
                .getOrDefault(institutionCode + "/" + lineId, 0L);
        return Volume.of(max(product) - reserved(product.drugCode()) + own);
    }

    @Override
    public Volume reserve(String batchCode, WinningProduct product, String institutionCode, String lineId,
                          Volume volume, Instant at) {
        Volume remaining = remaining(batchCode, product, institutionCode, lineId);
        if (volume.compareTo(remaining) > 0) {
            throw new RuleViolation(RefusalCode.CAPACITY_EXCEEDED, "exceeded", Map.of("drugCode", product.drugCode(),
                    "maxCapacity", max(product), "reserved", reserved(product.drugCode()),
                    "requested", volume.minUnits(), "remaining", remaining.minUnits()));
        }
        reservations.computeIfAbsent(product.drugCode(), k -> new HashMap<>())
                .put(institutionCode + "/" + lineId, volume.minUnits());
        log.add("reserve " + product.drugCode() + " " + lineId + " " + volume);
        return remaining;
    }

    @Override
    public void release(String batchCode, WinningProduct product, String institutionCode, String lineId,
                        Instant at) {
        Long held = reservations.getOrDefault(product.drugCode(), new HashMap<>()).remove(institutionCode + "/" + lineId);
        if (held != null) {
            log.add("release " + product.drugCode() + " " + lineId + " " + held);
        }
    }
}
