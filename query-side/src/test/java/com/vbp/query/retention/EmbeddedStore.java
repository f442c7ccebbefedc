package com.vbp.query.retention;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.query.config.EmbeddedMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A fresh embedded MongoDB-wire store (H2 backend, the production one) for every test, through the real driver. */
abstract class EmbeddedStore {

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    MongoDatabase db;

    @BeforeEach
    void openStore() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        db = client.getDatabase("vbp");
        openProjections();
    }

    /** Builds the projections under test on {@link #db}. */
    abstract void openProjections();

    @AfterEach
    void closeStore() {
        client.close();
        embedded.close();
    }
}
