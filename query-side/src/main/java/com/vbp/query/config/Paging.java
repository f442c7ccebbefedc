package com.vbp.query.config;

import com.mongodb.client.MongoCollection;
import com.vbp.events.common.Page;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Page bounds shared by every list and a paged find. Clients are held to API.md's 500 rows a page by
 * the gateway; larger pages are for the gateway's own exports, which stream a list page by page.
 */
public final class Paging {

    public static final int MAX_SIZE = 10_000;

    private Paging() {
    }

    public static int size(int requested) {
        return requested <= 0 ? 20 : Math.min(requested, MAX_SIZE);
    }

    public static int page(int requested) {
        return Math.max(0, requested);
    }

    /** The items of one page of a list already read and ordered in memory (empty past its end). */
    public static <T> List<T> slice(List<T> all, int page, int size) {
        long from = (long) page * size;
        int start = (int) Math.min(from, all.size());
        int end = (int) Math.min(from + size, all.size());
        return List.copyOf(all.subList(start, end));
    }

    /** One page of the documents matching a filter, in a given order, with the total count. */
    public static <T> Page<T> find(MongoCollection<Document> collection, Bson filter, Bson sort, int page, int size,
                                   Function<Document, T> view) {
        return find(collection, filter, null, sort, page, size, view);
    }

    /** The same, reading only the fields of {@code projection} (null: every field). */
    public static <T> Page<T> find(MongoCollection<Document> collection, Bson filter, Bson projection, Bson sort,
                                   int page, int size, Function<Document, T> view) {
        int p = page(page);
        int s = size(size);
        List<T> items = new ArrayList<>();
        collection.find(filter).projection(projection).sort(sort).skip(p * s).limit(s)
                .forEach(d -> items.add(view.apply(d)));
        return new Page<>(items, p, s, collection.countDocuments(filter));
    }
}
