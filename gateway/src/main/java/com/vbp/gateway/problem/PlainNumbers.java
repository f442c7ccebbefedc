package com.vbp.gateway.problem;

import com.fasterxml.jackson.annotation.JsonValue;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.retention.RetentionValues.Score;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.jackson2.autoconfigure.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;

/**
 * The API writes the contract's value types as plain JSON numbers (API.md): {@code Money} as its yuan,
 * {@code Volume} and {@code AllocatedVolume} as their min units, {@code DailyUsage}, {@code Percentage} and
 * {@code Score} as their numbers, so the controllers answer the query records themselves instead of copies of them.
 * Mix-ins on the HTTP mapper only (Boot's {@code ObjectMapper}): Axon's serializer, a mapper of its own, keeps the
 * records' own shape in events and on the buses. The OpenAPI document declares the same numbers.
 */
@Configuration
public class PlainNumbers {

    static {
        SpringDocUtils.getConfig()
                .replaceWithClass(Money.class, BigDecimal.class)
                .replaceWithClass(Volume.class, Long.class)
                .replaceWithClass(AllocatedVolume.class, BigDecimal.class)
                .replaceWithClass(DailyUsage.class, BigDecimal.class)
                .replaceWithClass(Percentage.class, BigDecimal.class)
                .replaceWithClass(Score.class, BigDecimal.class);
    }

    @Bean
    @SuppressWarnings("removal") // Boot 4 deprecates its Jackson 2 support, the one Jackson here (service-support)
    public Jackson2ObjectMapperBuilderCustomizer valueTypesAsNumbers() {
        return builder -> builder
                .mixIn(Money.class, MoneyNumber.class)
                .mixIn(Volume.class, VolumeNumber.class)
                .mixIn(AllocatedVolume.class, AllocatedVolumeNumber.class)
                .mixIn(DailyUsage.class, DailyUsageNumber.class)
                .mixIn(Percentage.class, PercentageNumber.class)
                .mixIn(Score.class, ScoreNumber.class);
    }

    abstract static class MoneyNumber {
        @JsonValue
        abstract BigDecimal yuan();
    }

    abstract static class VolumeNumber {
        @JsonValue
        abstract long minUnits();
    }

    abstract static class AllocatedVolumeNumber {
        @JsonValue
        abstract BigDecimal minUnits();
    }

    abstract static class DailyUsageNumber {
        @JsonValue
        abstract BigDecimal minUnitsPerDay();
    }

    abstract static class PercentageNumber {
        @JsonValue
        abstract BigDecimal percent();
    }

    abstract static class ScoreNumber {
        @JsonValue
        abstract BigDecimal points();
    }
}
