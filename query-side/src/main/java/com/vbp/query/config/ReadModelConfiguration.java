package com.vbp.query.config;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.service.StorageProperties;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import com.vbp.service.MongoCheck;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;


/**
 * The read side in both modes: a MongoDB client (to {@code app.mongodb.uri} when set, otherwise to
 * an {@link EmbeddedMongo} started under {@code app.data-dir}), Axon's MongoDB token store in the
 * same database as the read models, and tracking processors that handle events in batches.
 * Scheduling is on for the purges of short-lived login-protection records.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(ProjectionProperties.class)
// The distributed-mode application class in the same package must not be picked up in standalone mode.
@ComponentScan(basePackages = "com.vbp.query",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class ReadModelConfiguration {

    private static final String TOKENS = "tracking_tokens";

    @Bean(destroyMethod = "close")
    public ReadStore readStore(StorageProperties storage, MongoCheck mongoCheck) {
        String uri = storage.mongodb().uri();
        EmbeddedMongo embedded = uri.isBlank() ? new EmbeddedMongo(storage.dataDir()) : null;
        MongoClient client = MongoClients.create(embedded != null ? embedded.connectionString() : uri);
        MongoDatabase db = client.getDatabase(storage.mongodb().database());
        if (embedded == null) {
            mongoCheck.reachable(db, uri);
        } else {
            // The embedded store's file is locked by this process alone, so a claim on a token found at start was made
            // by a process that is gone (killed). Axon would wait out its 10 s claim timeout before resuming that
            // projection, and every read after a write with it; released here, they resume at once.
            db.getCollection(TOKENS).updateMany(new Document(),
                    new Document("$set", new Document("owner", null)));
        }
        return new ReadStore(client, db, embedded);
    }

    @Bean
    public MongoDatabase readModelDatabase(ReadStore store) {
        return store.database();
    }

    @Bean
    public TokenStore tokenStore(ReadStore store, Serializer serializer, ProjectionProperties properties) {
        MongoTokenStore.Builder tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(store.database())
                        .trackingTokensCollectionName(TOKENS).build())
                .serializer(serializer);
        if (!properties.nodeId().isBlank()) {
            tokens.nodeId(properties.nodeId());
        }
        return new ReadModelFirstTokenStore(tokens.build());
    }

    @Bean
    public StoredTokens storedTokens(ReadStore store, Serializer serializer) {
        return new StoredTokens(store.database().getCollection(TOKENS), serializer);
    }

    @Bean
    public ConfigurerModule eventProcessing(ProjectionProperties properties, ProjectionThreads threads) {
        int batchSize = properties.batchSize();
        return configurer -> configurer.eventProcessing(processing -> {
            processing.usingTrackingEventProcessors();
            processing.registerTrackingEventProcessorConfiguration(
                    c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
            threads.parallel().forEach((name, t) -> processing.registerTrackingEventProcessorConfiguration(name,
                    c -> TrackingEventProcessorConfiguration.forParallelProcessing(t.threads())
                            .andInitialSegmentsCount(t.segments()).andBatchSize(batchSize)));
            // No transaction manager: with one, Axon's tracking processor stores a batch's token BEFORE handling it,
            // and the token store (the read-model store, which takes part in no transaction) could then persist a
            // token ahead of its read model. Without, the token is stored at the end of the batch, after its
            // buffered read-model writes (ReadModelFirstTokenStore, BatchWrites). The event store is read with its
            // own transactions either way.
            processing.registerDefaultTransactionManager(c -> NoTransactionManager.instance());
            // The embedded store is persisted by its own committer every 200 ms, not after every batch: with 13
            // processors each commit wrote a chunk per processor per command (issue 14's profile). Durability does not
            // depend on it: a commit persists every write before it, and a token is written after its read model,
            // so a persisted token never runs ahead of its documents; after a crash up to 200 ms of projection work
            // is done again, idempotently.
            // Axon's default logs a failing handler and moves on, which would leave a read model without that
            // event for good. Propagating makes the processor roll back its token and retry the batch with
            // back-off instead; the projections are idempotent, so the retry is safe.
            processing.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
        });
    }

    /** The MongoDB client and database, and the embedded server when there is one. */
    public record ReadStore(MongoClient client, MongoDatabase database, EmbeddedMongo embedded)
            implements AutoCloseable {

        public void commit() {
            if (embedded != null) {
                embedded.commit();
            }
        }

        /** Renames collection {@code from} to {@code to}, dropping what was there; see {@link EmbeddedMongo#renamedCollection}. */
        public void renameCollection(String from, String to) {
            database.getCollection(from).renameCollection(new MongoNamespace(database.getName(), to),
                    new RenameCollectionOptions().dropTarget(true));
            if (embedded != null) {
                embedded.renamedCollection(database.getName(), from, to);
            }
        }

        @Override
        public void close() {
            client.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
