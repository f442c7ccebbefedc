package com.vbp.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.gateway.support.Http;
import com.vbp.query.config.EmbeddedMongo;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every document of every read-model collection of a stopped standalone instance, read from its MVStore file with
 * the application's own {@link EmbeddedMongo}: by {@code database.collection}, each sorted by {@code _id}, as
 * JSON trees (field order does not count: documents built in another order of writes are the same read model).
 */
final class ReadModelDump {

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
            .build();

    private ReadModelDump() {
    }

    /**
     * {@code excluded}: collections not dumped; {@code ignored}: fields, by collection, removed from its documents
     * before they are compared.
     */
    static Map<String, List<JsonNode>> of(Path dataDir, Set<String> excluded, Map<String, Set<String>> ignored) {
        Map<String, List<JsonNode>> dump = new TreeMap<>();
        try (EmbeddedMongo store = new EmbeddedMongo(dataDir);
             MongoClient client = MongoClients.create(store.connectionString())) {
            for (String database : client.listDatabaseNames()) {
                MongoDatabase db = client.getDatabase(database);
                for (String collection : db.listCollectionNames()) {
                    if (excluded.contains(collection)) {
                        continue;
                    }
                    List<JsonNode> docs = new ArrayList<>();
                    for (Document d : db.getCollection(collection).find()) {
                        ignored.getOrDefault(collection, Set.of()).forEach(d::remove);
                        docs.add(Http.readJson(d.toJson(RELAXED)));
                    }
                    docs.sort(Comparator.comparing(d -> d.path("_id").toString()));
                    dump.put(database + "." + collection, docs);
                }
            }
        }
        return dump;
    }

    /** The differences of two dumps, at most a few per collection, empty when they are equal. */
    static List<String> differences(Map<String, List<JsonNode>> live, Map<String, List<JsonNode>> replayed) {
        List<String> found = new ArrayList<>();
        Set<String> names = new java.util.TreeSet<>(live.keySet());
        names.addAll(replayed.keySet());
        for (String name : names) {
            List<JsonNode> a = live.getOrDefault(name, List.of());
            List<JsonNode> b = replayed.getOrDefault(name, List.of());
            if (a.equals(b)) {
                continue;
            }
            Map<String, JsonNode> byIdA = byId(a);
            Map<String, JsonNode> byIdB = byId(b);
            Set<String> ids = new java.util.TreeSet<>(byIdA.keySet());
            ids.addAll(byIdB.keySet());
            int shown = 0;
            for (String id : ids) {
                JsonNode x = byIdA.get(id);
                JsonNode y = byIdB.get(id);
                if (x == null || !x.equals(y)) {
                    found.add(name + " " + id + "\n  live:     " + x + "\n  replayed: " + y);
                    if (++shown == 3) {
                        found.add(name + ": … (" + a.size() + " live documents, " + b.size() + " replayed)");
                        break;
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, JsonNode> byId(List<JsonNode> docs) {
        Map<String, JsonNode> m = new TreeMap<>();
        docs.forEach(d -> m.put(d.path("_id").toString(), d));
        return m;
    }
}
