package com.vbp.command.appeal;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The appeals' wiring: what {@link Appeal}'s filing handler receives as parameters besides the clock, in both
 * runtime modes (the command side's component scan finds this class).
 */
@Configuration
@EnableConfigurationProperties(AppealProperties.class)
public class AppealConfiguration {

    @Bean
    public RetentionFacts retentionFacts(ObjectProvider<EventStore> eventStore) {
        return new RetentionFacts(eventStore::getObject);
    }

    @Bean
    public AppealPeriod appealPeriod(AppealProperties appeals) {
        return new AppealPeriod(appeals.windowDays());
    }
}
