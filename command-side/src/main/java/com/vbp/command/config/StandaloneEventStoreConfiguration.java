package com.vbp.command.config;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import com.vbp.service.StorageProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standalone mode: Axon's JDBC event store on an embedded H2 file under {@code app.data-dir}.
 * {@code WRITE_DELAY=0} makes every acknowledged commit durable: H2's default one-second write delay
 * was measured to lose committed rows when the JVM is killed. Axon does not create its JDBC schema,
 * and its HSQL table factory fails on H2 2.x, so the schema is a small idempotent script.
 * <p>
 * The storage engine itself is Axon's auto-configured {@code JdbcEventStorageEngine} on this data source; it
 * reads through the configuration's upcaster chain, into which every {@code EventUpcaster} bean goes (see
 * {@code com.vbp.command.evolution}). Stored events are never rewritten.
 */
@Configuration
@Profile("!distributed")
public class StandaloneEventStoreConfiguration {

    @Bean
    public DataSource eventStoreDataSource(StorageProperties storage) {
        Path dir = storage.dataDir().toAbsolutePath().normalize().resolve("events");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the event store directory " + dir, e);
        }
        DataSource dataSource = DataSourceBuilder.create()
                .driverClassName("org.h2.Driver")
                .url("jdbc:h2:file:" + dir.resolve("events") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE")
                .username("sa")
                .password("")
                .build();
        new ResourceDatabasePopulator(new ClassPathResource("axon-h2-schema.sql")).execute(dataSource);
        return dataSource;
    }

    /**
     * H2 reports a second event at the same aggregate sequence from a JDBC batch, as a
     * {@code BatchUpdateException} that Axon's default resolver (which looks for an
     * {@code SQLIntegrityConstraintViolationException}) misses, so a second aggregate with a used identifier was an
     * {@code EventStoreException} (a 500). Its SQL state, 23505 (unique violation), tells it: Axon then answers
     * {@code AggregateStreamCreationException} or {@code ConcurrencyException}, which the gateway answers 409.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }
}
