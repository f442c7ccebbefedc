package com.vbp.standalone.demo;

import com.vbp.events.appeal.AppealCommands.FileAppeal;
import com.vbp.events.appeal.AppealCommands.ReplyToAppeal;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.common.District;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionCommands.FileSelfAssessment;
import com.vbp.events.retention.RetentionCommands.FinaliseRetention;
import com.vbp.events.retention.RetentionCommands.ImportCalculationData;
import com.vbp.events.retention.RetentionCommands.UploadAssessmentScores;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.startup.Startup;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * At the first standalone start (empty event store) loads the demo data set through the same
 * commands a user would send: accounts {@code admin}, {@code auditor}, {@code analyst},
 * {@code bureau-<district code>} and {@code inst-<institution code>}, all with the initial password
 * {@value #DEMO_PASSWORD} (to be changed at first login), and one open procurement batch with its
 * catalogue and demand lines. Then surplus retention (结余留用): batch {@value #RETENTION_FINALISED} with
 * calculation data of every institution, self-assessments, the scores of every district but one (whose
 * institutions stay 未考核), finalised; batch {@value #RETENTION_OPEN} with calculation data only, to be tried by
 * hand; and two appeals on the finalised batch, one answered and resolved by {@code admin}, one 待处理. The
 * reporting windows are open at load time (by the application's clock), since filings must fall inside them.
 */
@Component
@ConditionalOnProperty(name = "app.demo.enabled", havingValue = "true")
public class DemoDataLoader implements ApplicationRunner {

    public static final String DEMO_PASSWORD = "Demo2026pass";
    public static final String DEMO_BATCH = "HB-ZCY-2023";
    public static final String RETENTION_FINALISED = "RET-2024-4P7";
    public static final String RETENTION_OPEN = "RET-2025-4P7";
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final String SYSTEM = "system:demo";
    private static final RetentionParameters PARAMETERS =
            new RetentionParameters(new BigDecimal("0.50"), new Score(new BigDecimal("60")), ScoreScale.LINEAR);

    private final Commands commands;
    private final EventStore eventStore;
    private final Clock clock;
    private final Startup startup;

    public DemoDataLoader(Commands commands, EventStore eventStore, ObjectProvider<Clock> clock, Startup startup) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.startup = startup;
    }

    @Override
    public void run(ApplicationArguments args) {
        TrackingToken head = eventStore.createHeadToken();
        if (head != null && head.position().orElse(-1) >= 0) {
            return; // not a fresh store: never load twice
        }
        long started = System.nanoTime();
        startup.phase("loading the demo data");
        DemoData data = DemoDataGenerator.standard();
        commands.sendAllAndAwait(List.of(
                new CreateAccount("admin", Role.ADMIN, "CITY", null, DEMO_PASSWORD, SYSTEM),
                new CreateAccount("auditor", Role.AUDITOR, "CITY", null, DEMO_PASSWORD, SYSTEM),
                new CreateAccount("analyst", Role.ANALYST, "CITY", null, DEMO_PASSWORD, SYSTEM)));
        Instant today = Clock.systemUTC().instant().truncatedTo(ChronoUnit.DAYS);
        commands.sendAndAwait(new CreateProcurementBatch(DEMO_BATCH, "湖北省中成药省际联盟集中带量采购（2023年）",
                today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(180)), null, null, SYSTEM));
        commands.sendAndAwait(new ImportCatalogue(DEMO_BATCH, data.catalogue(), SYSTEM));
        commands.sendAndAwait(new ImportDemands(DEMO_BATCH, data.demands(), SYSTEM));
        List<CreateAccount> accounts = new ArrayList<>();
        for (District district : data.districts()) {
            accounts.add(new CreateAccount("bureau-" + district.code(), Role.DISTRICT_BUREAU, district.code(),
                    district.code(), DEMO_PASSWORD, SYSTEM));
        }
        for (Institution institution : data.institutions()) {
            accounts.add(new CreateAccount("inst-" + institution.code(), Role.INSTITUTION, institution.code(),
                    institution.districtCode(), DEMO_PASSWORD, SYSTEM));
        }
        commands.sendAllAndAwait(accounts);
        long retentionStarted = System.nanoTime();
        RetentionDemoData retention = loadRetention(data);
        log.info("Demo data loaded in {} ms (retention and appeals {} ms): batch {}, {} winning products, "
                        + "{} demand lines, {} accounts; retention batches {} (finalised, {} rows) and {} (open); "
                        + "2 appeals; initial password {}", (System.nanoTime() - started) / 1_000_000,
                (System.nanoTime() - retentionStarted) / 1_000_000, DEMO_BATCH,
                data.catalogue().size(), data.demands().size(),
                3 + data.districts().size() + data.institutions().size(), RETENTION_FINALISED,
                retention.calculation().size(), RETENTION_OPEN, DEMO_PASSWORD);
        startup.demoDataLoaded(Duration.ofNanos(System.nanoTime() - started));
    }

    /** The two retention batches and the two appeals; returns the finalised batch's data. */
    private RetentionDemoData loadRetention(DemoData data) {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        RetentionDemoData finalised = RetentionDemoData.generate(RetentionDemoData.FINALISED_SEED,
                data.districts(), data.institutions());
        List<Object> batch = new ArrayList<>();
        batch.add(new CreateRetentionBatch(RETENTION_FINALISED, "国家组织药品集中采购（4+7）结余留用（2024年度）",
                today.minus(Duration.ofDays(30)), today.plus(Duration.ofDays(60)), PARAMETERS, SYSTEM));
        batch.add(new ImportCalculationData(RETENTION_FINALISED, finalised.calculation(), SYSTEM));
        finalised.selfAssessments().forEach((institution, score) ->
                batch.add(new FileSelfAssessment(RETENTION_FINALISED, institution, score, SYSTEM)));
        finalised.scores().forEach((district, rows) ->
                batch.add(new UploadAssessmentScores(RETENTION_FINALISED, district, rows, SYSTEM)));
        batch.add(new FinaliseRetention(RETENTION_FINALISED, SYSTEM));

        RetentionDemoData open = RetentionDemoData.generate(RetentionDemoData.OPEN_SEED,
                data.districts(), data.institutions());
        batch.add(new CreateRetentionBatch(RETENTION_OPEN, "国家组织药品集中采购（4+7）结余留用（2025年度）",
                today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(90)), PARAMETERS, SYSTEM));
        batch.add(new ImportCalculationData(RETENTION_OPEN, open.calculation(), SYSTEM));

        // Appeals: a low scorer's (answered and resolved by the administrator) and an unassessed one's (待处理).
        String lowScorer = finalised.lowScorers().get(0);
        String unassessed = data.institutions().stream()
                .filter(i -> i.districtCode().equals(finalised.unassessed())).findFirst().orElseThrow().code();
        String answered = appealId(1);
        batch.add(new FileAppeal(answered, RETENTION_FINALISED, lowScorer, "对医保考核评分有异议",
                "本机构2024年度医保考核评分低于60分，结余留用金额为零。经核对，考核中“药品使用监测”一项"
                        + "所依据的数据有误，本机构已按期完成约定采购量，请予复核。", List.of(), "inst-" + lowScorer));
        batch.add(new ReplyToAppeal(answered, "经复核，考核评分依据的数据无误，维持原评分。"
                + "如有新的证明材料，可重新打开本申诉并上传。", true, new Actor("admin", Role.ADMIN, "CITY")));
        batch.add(new FileAppeal(appealId(2), RETENTION_FINALISED, unassessed, "本机构未考核，结余留用金额为零",
                "本机构已按要求完成约定采购量，但结余留用结果显示“未考核”，留用金额为零。请核实区医保局是否已"
                        + "上传本机构的考核评分。", List.of(), "inst-" + unassessed));
        commands.sendAllAndAwait(batch);
        return finalised;
    }

    /** A fixed appeal id (a UUID, as the gateway makes them), so the demo data set is the same at every load. */
    static String appealId(int n) {
        return UUID.nameUUIDFromBytes(("vbp-demo-appeal-" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
