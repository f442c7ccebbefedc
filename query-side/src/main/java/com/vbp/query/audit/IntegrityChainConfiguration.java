package com.vbp.query.audit;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The integrity chain's own reader of the event store, without the application's upcasters: the JDBC event
 * table in standalone mode (on the connection provider and schema of Axon's JDBC auto-configuration), Axon
 * Server in distributed mode. It reads with the event serializer, whose serialized messages hand back the
 * stored payload bytes.
 */
@Configuration
public class IntegrityChainConfiguration {

    @Bean
    @Profile("!distributed")
    IntegrityChainSource storedEventsInTheJdbcStore(ConnectionProvider connections, TransactionManager transactions,
                                                    EventSchema schema,
                                                    @Qualifier("eventSerializer") Serializer eventSerializer) {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .upcasterChain(NoOpEventUpcaster.INSTANCE)
                .build();
        return new IntegrityChainJdbcSource(engine, eventSerializer);
    }

    @Bean
    @Profile("distributed")
    IntegrityChainSource storedEventsInAxonServer(AxonServerConfiguration configuration,
                                                  AxonServerConnectionManager connections,
                                                  @Qualifier("eventSerializer") Serializer eventSerializer) {
        AxonServerEventStore store = AxonServerEventStore.builder()
                .configuration(configuration)
                .platformConnectionManager(connections)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .snapshotFilter(SnapshotFilter.allowAll())
                .upcasterChain(NoOpEventUpcaster.INSTANCE)
                .build();
        return new IntegrityChainAxonServerSource(store, eventSerializer);
    }
}
