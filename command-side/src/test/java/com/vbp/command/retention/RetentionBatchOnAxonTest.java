package com.vbp.command.retention;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RefusalInterceptor;
import com.vbp.events.common.Refusal;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionEvents;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static com.vbp.command.retention.RetentionTestData.BATCH;
import static com.vbp.command.retention.RetentionTestData.H001;
import static com.vbp.command.retention.RetentionTestData.H002;
import static com.vbp.command.retention.RetentionTestData.JIANG_AN;
import static com.vbp.command.retention.RetentionTestData.NOW;
import static com.vbp.command.retention.RetentionTestData.PARAMETERS;
import static com.vbp.command.retention.RetentionTestData.create;
import static com.vbp.command.retention.RetentionTestData.finalise;
import static com.vbp.command.retention.RetentionTestData.importing;
import static com.vbp.command.retention.RetentionTestData.recalculate;
import static com.vbp.command.retention.RetentionTestData.scoreRow;
import static com.vbp.command.retention.RetentionTestData.selfAssessment;
import static com.vbp.command.retention.RetentionTestData.standardRows;
import static com.vbp.command.retention.RetentionTestData.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The retention batch on a real (in-memory) Axon configuration with the refusal interceptor of the application:
 * an existing code refused as {@code BATCH_EXISTS} with a {@link Refusal} the gateway maps to 409, the aggregate
 * loaded from its stored events between commands, and every round kept in the store. Also: every event the batch
 * records survives the Jackson serializer the application stores events with.
 */
class RetentionBatchOnAxonTest {

    private final MutableClock clock = new MutableClock(NOW);
    private Configuration axon;

    @BeforeAll
    static void quiet() {
        System.setProperty("disable-axoniq-console-message", "true");
    }

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(RetentionBatch.class)
                .registerComponent(Clock.class, c -> clock)
                .buildConfiguration();
        axon.commandBus().registerHandlerInterceptor(new RefusalInterceptor());
        axon.start();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    private List<Object> stored() {
        return axon.eventStore().readEvents(BATCH).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    private Refusal refusalOf(Object command) {
        CommandExecutionException e = catchThrowableOfType(CommandExecutionException.class,
                () -> axon.commandGateway().sendAndWait(command));
        assertThat(e).as("refused").isNotNull();
        return e.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast).orElseThrow();
    }

    @Test
    void creating_an_existing_code_is_refused_with_batch_exists_and_stores_nothing() {
        axon.commandGateway().sendAndWait(create());

        Refusal refusal = refusalOf(new CreateRetentionBatch(BATCH, "重复", NOW, NOW.plusSeconds(60), PARAMETERS,
                "admin"));

        assertThat(refusal.code()).isEqualTo("BATCH_EXISTS");
        assertThat(stored()).hasSize(1);
    }

    @Test
    void an_invalid_creation_stores_nothing_and_the_code_stays_free() {
        assertThat(refusalOf(new CreateRetentionBatch(BATCH, " ", NOW, NOW.plusSeconds(60), PARAMETERS, "admin"))
                .code()).isEqualTo("INVALID_BATCH");
        assertThat(stored()).isEmpty();

        axon.commandGateway().sendAndWait(create());
        assertThat(stored()).hasSize(1);
    }

    @Test
    void a_batch_without_a_code_is_refused_as_an_invalid_code() {
        assertThat(refusalOf(new CreateRetentionBatch(null, "无编码", NOW, NOW.plusSeconds(60), PARAMETERS,
                "admin")).code()).isEqualTo("INVALID_BATCH_CODE");
    }

    @Test
    void the_whole_life_of_a_batch_is_stored_and_every_round_stays() {
        axon.commandGateway().sendAndWait(create());
        axon.commandGateway().sendAndWait(importing(standardRows()));
        axon.commandGateway().sendAndWait(selfAssessment(H001, "95"));
        axon.commandGateway().sendAndWait(upload(JIANG_AN, scoreRow(2, H001, "92")));
        axon.commandGateway().sendAndWait(finalise());
        assertThat(refusalOf(finalise()).code()).isEqualTo("ALREADY_FINALISED");
        axon.commandGateway().sendAndWait(upload(JIANG_AN, scoreRow(2, H001, "92"), scoreRow(3, H002, "80")));
        axon.commandGateway().sendAndWait(recalculate("江岸区补报考核评分"));

        List<Object> events = stored();
        List<RetainedAmountCalculated> calculations = events.stream()
                .filter(RetainedAmountCalculated.class::isInstance).map(RetainedAmountCalculated.class::cast)
                .toList();
        assertThat(calculations).extracting(RetainedAmountCalculated::round).containsExactly(1, 1, 1, 2, 2, 2);
        assertThat(calculations).filteredOn(c -> c.institutionCode().equals(H002))
                .extracting(c -> c.retained().toString()).containsExactly("0.00", "2720.00");
        assertThat(events).filteredOn(RetentionFinalised.class::isInstance).singleElement()
                .extracting(e -> ((RetentionFinalised) e).retained().toString()).isEqualTo("6900.00");
        assertThat(events).filteredOn(RetentionRecalculated.class::isInstance).singleElement()
                .extracting(e -> ((RetentionRecalculated) e).retained().toString()).isEqualTo("9620.00");
        // the round-2 events come right after the recalculation that starts the round
        int recalculation = events.indexOf(events.stream().filter(RetentionRecalculated.class::isInstance)
                .findFirst().orElseThrow());
        assertThat(events.subList(recalculation + 1, events.size()))
                .allSatisfy(e -> assertThat(e).isInstanceOf(RetainedAmountCalculated.class)).hasSize(3);
    }

    @Test
    void every_recorded_event_reads_back_equal_through_jackson() {
        axon.commandGateway().sendAndWait(create());
        axon.commandGateway().sendAndWait(importing(standardRows()));
        axon.commandGateway().sendAndWait(selfAssessment(H001, "95.5"));
        axon.commandGateway().sendAndWait(upload(JIANG_AN, scoreRow(2, H001, "92")));
        axon.commandGateway().sendAndWait(finalise());
        axon.commandGateway().sendAndWait(recalculate("复核"));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

        List<Object> events = stored();
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).contains("RetentionBatchCreated",
                "CalculationDataImported", "SelfAssessmentFiled", "AssessmentScoresUploaded",
                "RetainedAmountCalculated", "RetentionFinalised", "RetentionRecalculated");
        for (Object event : events) {
            SerializedObject<String> serialized = serializer.serialize(event, String.class);
            Object read = serializer.deserialize(serialized);
            assertThat(read).as(serialized.getData()).isInstanceOf(RetentionEvents.class).isEqualTo(event);
        }
    }
}
