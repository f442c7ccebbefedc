package com.vbp.command.evolution;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.command.CommandSideApplication;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DemandsImported} as stored at revision 1 (with {@code lineCount}) is read as revision 2 (with
 * {@code demandLineCount}); other revisions and other events pass untouched; and the upcaster is in the
 * chain Axon's Spring Boot configuration builds the event store with.
 */
class DemandsImportedUpcasterTest {

    private static final String TYPE = DemandsImported.class.getName();
    private static final String REVISION_1_PAYLOAD = """
            {"batchCode":"HB-2023","institutionCodes":["H001","H002"],"lineCount":6,\
            "importedBy":"admin","importedAt":"2026-03-01T08:00:00Z"}""";

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    @Test
    void a_revision_1_event_is_read_with_the_renamed_field() {
        IntermediateEventRepresentation upcast = only(new DemandsImportedUpcaster(), stored(TYPE, "1",
                REVISION_1_PAYLOAD));

        assertThat(upcast.getType().getName()).isEqualTo(TYPE);
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        DemandsImported event = serializer.deserialize(upcast.getData());
        assertThat(event.demandLineCount()).isEqualTo(6);
        assertThat(event.institutionCodes()).containsExactly("H001", "H002");
        assertThat(event.importedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        String json = new String(serializer.getConverter().convert(upcast.getData(), byte[].class).getData(),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"demandLineCount\":6").doesNotContain("lineCount\"");
    }

    @Test
    void revision_2_events_and_other_events_pass_untouched() {
        String revision2 = REVISION_1_PAYLOAD.replace("lineCount", "demandLineCount");
        IntermediateEventRepresentation current = only(new DemandsImportedUpcaster(), stored(TYPE, "2", revision2));
        assertThat(current.getType().getRevision()).isEqualTo("2");
        DemandsImported event = serializer.deserialize(current.getData());
        assertThat(event.demandLineCount()).isEqualTo(6);

        String other = ProcurementBatchCreated.class.getName();
        IntermediateEventRepresentation untouched = only(new DemandsImportedUpcaster(), stored(other, "1",
                "{\"batchCode\":\"HB-2023\",\"lineCount\":1}"));
        assertThat(untouched.getType().getName()).isEqualTo(other);
        assertThat(new String(serializer.getConverter().convert(untouched.getData(), byte[].class).getData(),
                StandardCharsets.UTF_8)).contains("\"lineCount\":1");
    }

    @Test
    void axons_spring_boot_configuration_puts_the_upcaster_in_the_event_stores_chain() {
        // The distributed command side: its Axon Server event store is built with configuration.upcasterChain().
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("distributed")
                .run("--spring.config.name=command-side", "--server.port=0", "--app.startup.connect-timeout=0",
                        "--axon.axonserver.servers=localhost:1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBeansOfType(EventUpcaster.class)).containsKey("demandsImportedUpcaster");
            Configuration axon = context.getBean(Configuration.class);
            Serializer eventSerializer = axon.eventSerializer();
            IntermediateEventRepresentation upcast = only(axon.upcasterChain(),
                    new InitialEventRepresentation(entry(TYPE, "1", REVISION_1_PAYLOAD), eventSerializer));
            assertThat(upcast.getType().getRevision()).isEqualTo("2");
            DemandsImported event = eventSerializer.deserialize(upcast.getData());
            assertThat(event.demandLineCount()).isEqualTo(6);
        }
    }

    private IntermediateEventRepresentation stored(String type, String revision, String json) {
        return new InitialEventRepresentation(entry(type, revision, json), serializer);
    }

    private static GenericDomainEventEntry<byte[]> entry(String type, String revision, String json) {
        return new GenericDomainEventEntry<>("ProcurementBatch", "HB-2023", 3, UUID.randomUUID().toString(),
                Instant.parse("2026-03-01T08:00:00Z"), type, revision, json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static IntermediateEventRepresentation only(EventUpcaster upcaster,
                                                        IntermediateEventRepresentation representation) {
        List<IntermediateEventRepresentation> result = upcaster.upcast(java.util.stream.Stream.of(representation))
                .toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }
}
