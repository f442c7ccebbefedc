package com.vbp.service;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import java.time.Duration;

/** Fail fast (see {@link AxonServerCheck}) for the processes that open MongoDB: the query side and the gateway. */
public final class MongoCheck {

    private final Duration within;

    /** {@code within} is {@code app.startup.connect-timeout}: zero skips the check (tests of the wiring alone). */
    public MongoCheck(Duration within) {
        this.within = within;
    }

    /**
     * Pings MongoDB; the driver itself waits its server-selection timeout (30 s unless the URI's
     * {@code serverSelectionTimeoutMS} says otherwise). The message names the hosts, never the credentials.
     */
    public void reachable(MongoDatabase database, String uri) {
        if (within.isZero()) {
            return;
        }
        String where = new ConnectionString(uri).getHosts() + "/" + database.getName();
        try {
            database.runCommand(new Document("ping", 1));
        } catch (RuntimeException e) {
            throw new Unreachable("MongoDB cannot be reached at " + where + ": start MongoDB, or set APP_MONGODB_URI "
                    + "(" + e.getClass().getSimpleName() + ")", e);
        }
    }

}
