package com.vbp.query.allocation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementQueries.FetchSupplyList;
import com.vbp.events.procurement.ProcurementQueries.SupplyRow;
import com.vbp.query.config.EmbeddedMongo;
import com.vbp.query.procurement.SupplyListProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.vbp.query.allocation.AllocationProjectionsTest.WINNERS;
import static com.vbp.query.allocation.AllocationProjectionsTest.X1_ENTRIES;
import static com.vbp.query.allocation.AllocationProjectionsTest.entry;
import static com.vbp.query.allocation.AllocationProjectionsTest.registered;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supply list's agreed volume (约定采购量) after allocation, on the real embedded store: the selected
 * line's volume as imported plus the contract volumes of the confirmed entries of pending lines.
 * Events go through Axon's annotation adapter, as the tracking processor delivers them.
 */
class SupplyListAgreedVolumeTest {

    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private SupplyListProjection projection;
    private AnnotationEventHandlerAdapter handlers;

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        projection = new SupplyListProjection(client.getDatabase("vbp"));
        handlers = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    private void given(Object... events) throws Exception {
        for (Object e : events) {
            handlers.handle(GenericEventMessage.asEventMessage(e));
        }
    }

    private Map<String, Long> agreed() {
        return projection.handle(new FetchSupplyList("B1", "H1", null, null, null, null, null, false, 0, 100))
                .items().stream().collect(Collectors.toMap(SupplyRow::drugCode, r -> r.agreedVolume().minUnits()));
    }

    private static AllocationConfirmed x1Confirmed() {
        return new AllocationConfirmed("B1", "H1", "X1", "G1", Volume.of(900), DailyUsage.of("3"), X1_ENTRIES,
                new AllocatedVolume(new BigDecimal("900")), Money.of("450.00"), "inst", AT);
    }

    private static AllocationConfirmed x2Confirmed() {
        return new AllocationConfirmed("B1", "H1", "X2", "G2", Volume.of(100), DailyUsage.of("1"),
                List.of(entry("D21", 100, "100", "100.00")), new AllocatedVolume(new BigDecimal("100")),
                Money.of("100.00"), "inst", AT);
    }

    @Test
    void confirmed_pending_entries_add_to_the_agreed_volume_and_a_withdrawal_takes_them_back() throws Exception {
        given(new CatalogueImported("B1", WINNERS, "admin", AT), registered("H1", "420102"));
        assertThat(agreed()).containsEntry("D11", 4800L).containsEntry("D12", 0L).containsEntry("D21", 0L);

        given(x1Confirmed(), x2Confirmed());
        assertThat(agreed()).containsEntry("D11", 5400L).containsEntry("D12", 300L).containsEntry("D13", 0L)
                .containsEntry("D21", 100L).containsEntry("D22", 0L);

        given(new AllocationWithdrawn("B1", "H1", "X1", X1_ENTRIES, "inst", AT));
        assertThat(agreed()).containsEntry("D11", 4800L).containsEntry("D12", 0L).containsEntry("D21", 100L);

        List<Document> once = everything();
        given(new AllocationWithdrawn("B1", "H1", "X1", X1_ENTRIES, "inst", AT), x2Confirmed());
        assertThat(everything()).as("the same events twice change nothing").isEqualTo(once);
    }

    private List<Document> everything() {
        List<Document> docs = new ArrayList<>();
        MongoDatabase db = client.getDatabase("vbp");
        db.getCollection("supply_list").find().sort(new Document("_id", 1)).forEach(docs::add);
        return docs;
    }
}
