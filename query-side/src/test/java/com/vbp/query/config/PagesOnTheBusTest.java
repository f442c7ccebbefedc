package com.vbp.query.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vbp.events.appeal.AppealQueries.AppealPage;
import com.vbp.events.appeal.AppealQueries.AppealSummary;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.common.Money;
import com.vbp.events.common.Paged;
import com.vbp.events.retention.RetentionQueries.RetainedAmountPage;
import com.vbp.events.retention.RetentionQueries.RetainedAmountView;
import com.vbp.events.retention.RetentionValues.Score;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query answers that are pages travel between the sides with Axon's Jackson serializer in distributed mode:
 * being {@link Paged} must add no property to them, and each must come back whole, items typed.
 */
class PagesOnTheBusTest {

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules()).build();

    @Test
    void aPlainPageComesBackWithTypedItemsAndOnlyItsOwnFields() {
        AppealPage page = new AppealPage(List.of(new AppealSummary("A1", "B1", "Batch", "Title", "I1", "Inst",
                "420102", Instant.parse("2025-01-02T03:04:05Z"), AppealStatus.NEW, null, null)), 2, 10, 21);

        SerializedObject<String> json = serializer.serialize(page, String.class);
        AppealPage back = serializer.deserialize(json);

        assertThat(json.getData()).doesNotContain("\"map\"");
        assertThat(back).isEqualTo(page);
        assertThat(back.items().get(0)).isInstanceOf(AppealSummary.class);
        assertThat(back.map(AppealSummary::appealId).items()).containsExactly("A1");
    }

    @Test
    void aPageWithTotalsKeepsThem() {
        RetainedAmountView row = new RetainedAmountView("I1", "Inst", "420102", 1, 2, Money.of("10.00"),
                Money.of("8.00"), Money.of("2.00"), new Score(new BigDecimal("90.0")), true, BigDecimal.ONE,
                Money.of("1.00"), Money.of("0.60"), Money.of("0.40"));
        RetainedAmountPage page = new RetainedAmountPage(List.of(row), 0, 20, 1, Money.of("10.00"),
                Money.of("2.00"), Money.of("1.00"));

        RetainedAmountPage back = serializer.deserialize(serializer.serialize(page, String.class));

        assertThat(back).isEqualTo(page);
    }
}
