package com.vbp.gateway.appeal;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The content of appeals' evidence files: GridFS bucket {@code evidence} in the read-model database. The
 * events record only the facts of each file (id, name, size, detected type, SHA-256); the bytes live here.
 * These files are primary data, not a projection: a replay does not touch them and they cannot be rebuilt
 * from the event store, so backups of the read-model database must include {@code evidence.files} and
 * {@code evidence.chunks}.
 * <p>
 * The embedded store commits its writes explicitly ({@code commit}: the read store's commit in standalone
 * mode, nothing on a real MongoDB), so a caller must {@link #commit()} after storing and before it tells
 * anyone the files exist.
 * <p>
 * The gateway reaches this store directly, unlike every other store: file contents do not travel through
 * Axon messages (Axon Server's message limit is a few MiB, an appeal may carry 100 MiB), see
 * docs/architecture.md and the exception in ArchitectureTest.
 */
public class EvidenceStore {

    public static final String BUCKET = "evidence";

    private final GridFSBucket bucket;
    private final MongoCollection<Document> files;
    private final Runnable commit;

    public EvidenceStore(MongoDatabase database, Runnable commit) {
        this.bucket = GridFSBuckets.create(database, BUCKET);
        this.files = database.getCollection(BUCKET + ".files");
        this.commit = commit;
    }

    /** A stored file: its id in the bucket, the bytes counted and their SHA-256, both taken while streaming. */
    public record Stored(String fileId, long size, String sha256) {
    }

    /** Streams {@code content} into the bucket; the metadata names the appeal it was uploaded for. */
    public Stored put(InputStream content, String name, String contentType, String appealId, String uploadedBy) {
        MessageDigest sha256 = sha256();
        Counting counting = new Counting(content);
        ObjectId id;
        try (InputStream in = new DigestInputStream(counting, sha256)) {
            id = bucket.uploadFromStream(name, in, new GridFSUploadOptions().metadata(new Document("appealId", appealId)
                    .append("contentType", contentType).append("uploadedBy", uploadedBy)
                    .append("uploadedAt", Date.from(Instant.now()))));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not store evidence " + name, e);
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        files.updateOne(Filters.eq("_id", id), Updates.set("metadata.sha256", hex));
        return new Stored(id.toHexString(), counting.count, hex);
    }

    /** The file's content, or empty when the bucket has no such file. */
    public Optional<InputStream> open(String fileId) {
        if (!ObjectId.isValid(fileId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(bucket.openDownloadStream(new ObjectId(fileId)));
        } catch (MongoGridFSException notFound) {
            return Optional.empty();
        }
    }

    public boolean exists(String fileId) {
        return ObjectId.isValid(fileId) && files.find(Filters.eq("_id", new ObjectId(fileId))).first() != null;
    }

    /** Removes the file and its chunks; a file that is not there is fine. */
    public void delete(String fileId) {
        if (!ObjectId.isValid(fileId)) {
            return;
        }
        try {
            bucket.delete(new ObjectId(fileId));
        } catch (MongoGridFSException notFound) {
            // already gone
        }
    }

    /** Makes every write so far durable (the embedded store); call before acknowledging stored files. */
    public void commit() {
        commit.run();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Counting extends FilterInputStream {

        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
