package com.vbp.service;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson2.autoconfigure.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("removal") // Boot 4 deprecates its Jackson 2 support, the one Jackson here
class MessageMapperConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ObjectMapperAutoConfiguration.class,
                    org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration.class,
                    MessageMapperConfiguration.class))
            .withPropertyValues("axon.serializer.general=jackson")
            // what the gateway does to the HTTP mapper (StrictJson)
            .withBean(Jackson2ObjectMapperBuilderCustomizer.class,
                    () -> b -> b.featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));

    @Test
    void axon_keeps_a_mapper_of_its_own_beside_boots_http_mapper() {
        context.run(c -> {
            ObjectMapper http = c.getBean(ObjectMapper.class);
            ObjectMapper axon = c.getBean("defaultAxonObjectMapper", ObjectMapper.class);
            assertThat(c.getBeansOfType(ObjectMapper.class)).containsOnlyKeys("jackson2ObjectMapper",
                    "defaultAxonObjectMapper");
            assertThat(axon).isNotSameAs(http);
            assertThat(http.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
            // Axon's own default, untouched by the HTTP mapper's customizers and modules
            assertThat(axon.getRegisteredModuleIds()).containsExactly("jackson-datatype-jsr310");
            assertThat(axon.writeValueAsString(Instant.ofEpochSecond(1))).isEqualTo("1.000000000");
        });
    }
}
