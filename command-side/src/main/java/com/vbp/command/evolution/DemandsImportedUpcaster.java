package com.vbp.command.evolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vbp.events.procurement.ProcurementEvents.DemandsImported;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@link DemandsImported} revision 1 → 2: the field {@code lineCount} is now {@code demandLineCount}.
 * <p>
 * The path for every later change of an event's shape: bump the record's {@code @Revision}, write one
 * upcaster from the old revision to the new one here, and keep the old revision's stored events as they
 * are — they are upcast each time they are read, never rewritten (the integrity chain hashes the stored
 * bytes, so upcasting leaves it intact).
 * <p>
 * Registration: a Spring bean of type {@code EventUpcaster} is collected by Axon's Spring Boot
 * auto-configuration ({@code InfraConfiguration.eventUpcastersConfigurer}) into the configuration's
 * upcaster chain, which both event stores are built with: the standalone JDBC storage engine
 * ({@code JdbcAutoConfiguration.eventStorageEngine}) and, in distributed mode, the Axon Server event
 * store ({@code AxonServerBusAutoConfiguration.eventStore}). Upcasters run in {@link Order} order; a
 * later upcaster of the same event (2 → 3) must come after this one.
 */
@Component
@Order(100)
public class DemandsImportedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(DemandsImported.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(DemandsImported.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.getName().equals(representation.getType().getName())
                && REVISION_1.getRevision().equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, DemandsImportedUpcaster::renameLineCount);
    }

    private static JsonNode renameLineCount(JsonNode payload) {
        if (!(payload instanceof ObjectNode object) || !object.has("lineCount")) {
            return payload;
        }
        ObjectNode upcast = object.deepCopy();
        upcast.set("demandLineCount", upcast.remove("lineCount"));
        return upcast;
    }
}
