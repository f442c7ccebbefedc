package com.vbp.events.allocation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The batch's terms an institution allocates under: the allocation window and the optional
 * minimum shares (fractions of P) of the lowest-daily-cost and highest-reduction winners.
 */
public record AllocationTerms(Instant allocationOpensAt, Instant allocationClosesAt,
                              BigDecimal minShareLowestDailyCost, BigDecimal minShareHighestReduction) {
}
