package com.vbp.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.gateway.support.Http;
import com.vbp.gateway.support.Http.Answer;
import com.vbp.gateway.support.SmallBatch;
import com.vbp.gateway.support.StandaloneApp;
import com.vbp.query.config.EmbeddedMongo;
import com.vbp.standalone.backup.RestoreCommand;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16, item 6: an online backup of a running standalone instance, taken while client threads keep creating
 * batches, restored into a fresh directory with the documented {@code --restore} command, holds every command
 * acknowledged before it was asked for; its read models are not ahead of its events, and the service started on it
 * catches its projections up from their tokens. A non-admin may not take one; the restore refuses a broken archive, a
 * zip that is not a backup and a target that is not empty, and leaves the target as it was.
 */
class BackupRestoreTest {

    private static final String BOOTSTRAP = "Backup2026init";
    private static final String PASSWORD = "Backup2026next";
    private static final int WRITERS = 3;

    @TempDir
    Path root;

    record Acknowledged(String code, long atNanos) {
    }

    @Test
    void a_backup_taken_under_writes_restores_every_acknowledged_command_and_consistent_read_models() throws Exception {
        Path source = root.resolve("source");
        Path restored = root.resolve("restored");
        ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        List<String> failures = new ArrayList<>();
        JsonNode backup;
        long backupAskedAt;
        String adminToken;
        long supplyLines;
        Path archive;
        try (StandaloneApp app = StandaloneApp.start(source, "app.bootstrap.admin-password=" + BOOTSTRAP)) {
            Http http = app.http();
            // given an administrator, an analyst, and a batch with a catalogue and demands in the read models
            adminToken = login(http, "admin", BOOTSTRAP);
            String admin = adminToken;
            String analyst = account(http, admin, "backup-analyst", "ANALYST", "CITY");
            check(http.postJson("/api/v1/procurement/batches", admin, batch("FILES")), 201);
            check(http.upload("/api/v1/procurement/batches/FILES/catalogue", admin, "c.xlsx",
                    SmallBatch.catalogueXlsx(SmallBatch.CATALOGUE)), 200);
            check(http.upload("/api/v1/procurement/batches/FILES/demands", admin, "d.xlsx",
                    SmallBatch.demandXlsx(SmallBatch.DEMANDS)), 200);
            supplyLines = check(http.get("/api/v1/procurement/batches/FILES/supply-list", admin), 200).json()
                    .path("total").asLong();
            assertThat(supplyLines).isPositive();

            // and client threads that keep creating batches
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(clients.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String code = "W" + writer + "-" + i;
                        Answer created = http.postJson("/api/v1/procurement/batches", admin, batch(code));
                        if (created.status() == 201) {
                            acknowledged.add(new Acknowledged(code, System.nanoTime()));
                        } else {
                            synchronized (failures) {
                                failures.add(code + ": " + created.status() + " " + created.text());
                            }
                        }
                    }
                }));
            }
            waitFor(() -> acknowledged.size() >= 30);

            // when the administrator takes a backup while they write
            assertThat(http.postJson("/api/v1/admin/backups", analyst, Map.of()).status())
                    .as("an analyst may not take a backup").isEqualTo(403);
            assertThat(http.get("/api/v1/admin/backups", analyst).status()).isEqualTo(403);
            backupAskedAt = System.nanoTime();
            Answer taken = http.postJson("/api/v1/admin/backups", admin, Map.of());
            long answeredAt = System.nanoTime();
            int countAtAnswer = acknowledged.size();
            waitFor(() -> acknowledged.size() >= countAtAnswer + 10); // the writes go on after it
            stop.set(true);
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();

            // then it answers 201 with what it holds, and lists it
            check(taken, 201);
            backup = taken.json();
            assertThat(backup.path("name").asText()).matches("vbp-backup-[0-9-]+\\.zip");
            assertThat(backup.path("sizeBytes").asLong()).isPositive();
            assertThat(backup.path("eventPosition").asLong()).isPositive();
            assertThat(backup.path("durationMillis").asLong()).isBetween(0L, (answeredAt - backupAskedAt) / 1_000_000);
            archive = source.resolve("backups").resolve(backup.path("name").asText());
            assertThat(archive).isRegularFile().hasSize(backup.path("sizeBytes").asLong());
            JsonNode listed = check(http.get("/api/v1/admin/backups", admin), 200).json().path("items");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0)).isEqualTo(backup);
            long duringBackup = acknowledged.stream().filter(a -> a.atNanos() > backupAskedAt
                    && a.atNanos() < answeredAt).count();
            System.out.printf("BACKUP %s: %,d bytes, events up to %d, %d ms; %d batches acknowledged before it, "
                            + "%d while it was taken%n", backup.path("name").asText(), backup.path("sizeBytes").asLong(),
                    backup.path("eventPosition").asLong(), backup.path("durationMillis").asLong(),
                    acknowledged.stream().filter(a -> a.atNanos() < backupAskedAt).count(), duringBackup);
        }
        assertThat(failures).as("every write was acknowledged").isEmpty();

        // when it is restored into a fresh directory with the documented command
        Outcome restore = restore("--restore=" + archive, "--app.data-dir=" + restored);
        assertThat(restore.code()).as(restore.err()).isEqualTo(RestoreCommand.RESTORED);
        assertThat(restore.out()).contains(backup.path("name").asText(), "--app.data-dir=" + restored);

        // then, before the service starts on it, no read model or token is ahead of the restored events
        Map<String, Integer> createdInHistory = batchesCreated(restored);
        long head = head(restored);
        assertThat(head).isGreaterThanOrEqualTo(backup.path("eventPosition").asLong());
        Set<String> inReadModel = new HashSet<>();
        try (EmbeddedMongo store = new EmbeddedMongo(restored);
             MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase db = client.getDatabase("vbp");
            db.getCollection("procurement_batches").find().forEach(d -> inReadModel.add(d.getString("_id")));
            List<Document> tokens = db.getCollection("tracking_tokens").find().into(new ArrayList<>());
            assertThat(tokens).as("the tracking tokens are in the backup").isNotEmpty();
            for (Document token : tokens) {
                Binary bytes = token.get("token", Binary.class);
                if (bytes != null) {
                    assertThat(highestIndex(Http.readJson(new String(bytes.getData(), StandardCharsets.UTF_8))))
                            .as("token of %s", token.getString("processorName")).isLessThanOrEqualTo(head);
                }
            }
        }
        assertThat(createdInHistory.keySet()).as("no read model ahead of the events").containsAll(inReadModel);
        assertThat(createdInHistory.values()).as("each batch created once").containsOnly(1);
        List<String> beforeBackup = acknowledged.stream().filter(a -> a.atNanos() < backupAskedAt)
                .map(Acknowledged::code).toList();
        assertThat(createdInHistory.keySet()).as("every batch acknowledged before the backup was asked for")
                .containsAll(beforeBackup).contains("FILES");

        // and the service started on it has them all, with the token key: a token of before the backup still works
        try (StandaloneApp app = StandaloneApp.start(restored)) {
            Http http = app.http();
            check(http.get("/api/v1/procurement/batches", adminToken), 200);
            String admin = check(http.postJson("/api/v1/auth/login", null, Map.of("username", "admin",
                    "password", PASSWORD)), 200).json().path("token").asText();
            waitFor(() -> codes(http.get("/api/v1/procurement/batches", admin).json())
                    .equals(createdInHistory.keySet()));
            assertThat(http.get("/api/v1/procurement/batches/FILES/supply-list", admin).json().path("total").asLong())
                    .isEqualTo(supplyLines);
            // the restored instance's own backups go into its own directory
            assertThat(check(http.get("/api/v1/admin/backups", admin), 200).json().path("items")).isEmpty();
            check(http.postJson("/api/v1/procurement/batches", admin, batch("AFTER-RESTORE")), 201);
        }

        // a restore refuses a target that is not empty, and leaves it as it was
        Outcome notEmpty = restore("--restore=" + archive, "--app.data-dir=" + restored);
        assertThat(notEmpty.code()).isEqualTo(RestoreCommand.TARGET_NOT_EMPTY);
        assertThat(notEmpty.err()).contains("is not an empty directory");
        assertThat(batchesCreated(restored)).containsKey("AFTER-RESTORE");
    }

    @Test
    void a_broken_archive_or_a_zip_that_is_not_a_backup_is_refused_and_the_target_left_empty() throws Exception {
        Path source = root.resolve("source");
        Path archive;
        try (StandaloneApp app = StandaloneApp.start(source, "app.bootstrap.admin-password=" + BOOTSTRAP,
                "app.backup.dir=" + root.resolve("elsewhere"))) {
            String admin = login(app.http(), "admin", BOOTSTRAP);
            check(app.http().postJson("/api/v1/procurement/batches", admin, batch("ONE")), 201);
            JsonNode backup = check(app.http().postJson("/api/v1/admin/backups", admin, Map.of()), 201).json();
            archive = root.resolve("elsewhere").resolve(backup.path("name").asText());
            assertThat(archive).as("app.backup.dir is where it goes").isRegularFile();
        }
        byte[] whole = Files.readAllBytes(archive);

        Path cut = root.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertRefused(cut, "is not a backup of this service, or is broken");

        Path damaged = root.resolve("damaged.zip");
        byte[] flipped = whole.clone();
        for (int i = 200; i < Math.min(flipped.length / 2, 20_000); i++) {
            flipped[i] ^= (byte) 0x5A; // inside the first entry's data, the zip's directory intact
        }
        Files.write(damaged, flipped);
        assertRefused(damaged, "is broken");

        Path other = root.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(other))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not a backup".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertRefused(other, "is not a backup of this service");
        Path text = root.resolve("text.zip");
        Files.writeString(text, "not a zip at all");
        assertRefused(text, "is not a backup of this service");

        assertThat(restore("--restore=" + archive).code()).isEqualTo(RestoreCommand.USAGE);
    }

    private void assertRefused(Path archive, String why) throws Exception {
        Path target = root.resolve("target-" + archive.getFileName());
        Outcome outcome = restore("--restore=" + archive, "--app.data-dir=" + target);
        assertThat(outcome.code()).as(outcome.err()).isEqualTo(RestoreCommand.NOT_A_BACKUP);
        assertThat(outcome.err()).contains(why);
        if (Files.exists(target)) {
            try (var left = Files.list(target)) {
                assertThat(left).as("nothing left in the target").isEmpty();
            }
        }
    }

    record Outcome(int code, String out, String err) {
    }

    private static Outcome restore(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RestoreCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** How many ProcurementBatchCreated events each batch has in the event store of {@code dataDir}. */
    static Map<String, Integer> batchesCreated(Path dataDir) throws SQLException {
        Map<String, Integer> created = new HashMap<>();
        try (Connection c = events(dataDir); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT aggregateIdentifier, COUNT(*) FROM DomainEventEntry "
                     + "WHERE payloadType LIKE '%ProcurementBatchCreated' GROUP BY aggregateIdentifier")) {
            while (r.next()) {
                created.put(r.getString(1), r.getInt(2));
            }
        }
        return created;
    }

    static long head(Path dataDir) throws SQLException {
        try (Connection c = events(dataDir); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(globalIndex) FROM DomainEventEntry")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Connection events(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("events").resolve("events")
                + ";IFEXISTS=TRUE", "sa", "");
    }

    /** The highest {@code index} in a serialized tracking token (a gap-aware one, or one wrapped in a replay). */
    private static long highestIndex(JsonNode token) {
        long highest = token.path("index").asLong(-1);
        for (JsonNode child : token) {
            if (child.isContainerNode()) {
                highest = Math.max(highest, highestIndex(child));
            }
        }
        return highest;
    }

    private static Set<String> codes(JsonNode list) {
        Set<String> codes = new HashSet<>();
        list.forEach(b -> codes.add(b.path("code").asText()));
        return codes;
    }

    static Map<String, Object> batch(String code) {
        return Map.of("code", code, "name", "备份测试 " + code, "allocationOpensAt", "2026-01-01T00:00:00Z",
                "allocationClosesAt", "2099-01-01T00:00:00Z");
    }

    /** The first login with the initial password, then the password change it requires; answers the new token. */
    static String login(Http http, String username, String initial) {
        String first = check(http.postJson("/api/v1/auth/login", null, Map.of("username", username,
                "password", initial)), 200).json().path("token").asText();
        return check(http.postJson("/api/v1/auth/password", first, Map.of("oldPassword", initial,
                "newPassword", PASSWORD)), 200).json().path("token").asText();
    }

    private static String account(Http http, String admin, String username, String role, String organisation) {
        check(http.postJson("/api/v1/admin/accounts", admin, Map.of("username", username, "role", role,
                "organisation", organisation, "initialPassword", BOOTSTRAP)), 201);
        return login(http, username, BOOTSTRAP);
    }

    static Answer check(Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        return answer;
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
