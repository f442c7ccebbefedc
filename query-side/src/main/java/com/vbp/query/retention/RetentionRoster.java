package com.vbp.query.retention;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static com.mongodb.client.model.Filters.eq;

/**
 * The institutions of a retention batch's current calculation data, sorted by institution code: one
 * document per batch ({@code _id = batch}) whose {@code institutions} field every import replaces whole, so
 * institutions missing from a new import disappear. The embedded store has no secondary index, so a
 * projection finds a batch's or a district's institutions here (one key lookup) and then reads their own
 * documents by {@code _id}. The field is written with {@code $set}, so a projection may keep other
 * per-batch fields in the same document.
 */
final class RetentionRoster {

    /** One institution of the calculation data: what 测算数据基本信息 shows of it, without its scores. */
    record Entry(String institutionCode, String institutionName, String district, BigDecimal employeeShare,
                 int varieties) {
    }

    private final MongoCollection<Document> rosters;

    RetentionRoster(MongoCollection<Document> rosters) {
        this.rosters = rosters;
    }

    MongoCollection<Document> collection() {
        return rosters;
    }

    void replace(String batch, List<InstitutionCalculation> institutions) {
        List<Document> entries = institutions.stream()
                .sorted(Comparator.comparing(InstitutionCalculation::institutionCode))
                .map(i -> new Document("code", i.institutionCode()).append("name", i.institutionName())
                        .append("district", i.district()).append("employeeShare", RetentionDocs.dec(i.employeeShare()))
                        .append("varieties", i.varieties() == null ? 0 : i.varieties().size()))
                .toList();
        rosters.updateOne(eq("_id", batch), Updates.set("institutions", entries), new UpdateOptions().upsert(true));
    }

    List<Entry> entries(String batch) {
        Document d = rosters.find(eq("_id", batch)).projection(Projections.include("institutions")).first();
        if (d == null) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        d.getList("institutions", Document.class, List.of()).forEach(e -> entries.add(new Entry(
                e.getString("code"), e.getString("name"), e.getString("district"),
                RetentionDocs.dec(e, "employeeShare"), e.getInteger("varieties", 0))));
        return entries;
    }

    /** The batch's institutions narrowed to an institution code and/or a district (exact; null = any), by code. */
    List<Entry> scope(String batch, String institution, String district) {
        return entries(batch).stream()
                .filter(e -> institution == null || institution.equals(e.institutionCode()))
                .filter(e -> district == null || district.equals(e.district()))
                .toList();
    }

    /** Every batch with a roster document, by code. */
    List<String> batches() {
        List<String> batches = new ArrayList<>();
        rosters.find().projection(Projections.include("_id")).forEach(d -> batches.add(d.getString("_id")));
        batches.sort(Comparator.naturalOrder());
        return batches;
    }

    void clear() {
        rosters.deleteMany(new Document());
    }
}
