package com.vbp.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

/**
 * The chain as the integrity-chain projection keeps it: one document per event in {@code integrity_chain}
 * ({@code _id} = the event's position; its link, the position of the event before it in the chain, its
 * ordinal, and the event's identifier, payload type and aggregate for the auditor), and the last link again in
 * {@code integrity_chain_head} ({@code _id = "head"}). Reads are {@code _id} lookups, which the embedded store
 * serves from its one index.
 */
final class IntegrityChainLinks {

    /** One link: {@code previous} is -1 and {@code ordinal} 0 for the first event. */
    record Link(long position, long previous, long ordinal, String hash, String eventId, String type,
                String aggregateId) {
    }

    /**
     * The last link and the holes below it: positions the tracking processor still waited for (its token's
     * gaps) when the chain went past them, because they were not committed yet. A hole is filled in its place
     * once the event arrives, or dropped once the processor gives up on it.
     */
    record Head(Link link, List<Long> holes) {

        Head {
            holes = List.copyOf(holes);
        }

        long position() {
            return link.position();
        }
    }

    /** The chain before its first event. */
    static final Link NONE = new Link(-1, -1, -1, IntegrityChainHash.hex(IntegrityChainHash.GENESIS), null, null,
            null);

    private static final String HEAD = "head";

    private final MongoCollection<Document> links;
    private final MongoCollection<Document> head;

    IntegrityChainLinks(MongoDatabase db) {
        this.links = db.getCollection("integrity_chain");
        this.head = db.getCollection("integrity_chain_head");
    }

    /** The last link (or {@link #NONE}) and the holes below it. */
    Head head() {
        Document d = head.find(eq("_id", HEAD)).first();
        return d == null ? new Head(NONE, List.of()) : new Head(new Link(d.getLong("position"), d.getLong("previous"),
                d.getLong("ordinal"), d.getString("hash"), d.getString("eventId"), d.getString("type"),
                d.getString("aggregateId")), d.getList("holes", Long.class, List.of()));
    }

    Link at(long position) {
        return link(links.find(eq("_id", position)).first());
    }

    Map<Long, Link> at(Collection<Long> positions) {
        Map<Long, Link> found = new HashMap<>();
        links.find(in("_id", positions)).forEach(d -> found.put(d.getLong("_id"), link(d)));
        return found;
    }

    /** The link of the nearest event before {@code position}, or {@link #NONE}. A scan on the embedded store: rare. */
    Link before(long position) {
        Link l = link(links.find(lt("_id", position)).sort(Sorts.descending("_id")).limit(1).first());
        return l == null ? NONE : l;
    }

    /** The link of the nearest event after {@code position}, or null. A scan on the embedded store: rare. */
    Link after(long position) {
        return link(links.find(gt("_id", position)).sort(Sorts.ascending("_id")).limit(1).first());
    }

    void save(Link l) {
        links.replaceOne(eq("_id", l.position()), document(l, l.position()), new ReplaceOptions().upsert(true));
    }

    void saveHead(Link l, Collection<Long> holes) {
        head.replaceOne(eq("_id", HEAD), document(l, HEAD).append("position", l.position())
                .append("holes", List.copyOf(holes)), new ReplaceOptions().upsert(true));
    }

    void clear() {
        links.deleteMany(new Document());
        head.deleteMany(new Document());
    }

    private static Document document(Link l, Object id) {
        return new Document("_id", id).append("hash", l.hash()).append("previous", l.previous())
                .append("ordinal", l.ordinal()).append("eventId", l.eventId()).append("type", l.type())
                .append("aggregateId", l.aggregateId());
    }

    private static Link link(Document d) {
        return d == null ? null : new Link(d.getLong("_id"), d.getLong("previous"), d.getLong("ordinal"),
                d.getString("hash"), d.getString("eventId"), d.getString("type"), d.getString("aggregateId"));
    }
}
