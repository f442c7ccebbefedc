package com.vbp.query.procurement;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementQueries.FetchSupplyList;
import com.vbp.events.procurement.ProcurementQueries.SupplyListPage;
import com.vbp.events.procurement.ProcurementQueries.SupplyRow;
import com.vbp.events.procurement.ProcurementQueries.SupplySort;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.config.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The supply-list projection on the real embedded MongoDB-wire store. */
class SupplyListProjectionTest {

    private static final String BATCH = "B1";
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private SupplyListProjection projection;

    @BeforeEach
    void open() {
        openStore();
    }

    @AfterEach
    void close() {
        closeStore();
    }

    private void openStore() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        MongoDatabase db = client.getDatabase("vbp");
        projection = new SupplyListProjection(db);
    }

    private void closeStore() {
        client.close();
        embedded.close();
    }

    static WinningProduct product(String group, String drug, String enterprise, String price) {
        return new WinningProduct(group, group + "组", drug, "银杏叶片", "片剂", "每片0.25g", enterprise,
                Money.of(price), 24, "片", DailyUsage.of("3"), Percentage.of("35.5"), Volume.of(1_000_000));
    }

    private void importCatalogue() {
        projection.on(new CatalogueImported(BATCH, List.of(
                product("G1", "D11", "甲制药", "12.3456"),
                product("G1", "D12", "乙制药", "20"),
                product("G2", "D21", "丙制药", "8.5"),
                product("G3", "D31", "丁制药", "5")), "admin", AT));
    }

    private static InstitutionDemandRegistered demand(String institution, String district) {
        return new InstitutionDemandRegistered(BATCH, institution, institution + "医院", district,
                List.of(new SelectedLine("D11", "G1", "D11", "银杏叶片", "甲制药", Volume.of(4800))),
                List.of(new PendingLine("X21", "G2", "X21", "某非中选", "戊制药", Volume.of(900), DailyUsage.of("3"))),
                new AllocationTerms(AT, AT.plusSeconds(86_400), null, null), List.of(), AT);
    }

    private SupplyListPage fetch(String institution, String district, String enterprise, SupplySort sort,
                                 boolean desc, int page, int size) {
        return projection.handle(new FetchSupplyList(BATCH, institution, district, null, null, enterprise, sort, desc,
                page, size));
    }

    @Test
    void an_institution_is_supplied_the_winners_of_the_groups_it_has_demand_in_with_its_agreed_volume() {
        importCatalogue();
        projection.on(demand("H1", "420102"));

        SupplyListPage own = fetch("H1", null, null, null, false, 0, 20);

        assertThat(own.total()).isEqualTo(3);
        assertThat(own.items()).extracting(SupplyRow::drugCode).containsExactly("D11", "D12", "D21");
        assertThat(own.items()).extracting(r -> r.agreedVolume().minUnits()).containsExactly(4800L, 0L, 0L);
        SupplyRow first = own.items().get(0);
        assertThat(first.packagePrice().yuan()).isEqualByComparingTo("12.3456");
        assertThat(first.packagePrice().yuan().toPlainString()).isEqualTo("12.3456");
        assertThat(first.institutionName()).isEqualTo("H1医院");
        assertThat(first.district()).isEqualTo("420102");
    }

    @Test
    void filters_scopes_sorting_and_paging() {
        importCatalogue();
        projection.on(demand("H1", "420102"));
        projection.on(demand("H2", "420103"));
        projection.on(demand("H3", "420102"));

        assertThat(fetch(null, null, null, null, false, 0, 20).total()).isEqualTo(9);
        assertThat(fetch(null, "420102", null, null, false, 0, 20).items())
                .extracting(SupplyRow::institutionCode).containsOnly("H1", "H3");
        assertThat(fetch(null, null, "乙", null, false, 0, 20).items())
                .extracting(SupplyRow::drugCode).containsOnly("D12");
        SupplyListPage second = fetch(null, null, null, null, false, 1, 4);
        assertThat(second.total()).isEqualTo(9);
        assertThat(second.items()).extracting(r -> r.institutionCode() + "/" + r.drugCode())
                .containsExactly("H2/D12", "H2/D21", "H3/D11", "H3/D12");
        assertThat(fetch(null, null, null, SupplySort.AGREED_VOLUME, true, 0, 3).items())
                .extracting(r -> r.agreedVolume().minUnits()).containsExactly(4800L, 4800L, 4800L);
        assertThat(fetch(null, null, null, SupplySort.INSTITUTION, true, 0, 1).items())
                .extracting(r -> r.institutionCode() + "/" + r.drugCode()).containsExactly("H3/D21");
        assertThat(fetch("H9", null, null, null, false, 0, 20).total()).isZero();
    }

    @Test
    void handling_the_same_events_twice_leaves_the_same_documents() {
        importCatalogue();
        projection.on(demand("H1", "420102"));
        List<Document> once = everything();

        importCatalogue();
        projection.on(demand("H1", "420102"));

        assertThat(everything()).isEqualTo(once);
    }

    @Test
    void the_read_model_survives_closing_and_reopening_the_store() {
        importCatalogue();
        projection.on(demand("H1", "420102"));
        closeStore();

        openStore();

        assertThat(fetch("H1", null, null, null, false, 0, 20).total()).isEqualTo(3);
    }

    private List<Document> everything() {
        List<Document> docs = new ArrayList<>();
        MongoDatabase db = client.getDatabase("vbp");
        db.getCollection("supply_list").find().sort(new Document("_id", 1)).forEach(docs::add);
        db.getCollection("supply_catalogue").find().sort(new Document("_id", 1)).forEach(docs::add);
        return docs;
    }
}
