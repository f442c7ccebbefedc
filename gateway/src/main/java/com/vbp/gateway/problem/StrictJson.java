package com.vbp.gateway.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.jackson2.autoconfigure.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every JSON request body is read strictly, for every endpoint at once (Spring MVC reads bodies with Boot's
 * {@code ObjectMapper}; Axon's serializer is a separate mapper and not touched): a field
 * the request does not have is refused, and so is a value of the wrong JSON type — text for a number
 * ({@code "48900"}), a number for text, {@code 1} for a boolean, {@code 1.5} for a whole number, a number for an
 * enum. A client that sends something else than it means learns it instead of having it silently changed or
 * dropped. {@link ProblemHandler} turns the failures into {@code UNKNOWN_FIELDS} and {@code INVALID_REQUEST}
 * naming the fields ({@link RequestProblems}).
 */
@Configuration
public class StrictJson {

    @Bean
    @SuppressWarnings("removal") // Boot 4 deprecates its Jackson 2 support, the one Jackson here (service-support)
    public Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .featuresToEnable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // text to numbers and booleans, numbers to booleans (a whole number for a decimal stays allowed)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(mapper -> mapper
                        // numbers and booleans to text
                        .coercionConfigFor(LogicalType.Textual)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .postConfigurer(mapper -> mapper.addHandler(new AllUnknownFields()))
                // the limits request bodies have had (Jackson 2's own: 1000 levels deep, 20 MB of text)
                .postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(500).maxStringLength(100_000_000).build()));
    }

    /** Refused unknown fields: all of one object, not only the first Jackson meets. */
    public static final class UnknownFieldsException extends UnrecognizedPropertyException {

        private final List<String> names;

        UnknownFieldsException(JsonParser p, Class<?> type, List<String> names, Collection<Object> known) {
            super(p, "Unknown fields " + names, p.currentLocation(), type, names.get(0), known);
            this.names = List.copyOf(names);
        }

        /** The unknown field names, in the order sent; they share the path of the first one but its last step. */
        public List<String> names() {
            return names;
        }
    }

    /**
     * Called by Jackson at the first unknown field of an object, positioned on its value; reads the rest of the
     * object for the other unknown ones and refuses them together. (For a record Jackson first reads the whole
     * object and then hands over a buffer of its unknown fields only.)
     */
    static final class AllUnknownFields extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                                             JsonDeserializer<?> deserializer, Object beanOrClass,
                                             String propertyName) throws IOException {
            Collection<Object> known = deserializer == null ? null : deserializer.getKnownPropertyNames();
            // A set: a body of 30,000 unknown keys is checked in milliseconds, not seconds (HostileInputTest).
            Set<String> names = new LinkedHashSet<>(List.of(propertyName));
            p.skipChildren();
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                if (known == null || !known.contains(name)) {
                    names.add(name);
                }
                p.nextToken();
                p.skipChildren();
            }
            Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
            UnknownFieldsException e = new UnknownFieldsException(p, type, List.copyOf(names), known);
            e.prependPath(beanOrClass, propertyName);
            throw e;
        }
    }
}
