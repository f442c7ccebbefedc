package com.vbp.query.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.common.District;
import com.vbp.events.common.OrganisationKind;
import com.vbp.events.common.Page;
import com.vbp.events.identity.IdentityQueries.FindOrganisation;
import com.vbp.events.identity.IdentityQueries.ListOrganisations;
import com.vbp.events.identity.IdentityQueries.OrganisationPage;
import com.vbp.events.identity.IdentityQueries.OrganisationView;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.query.config.Paging;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * 机构目录: the organisations accounts can belong to. Institutions and their districts come from the
 * files the administrator imports (allocation demands, retention calculation data); a district bureau
 * is identified by its district code; the city bureau ({@code CITY}) always exists.
 */
@Component
@ProcessingGroup(OrganisationDirectoryProjection.GROUP)
public class OrganisationDirectoryProjection {

    public static final String GROUP = "organisations";
    public static final String CITY = "CITY";
    private static final OrganisationView CITY_BUREAU =
            new OrganisationView(CITY, "市医保局", OrganisationKind.CITY, null);

    private final MongoCollection<Document> organisations;

    public OrganisationDirectoryProjection(MongoDatabase db) {
        this.organisations = db.getCollection("organisations");
    }

    @EventHandler
    void on(InstitutionDemandRegistered event) {
        upsert(new OrganisationView(event.institutionCode(), event.institutionName(), OrganisationKind.INSTITUTION,
                event.district()));
        register(districtBureau(event.district()));
    }

    /**
     * The institutions of retention calculation data (测算数据) and their districts' bureaus are registered
     * when they are new, so accounts can be created for them. A known organisation is left as it is: a
     * retention import never renames an institution or moves it to another district bureau's scope (the
     * demand files of allocation, and the accounts already created, keep deciding those); a later import
     * naming it differently changes nothing here. Insert-if-absent, so a replay or a duplicate is harmless.
     */
    @EventHandler
    void on(CalculationDataImported event) {
        for (InstitutionCalculation i : event.institutions()) {
            register(new OrganisationView(i.institutionCode(), i.institutionName(), OrganisationKind.INSTITUTION,
                    i.district()));
            if (i.district() != null && !i.district().isBlank()) {
                register(districtBureau(i.district()));
            }
        }
    }

    @ResetHandler
    void reset() {
        organisations.deleteMany(new Document());
    }

    @QueryHandler
    public OrganisationView handle(FindOrganisation query) {
        if (CITY.equals(query.code())) {
            return CITY_BUREAU;
        }
        Document d = organisations.find(eq("_id", query.code())).first();
        return d == null ? null : view(d);
    }

    @QueryHandler
    public OrganisationPage handle(ListOrganisations query) {
        List<Bson> filters = new ArrayList<>();
        if (query.kind() != null) {
            filters.add(eq("kind", query.kind().name()));
        }
        if (query.district() != null) {
            filters.add(eq("district", query.district()));
        }
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        Page<OrganisationView> slice = Paging.find(organisations, filter, Sorts.ascending("_id"), query.page(), query.size(),
                this::view);
        return new OrganisationPage(slice.items(), slice.page(), slice.size(), slice.total());
    }

    private void upsert(OrganisationView o) {
        Document d = new Document("_id", o.code()).append("name", o.name()).append("kind", o.kind().name())
                .append("district", o.district());
        organisations.replaceOne(eq("_id", o.code()), d, new ReplaceOptions().upsert(true));
    }

    private static OrganisationView districtBureau(String district) {
        return new OrganisationView(district, District.bureauNameOf(district), OrganisationKind.DISTRICT_BUREAU,
                district);
    }

    /** Inserts the organisation unless its code is already known. */
    private void register(OrganisationView o) {
        organisations.updateOne(eq("_id", o.code()), Updates.combine(Updates.setOnInsert("name", o.name()),
                Updates.setOnInsert("kind", o.kind().name()), Updates.setOnInsert("district", o.district())),
                new UpdateOptions().upsert(true));
    }

    private OrganisationView view(Document d) {
        return new OrganisationView(d.getString("_id"), d.getString("name"),
                OrganisationKind.valueOf(d.getString("kind")), d.getString("district"));
    }
}
