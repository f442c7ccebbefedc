package com.vbp.query.identity;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.common.OrganisationKind;
import com.vbp.events.identity.IdentityQueries.FindOrganisation;
import com.vbp.events.identity.IdentityQueries.ListOrganisations;
import com.vbp.events.identity.IdentityQueries.OrganisationView;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.query.config.EmbeddedMongo;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 机构目录 on the embedded store: the institutions of retention calculation data and their districts'
 * bureaus are registered when new; organisations already known keep their name and district.
 */
class OrganisationDirectoryProjectionTest {

    private static final Instant AT = Instant.parse("2026-04-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private MongoDatabase db;
    private OrganisationDirectoryProjection directory;

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        db = client.getDatabase("vbp");
        directory = new OrganisationDirectoryProjection(db);
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    private static InstitutionCalculation calculation(String code, String name, String district) {
        return new InstitutionCalculation(code, name, district, new BigDecimal("0.7"), List.of());
    }

    private static CalculationDataImported imported(InstitutionCalculation... institutions) {
        return new CalculationDataImported("R1", List.of(institutions), "admin", AT);
    }

    private static InstitutionDemandRegistered demand(String code, String name, String district) {
        return new InstitutionDemandRegistered("B1", code, name, district, List.of(), List.of(),
                new AllocationTerms(AT, AT.plusSeconds(86_400), null, null), List.of(), AT);
    }

    private OrganisationView find(String code) {
        return directory.handle(new FindOrganisation(code));
    }

    private List<String> dump() {
        List<String> docs = new ArrayList<>();
        db.getCollection("organisations").find().sort(new Document("_id", 1)).forEach(d -> docs.add(d.toJson()));
        return docs;
    }

    @Test
    void new_institutions_and_their_district_bureaus_are_registered_from_calculation_data() {
        directory.on(imported(calculation("H1", "第一医院", "D1"), calculation("H2", "第二医院", "D1"),
                calculation("H3", "第三医院", "D2")));

        assertThat(find("H1")).isEqualTo(new OrganisationView("H1", "第一医院", OrganisationKind.INSTITUTION, "D1"));
        assertThat(find("H3")).isEqualTo(new OrganisationView("H3", "第三医院", OrganisationKind.INSTITUTION, "D2"));
        assertThat(find("D1")).isEqualTo(new OrganisationView("D1", "D1 区医疗保障局", OrganisationKind.DISTRICT_BUREAU, "D1"));
        assertThat(find("D2").kind()).isEqualTo(OrganisationKind.DISTRICT_BUREAU);
        assertThat(directory.handle(new ListOrganisations(OrganisationKind.INSTITUTION, "D1", 0, 20)).items())
                .extracting(OrganisationView::code).containsExactly("H1", "H2");
        assertThat(directory.handle(new ListOrganisations(OrganisationKind.DISTRICT_BUREAU, null, 0, 20)).total())
                .isEqualTo(2);
    }

    @Test
    void a_district_bureau_is_named_after_its_district() {
        directory.on(demand("H42010200001", "武汉市中心医院", "420102"));

        OrganisationView bureau = find("420102");
        assertThat(bureau.name()).isEqualTo("江岸区医疗保障局");
        assertThat(bureau.districtName()).isEqualTo("江岸区");
        assertThat(find("H42010200001").districtName()).isEqualTo("江岸区");
    }

    @Test
    void a_known_institution_keeps_its_name_and_district() {
        directory.on(demand("H1", "第一人民医院", "D1"));

        directory.on(imported(calculation("H1", "一院（测算表写法）", "D7")));

        assertThat(find("H1")).isEqualTo(new OrganisationView("H1", "第一人民医院", OrganisationKind.INSTITUTION, "D1"));
        assertThat(find("D7")).as("the district named by the file is still registered").isNotNull();
    }

    @Test
    void a_later_import_naming_an_institution_differently_changes_nothing() {
        directory.on(imported(calculation("H1", "第一医院", "D1")));

        directory.on(imported(calculation("H1", "第一医院（更正）", "D1")));

        assertThat(find("H1").name()).isEqualTo("第一医院");
    }

    @Test
    void handling_an_import_twice_leaves_the_same_documents() {
        CalculationDataImported event = imported(calculation("H1", "第一医院", "D1"), calculation("H2", "第二医院", "D2"));
        directory.on(demand("H9", "第九医院", "D1"));
        directory.on(event);
        List<String> once = dump();

        directory.on(event);
        directory.on(event);

        assertThat(dump()).isEqualTo(once).hasSize(5);
    }

    @Test
    void the_reset_handler_clears_the_registered_organisations() {
        directory.on(imported(calculation("H1", "第一医院", "D1")));

        directory.reset();

        assertThat(find("H1")).isNull();
        assertThat(find("D1")).isNull();
        assertThat(find(OrganisationDirectoryProjection.CITY)).as("the city bureau always exists").isNotNull();
    }
}
