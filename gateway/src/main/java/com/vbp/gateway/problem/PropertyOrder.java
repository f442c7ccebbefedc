package com.vbp.gateway.problem;

import com.fasterxml.jackson.databind.MapperFeature;
import org.springframework.boot.jackson2.autoconfigure.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API writes a record's fields in their declared order and any other type's alphabetically (a problem's
 * {@code detail}, {@code instance}, {@code status}, {@code title}, then its own members): the order the answers have
 * always had, which Jackson 2 keeps only when told (its default is the order of the class's fields).
 */
@Configuration
public class PropertyOrder {

    @Bean
    @SuppressWarnings("removal") // Boot 4 deprecates its Jackson 2 support, the one Jackson here (service-support)
    public Jackson2ObjectMapperBuilderCustomizer answerPropertyOrder() {
        return builder -> builder.featuresToEnable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY,
                MapperFeature.SORT_CREATOR_PROPERTIES_BY_DECLARATION_ORDER);
    }
}
