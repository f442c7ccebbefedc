package com.vbp.events.allocation;

import java.math.BigDecimal;

/**
 * The open interval (lower, upper) that the contract volume of {@code drugCode} must fall in under
 * contract-volume rule 1 (one entry) or rule 2 (several entries: the entry with the largest package
 * quantity absorbs the remainder R). {@code remainder} is P for rule 1 and R for rule 2.
 */
public record ContractBounds(int rule, String drugCode, BigDecimal remainder, BigDecimal lower, BigDecimal upper) {
}
