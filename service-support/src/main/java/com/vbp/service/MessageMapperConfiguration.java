package com.vbp.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's message serializer keeps a Jackson 2 mapper of its own, apart from Boot's HTTP mapper, now that both are
 * Jackson 2. Boot and Axon each make their mapper only when there is no {@code ObjectMapper} yet, and Axon serializes
 * with the one named {@code defaultAxonObjectMapper} or else with any: left to the order of the auto-configurations,
 * events would be written with the API's strict reading and plain-number shapes, or the API would lose them.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration",
        beforeName = "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration")
public class MessageMapperConfiguration {

    /**
     * What Axon made itself so far: a plain mapper with the modules on the class path, which were java.time's only
     * (Boot's Jackson 2 brings the Optional and parameter-names modules too, which would change how messages read).
     */
    @Bean
    @ConditionalOnMissingBean(name = "defaultAxonObjectMapper")
    public ObjectMapper defaultAxonObjectMapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule()).build();
    }
}
