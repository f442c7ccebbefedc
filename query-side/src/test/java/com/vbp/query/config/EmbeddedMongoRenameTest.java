package com.vbp.query.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.vbp.query.config.ReadModelConfiguration.ReadStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collection renamed over another on the embedded store (a replay's switch) keeps its documents findable by
 * {@code _id}: after a new collection of its old name is written, and after the store is closed and opened again.
 */
class EmbeddedMongoRenameTest {

    @TempDir
    Path dataDir;

    @Test
    void a_collection_renamed_over_another_keeps_its_id_index_through_a_new_namesake_and_a_restart() {
        try (ReadStore store = open()) {
            MongoDatabase db = store.database();
            db.getCollection("list").insertMany(List.of(doc("A", 1), doc("B", 1)));
            db.getCollection("list__replay").insertMany(List.of(doc("A", 2), doc("C", 2)));

            store.renameCollection("list__replay", "list");
            MongoCollection<Document> next = db.getCollection("list__replay");
            next.insertMany(List.of(doc("A", 3), doc("D", 3)));
            next.replaceOne(eq("_id", "C"), doc("C", 3), new com.mongodb.client.model.ReplaceOptions().upsert(true));

            assertThat(ids(db.getCollection("list"))).containsExactly("A", "C");
            assertThat(db.getCollection("list").find(eq("_id", "A")).first().getInteger("v")).isEqualTo(2);
            assertThat(db.getCollection("list").find(eq("_id", "C")).first().getInteger("v")).isEqualTo(2);
            assertThat(db.getCollection("list").find(eq("_id", "B")).first()).isNull();
            assertThat(ids(next)).containsExactly("A", "C", "D");
            next.drop();
            db.getCollection("list").insertOne(doc("E", 2)); // the live processor goes on after the switch
        }
        try (ReadStore store = open()) {
            MongoCollection<Document> list = store.database().getCollection("list");
            assertThat(ids(list)).containsExactly("A", "C", "E");
            assertThat(store.database().listCollectionNames().into(new ArrayList<>())).doesNotContain("list__replay");
            assertThat(list.find(eq("_id", "C")).first().getInteger("v")).as("found by _id after a restart")
                    .isEqualTo(2);
            list.replaceOne(eq("_id", "A"), doc("A", 4));
            assertThat(list.find(eq("_id", "A")).first().getInteger("v")).isEqualTo(4);
            assertThat(list.countDocuments()).isEqualTo(3);
        }
    }

    private ReadStore open() {
        EmbeddedMongo embedded = new EmbeddedMongo(dataDir);
        MongoClient client = MongoClients.create(embedded.connectionString());
        return new ReadStore(client, client.getDatabase("vbp"), embedded);
    }

    private static Document doc(String id, int v) {
        return new Document("_id", id).append("v", v);
    }

    private static List<String> ids(MongoCollection<Document> c) {
        List<String> ids = new ArrayList<>();
        c.find().sort(new Document("_id", 1)).forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }
}
