package com.vbp.command.appeal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RefusalInterceptor;
import com.vbp.events.appeal.AppealEvents.AppealReplied;
import com.vbp.events.appeal.AppealEvents.AppealResolved;
import com.vbp.events.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static com.vbp.command.appeal.AppealTestData.ADMIN;
import static com.vbp.command.appeal.AppealTestData.APPEAL;
import static com.vbp.command.appeal.AppealTestData.BATCH;
import static com.vbp.command.appeal.AppealTestData.FINALISED;
import static com.vbp.command.appeal.AppealTestData.H003;
import static com.vbp.command.appeal.AppealTestData.NOW;
import static com.vbp.command.appeal.AppealTestData.batchCreated;
import static com.vbp.command.appeal.AppealTestData.fileAppeal;
import static com.vbp.command.appeal.AppealTestData.filed;
import static com.vbp.command.appeal.AppealTestData.finalised;
import static com.vbp.command.appeal.AppealTestData.imported;
import static com.vbp.command.appeal.AppealTestData.reply;
import static com.vbp.events.appeal.AppealValues.AppealStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Appeals on a real Axon configuration over the standalone mode's store: Axon's JDBC event store on H2 with its
 * schema script and the Jackson serializer. The retention batch's events are stored as its aggregate would store
 * them (serialised, with a snapshot after them), and the appeal reads them back through {@link RetentionFacts}.
 */
class AppealEventStoreTest {

    private final MutableClock clock = new MutableClock(NOW);
    private Configuration axon;

    @BeforeAll
    static void quiet() {
        System.setProperty("disable-axoniq-console-message", "true");
    }

    @BeforeEach
    void start() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:appeals-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("axon-h2-schema.sql")).execute(dataSource);
        // as Axon's Spring Boot configuration builds it for "axon.serializer.events: jackson"
        Serializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules()).build();
        JdbcEventStorageEngine storage = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new DataSourceConnectionProvider(dataSource)))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> storage)
                .configureAggregate(Appeal.class)
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(RetentionFacts.class, c -> new RetentionFacts(c::eventStore))
                .registerComponent(AppealPeriod.class, c -> new AppealPeriod(AppealPeriod.DEFAULT_DAYS))
                .buildConfiguration();
        axon.commandBus().registerHandlerInterceptor(new RefusalInterceptor());
        axon.start();
        List<Object> batch = List.of(batchCreated(), imported(), finalised(FINALISED));
        for (int i = 0; i < batch.size(); i++) {
            axon.eventStore().publish(new GenericDomainEventMessage<>("RetentionBatch", BATCH, i, batch.get(i)));
        }
        axon.eventStore().storeSnapshot(new GenericDomainEventMessage<>("RetentionBatch", BATCH, batch.size() - 1,
                new RetentionFactsTest.SnapshotOfTheBatch(BATCH, null, FINALISED)));
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private List<Object> appealEvents() {
        return axon.eventStore().readEvents(APPEAL).asStream().map(EventMessage::getPayload).map(Object.class::cast)
                .toList();
    }

    @Test
    void an_appeal_is_filed_with_the_batchs_facts_and_answered_from_the_store() {
        axon.commandGateway().sendAndWait(fileAppeal());
        axon.commandGateway().sendAndWait(reply(ADMIN, true));

        assertThat(appealEvents()).hasSize(3);
        assertThat(appealEvents().get(0)).isEqualTo(filed());
        assertThat(appealEvents().get(1)).isInstanceOfSatisfying(AppealReplied.class,
                r -> assertThat(r.status()).isEqualTo(RESOLVED));
        assertThat(appealEvents().get(2)).isInstanceOf(AppealResolved.class);
    }

    @Test
    void a_refusal_reaches_the_caller_with_its_code_and_stores_nothing() {
        assertThatThrownBy(() -> axon.commandGateway().sendAndWait(
                fileAppeal(H003, "标题", "内容", List.of())))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(
                        e.getDetails().map(d -> ((Refusal) d).code())).contains("NOT_A_PARTICIPANT"));
        assertThat(appealEvents()).isEmpty();
    }
}
