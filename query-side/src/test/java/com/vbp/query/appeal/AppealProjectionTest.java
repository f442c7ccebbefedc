package com.vbp.query.appeal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.vbp.events.appeal.AppealEvents.AppealFiled;
import com.vbp.events.appeal.AppealEvents.AppealReopened;
import com.vbp.events.appeal.AppealEvents.AppealReplied;
import com.vbp.events.appeal.AppealEvents.AppealResolved;
import com.vbp.events.appeal.AppealQueries.AppealDetail;
import com.vbp.events.appeal.AppealQueries.AppealPage;
import com.vbp.events.appeal.AppealQueries.AppealSummary;
import com.vbp.events.appeal.AppealQueries.FindAppeal;
import com.vbp.events.appeal.AppealQueries.ListAppeals;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.events.common.Role;
import com.vbp.query.config.EmbeddedMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The appeal projection on the real embedded MongoDB-wire store: given appeal events, what the lists answer. */
class AppealProjectionTest {

    private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Actor BUREAU = new Actor("bureau-420102", Role.DISTRICT_BUREAU, "420102");
    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, "CITY");
    private static final Actor H1 = new Actor("inst-h1", Role.INSTITUTION, "H1");
    private static final EvidenceFile PDF = new EvidenceFile("f1", "说明.pdf", 1234, "application/pdf", "ab".repeat(32));
    private static final EvidenceFile PNG = new EvidenceFile("f2", "scan.png", 99, "image/png", "cd".repeat(32));

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private AppealProjection projection;

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
        MongoDatabase db = client.getDatabase("vbp");
        projection = new AppealProjection(db);
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    static AppealFiled filed(String id, String batch, String institution, String district, int minutes) {
        return new AppealFiled(id, batch, batch + "批次", institution, institution + "医院", district,
                "标题" + id, "内容" + id, List.of(PDF, PNG), "inst-" + institution, AT.plusSeconds(60L * minutes));
    }

    private void fileFive() {
        projection.on(filed("A1", "B1", "H1", "420102", 1));
        projection.on(filed("A2", "B1", "H2", "420103", 2));
        projection.on(filed("A3", "B2", "H1", "420102", 3));
        projection.on(filed("A4", "B1", "H3", "420102", 4));
        projection.on(filed("A5", "B2", "H2", "420103", 5));
    }

    private AppealPage list(String batch, AppealStatus status, String institution, String district, int page,
                            int size) {
        return projection.handle(new ListAppeals(batch, status, institution, district, page, size));
    }

    private static List<String> ids(AppealPage page) {
        return page.items().stream().map(AppealSummary::appealId).toList();
    }

    @Test
    void a_filed_appeal_is_new_with_its_evidence_and_no_handler() {
        projection.on(filed("A1", "B1", "H1", "420102", 0));

        AppealDetail d = projection.handle(new FindAppeal("A1"));
        assertThat(d.summary().status()).isEqualTo(AppealStatus.NEW);
        assertThat(d.summary().batchName()).isEqualTo("B1批次");
        assertThat(d.summary().institutionName()).isEqualTo("H1医院");
        assertThat(d.summary().district()).isEqualTo("420102");
        assertThat(d.summary().filedAt()).isEqualTo(AT);
        assertThat(d.summary().handledBy()).isNull();
        assertThat(d.summary().handledAt()).isNull();
        assertThat(d.content()).isEqualTo("内容A1");
        assertThat(d.evidence()).containsExactly(PDF, PNG);
        assertThat(d.replies()).isEmpty();
        assertThat(projection.handle(new FindAppeal("NOPE"))).isNull();
    }

    @Test
    void the_list_filters_by_batch_status_institution_and_district_newest_first() {
        fileFive();
        projection.on(new AppealReplied("A2", 1, "收到", BUREAU, AppealStatus.IN_PROGRESS, AT.plusSeconds(600)));

        assertThat(ids(list(null, null, null, null, 0, 20))).containsExactly("A5", "A4", "A3", "A2", "A1");
        assertThat(ids(list("B1", null, null, null, 0, 20))).containsExactly("A4", "A2", "A1");
        assertThat(ids(list(null, null, "H1", null, 0, 20))).containsExactly("A3", "A1");
        assertThat(ids(list(null, null, null, "420102", 0, 20))).containsExactly("A4", "A3", "A1");
        assertThat(ids(list("B1", null, null, "420102", 0, 20))).containsExactly("A4", "A1");
        assertThat(ids(list(null, AppealStatus.IN_PROGRESS, null, null, 0, 20))).containsExactly("A2");
        assertThat(ids(list(null, AppealStatus.NEW, null, "420103", 0, 20))).containsExactly("A5");
        assertThat(list("B9", null, null, null, 0, 20).total()).isZero();
    }

    @Test
    void the_list_is_paged_with_the_total_of_every_page() {
        fileFive();

        AppealPage first = list(null, null, null, null, 0, 2);
        AppealPage second = list(null, null, null, null, 1, 2);
        AppealPage third = list(null, null, null, null, 2, 2);
        assertThat(ids(first)).containsExactly("A5", "A4");
        assertThat(ids(second)).containsExactly("A3", "A2");
        assertThat(ids(third)).containsExactly("A1");
        assertThat(List.of(first.total(), second.total(), third.total())).containsOnly(5L);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        assertThat(list(null, null, null, null, 3, 2).items()).isEmpty();
    }

    @Test
    void the_handler_is_the_latest_reply_and_the_status_follows_replies_resolution_and_reopening() {
        projection.on(filed("A1", "B1", "H1", "420102", 0));
        projection.on(new AppealReplied("A1", 1, "请补充材料", BUREAU, AppealStatus.IN_PROGRESS, AT.plusSeconds(60)));
        assertThat(summary("A1").status()).isEqualTo(AppealStatus.IN_PROGRESS);
        assertThat(summary("A1").handledBy()).isEqualTo("bureau-420102");
        assertThat(summary("A1").handledAt()).isEqualTo(AT.plusSeconds(60));

        projection.on(new AppealReplied("A1", 2, "已核实，予以调整", ADMIN, AppealStatus.RESOLVED, AT.plusSeconds(120)));
        projection.on(new AppealResolved("A1", ADMIN, AT.plusSeconds(120)));
        assertThat(summary("A1").status()).isEqualTo(AppealStatus.RESOLVED);
        assertThat(summary("A1").handledBy()).isEqualTo("admin");
        assertThat(summary("A1").handledAt()).isEqualTo(AT.plusSeconds(120));

        projection.on(new AppealReopened("A1", "调整金额不对", H1, AT.plusSeconds(180)));
        AppealDetail d = projection.handle(new FindAppeal("A1"));
        assertThat(d.summary().status()).isEqualTo(AppealStatus.IN_PROGRESS);
        assertThat(d.summary().handledBy()).as("a reopening is not a handling").isEqualTo("admin");
        assertThat(d.reopenReason()).isEqualTo("调整金额不对");
        assertThat(d.reopenedAt()).isEqualTo(AT.plusSeconds(180));
        assertThat(d.replies()).extracting(r -> r.number() + ":" + r.by().username() + ":" + r.status())
                .containsExactly("1:bureau-420102:IN_PROGRESS", "2:admin:RESOLVED");
        assertThat(d.replies().get(0).by()).isEqualTo(BUREAU);
        assertThat(d.replies().get(0).message()).isEqualTo("请补充材料");
    }

    @Test
    void handling_every_event_twice_and_an_earlier_reply_again_changes_nothing() {
        AppealFiled filed = filed("A1", "B1", "H1", "420102", 0);
        AppealReplied first = new AppealReplied("A1", 1, "收到", BUREAU, AppealStatus.IN_PROGRESS, AT.plusSeconds(60));
        AppealReplied second = new AppealReplied("A1", 2, "已处理", ADMIN, AppealStatus.RESOLVED, AT.plusSeconds(120));
        AppealResolved resolved = new AppealResolved("A1", ADMIN, AT.plusSeconds(120));
        projection.on(filed);
        projection.on(first);
        projection.on(second);
        projection.on(resolved);
        AppealDetail once = projection.handle(new FindAppeal("A1"));

        // a redelivery after a crash replays a prefix of the stream, in order
        projection.on(filed);
        projection.on(first);
        projection.on(second);
        projection.on(resolved);
        AppealDetail twice = projection.handle(new FindAppeal("A1"));

        assertThat(twice).isEqualTo(once);
        assertThat(twice.replies()).hasSize(2);
        assertThat(twice.summary().handledBy()).isEqualTo("admin");
        assertThat(twice.summary().status()).isEqualTo(AppealStatus.RESOLVED);
        assertThat(list(null, null, null, null, 0, 20).total()).isEqualTo(1);
    }

    @Test
    void an_earlier_reply_seen_again_after_a_later_one_keeps_the_latest_as_handler() {
        projection.on(filed("A1", "B1", "H1", "420102", 0));
        AppealReplied first = new AppealReplied("A1", 1, "收到", BUREAU, AppealStatus.IN_PROGRESS, AT.plusSeconds(60));
        projection.on(first);
        projection.on(new AppealReplied("A1", 2, "再答", ADMIN, AppealStatus.IN_PROGRESS, AT.plusSeconds(120)));
        projection.on(first);

        assertThat(summary("A1").handledBy()).isEqualTo("admin");
        assertThat(summary("A1").handledAt()).isEqualTo(AT.plusSeconds(120));
        assertThat(projection.handle(new FindAppeal("A1")).replies()).hasSize(2);
    }

    @Test
    void a_reset_clears_the_appeals_and_a_replay_rebuilds_them() {
        fileFive();
        projection.on(new AppealReplied("A1", 1, "收到", BUREAU, AppealStatus.IN_PROGRESS, AT.plusSeconds(600)));
        AppealDetail before = projection.handle(new FindAppeal("A1"));

        projection.reset();
        assertThat(list(null, null, null, null, 0, 20).total()).isZero();
        assertThat(projection.handle(new FindAppeal("A1"))).isNull();

        fileFive();
        projection.on(new AppealReplied("A1", 1, "收到", BUREAU, AppealStatus.IN_PROGRESS, AT.plusSeconds(600)));
        assertThat(projection.handle(new FindAppeal("A1"))).isEqualTo(before);
        assertThat(list(null, null, null, null, 0, 20).total()).isEqualTo(5);
    }

    @Test
    void the_list_leaves_out_content_evidence_and_replies() {
        projection.on(filed("A1", "B1", "H1", "420102", 0));
        Document stored = client.getDatabase("vbp").getCollection("appeals").find().first();
        assertThat(stored.getList("evidence", Document.class)).hasSize(2);
        AppealSummary s = list(null, null, null, null, 0, 20).items().get(0);
        assertThat(s.title()).isEqualTo("标题A1");
        assertThat(s.institutionCode()).isEqualTo("H1");
    }

    private AppealSummary summary(String id) {
        return projection.handle(new FindAppeal(id)).summary();
    }
}
