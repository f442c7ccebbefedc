package com.vbp.gateway.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.vbp.query.config.EmbeddedMongo;
import org.bson.Document;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What the application's two stores can do at most on this machine, measured beside it in the same run on fresh
 * directories: the figures the application's own are divided by.
 */
final class RawLimits {

    /** Rows per commit when the read table is filled, and rows per query when it is read (Axon reads in pages). */
    private static final int BATCH = 1_000;

    private RawLimits() {
    }

    /**
     * Durable single-row commits per second into a table shaped like Axon's {@code DomainEventEntry}
     * (axon-h2-schema.sql), on the event store's URL settings, each row carrying {@code payloadBytes} of payload
     * and {@code metaDataBytes} of metadata, for {@code seconds}.
     */
    static double h2Append(Path dir, int payloadBytes, int metaDataBytes, double seconds) throws Exception {
        try (Connection c = h2(dir.resolve("append"))) {
            c.setAutoCommit(true);
            long n = 0;
            try (PreparedStatement insert = insert(c)) {
                Row row = new Row(payloadBytes, metaDataBytes);
                long t = System.nanoTime();
                long end = t + (long) (seconds * 1e9);
                long now;
                do {
                    row.bind(insert, n++);
                    insert.executeUpdate();
                    now = System.nanoTime();
                } while (now < end);
                return n / ((now - t) / 1e9);
            }
        }
    }

    /**
     * Rows per second read in global order, page by page as a tracking processor reads, over {@code rows} rows
     * of that table (filled in commits of {@value #BATCH}); the best of two passes, the first also warming up.
     */
    static double h2SequentialRead(Path dir, int rows, int payloadBytes, int metaDataBytes) throws Exception {
        try (Connection c = h2(dir.resolve("read"))) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = insert(c)) {
                Row row = new Row(payloadBytes, metaDataBytes);
                for (int i = 0; i < rows; i++) {
                    row.bind(insert, i);
                    insert.addBatch();
                    if ((i + 1) % BATCH == 0 || i == rows - 1) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
            }
            double best = 0;
            for (int pass = 0; pass < 2; pass++) {
                long t = System.nanoTime();
                long read = readAll(c);
                if (read != rows) {
                    throw new IllegalStateException("read " + read + " rows of " + rows);
                }
                best = Math.max(best, rows / ((System.nanoTime() - t) / 1e9));
            }
            return best;
        }
    }

    private static long readAll(Connection c) throws SQLException {
        long last = -1;
        long read = 0;
        long bytes = 0;
        try (PreparedStatement page = c.prepareStatement("SELECT globalIndex, type, aggregateIdentifier, "
                + "sequenceNumber, eventIdentifier, timeStamp, payloadType, payloadRevision, payload, metaData "
                + "FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex ASC LIMIT " + BATCH)) {
            while (true) {
                page.setLong(1, last);
                int inPage = 0;
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        last = rs.getLong(1);
                        bytes += rs.getString(5).length() + rs.getBytes(9).length + rs.getBytes(10).length;
                        inPage++;
                    }
                }
                read += inPage;
                if (inPage == 0) {
                    // the bytes are summed so that nothing read can be optimised away
                    return bytes > 0 ? read : 0;
                }
            }
        }
    }

    /** Per second: replaceOne upserts of ~5 kB and of ~300 B documents, one round trip each; finds by {@code _id}. */
    record MongoFigures(double bigUpserts, double smallUpserts, double finds) {
    }

    /** The embedded read-model store of the application ({@link EmbeddedMongo}), through the MongoDB driver. */
    static MongoFigures embeddedStore(Path dir, double seconds) {
        try (EmbeddedMongo embedded = new EmbeddedMongo(dir);
             MongoClient client = MongoClients.create(embedded.connectionString())) {
            MongoCollection<Document> big = client.getDatabase("raw").getCollection("big");
            MongoCollection<Document> small = client.getDatabase("raw").getCollection("small");
            int keys = 2_000;
            double bigRate = upserts(big, 5_000, keys, seconds);
            double smallRate = upserts(small, 300, keys, seconds);
            SplittableRandom dice = new SplittableRandom(7);
            long n = 0;
            long t = System.nanoTime();
            long end = t + (long) (seconds * 1e9);
            long now;
            do {
                if (big.find(Filters.eq("_id", "k" + dice.nextInt(keys))).first() == null) {
                    throw new IllegalStateException("a written document is missing");
                }
                n++;
                now = System.nanoTime();
            } while (now < end);
            return new MongoFigures(bigRate, smallRate, n / ((now - t) / 1e9));
        }
    }

    /** Replace-with-upsert, one round trip each, of documents of about {@code bytes}, over {@code keys} ids. */
    private static double upserts(MongoCollection<Document> collection, int bytes, int keys, double seconds) {
        // a read-model document is mostly short strings: fields of 40 characters until the size is reached
        String value = "x".repeat(40);
        long n = 0;
        long t = System.nanoTime();
        long end = t + (long) (seconds * 1e9);
        long now;
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        do {
            String id = "k" + (n % keys);
            Document d = new Document("_id", id).append("version", n);
            for (int f = 0; f * 50 < bytes; f++) {
                d.append("f" + f, value);
            }
            collection.replaceOne(Filters.eq("_id", id), d, upsert);
            n++;
            now = System.nanoTime();
        } while (now < end);
        double rate = n / ((now - t) / 1e9);
        // every id is there for the finds, untimed
        for (long k = n; k < keys; k++) {
            collection.replaceOne(Filters.eq("_id", "k" + k), new Document("_id", "k" + k), upsert);
        }
        return rate;
    }

    private static Connection h2(Path file) throws SQLException, java.io.IOException {
        Files.createDirectories(file.getParent());
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + file.toAbsolutePath()
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
        // The event store's own schema (command-side), so the raw rate is measured on the same table and indexes.
        ScriptUtils.executeSqlScript(c, new ClassPathResource("axon-h2-schema.sql"));
        return c;
    }

    private static PreparedStatement insert(Connection c) throws SQLException {
        return c.prepareStatement("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, "
                + "eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                + "VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)");
    }

    /** One event row: 2,000 aggregates of one batch, each with its own sequence. */
    private static final class Row {
        private final byte[] payload;
        private final byte[] metaData;
        private final String timeStamp = Instant.now().toString();

        Row(int payloadBytes, int metaDataBytes) {
            this.payload = json(payloadBytes);
            this.metaData = json(metaDataBytes);
        }

        void bind(PreparedStatement insert, long n) throws SQLException {
            insert.setString(1, "BENCH/H42" + String.format("%09d", n % 2_000));
            insert.setLong(2, n / 2_000);
            insert.setString(3, "Allocation");
            insert.setString(4, UUID.randomUUID().toString());
            insert.setBytes(5, metaData);
            insert.setBytes(6, payload);
            insert.setString(7, "com.vbp.events.allocation.AllocationEvents$AllocationConfirmed");
            insert.setString(8, timeStamp);
        }

        private static byte[] json(int bytes) {
            byte[] b = new byte[Math.max(2, bytes)];
            Arrays.fill(b, (byte) 'a');
            b[0] = '"';
            b[b.length - 1] = '"';
            return b;
        }
    }
}
