package com.vbp.events.common;

import java.util.List;

/**
 * A page of any items: the one {@code {items, page, size, total}} shape of API.md's paged lists, for the gateway's
 * answers and the query side's paged reads. Not sent on the query bus as such (see {@link Paged}).
 */
public record Page<T>(List<T> items, int page, int size, long total) implements Paged<T> {
}
