package com.vbp.events.common;

import java.util.List;
import java.util.function.Function;

/**
 * What every page of a list has: {@code items}, {@code page} (from 0), {@code size} and {@code total} (over every
 * page). A query's answer on the bus stays a concrete record per item type (e.g. {@code AppealPage}), because Axon
 * answers a query by the class it is asked for and its Jackson serializer must know the item type to read the
 * items back; those records implement this so a page of them maps to a {@link Page} of other items in one call.
 */
public interface Paged<T> {

    List<T> items();

    int page();

    int size();

    long total();

    /** The same page with each item mapped (an API view of it, for instance). */
    default <R> Page<R> map(Function<? super T, ? extends R> view) {
        return new Page<>(items().stream().<R>map(view).toList(), page(), size(), total());
    }
}
