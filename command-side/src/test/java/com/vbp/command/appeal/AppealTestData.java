package com.vbp.command.appeal;

import com.vbp.events.appeal.AppealCommands.FileAppeal;
import com.vbp.events.appeal.AppealCommands.ReopenAppeal;
import com.vbp.events.appeal.AppealCommands.ReplyToAppeal;
import com.vbp.events.appeal.AppealEvents.AppealFiled;
import com.vbp.events.appeal.AppealEvents.AppealReopened;
import com.vbp.events.appeal.AppealEvents.AppealReplied;
import com.vbp.events.appeal.AppealEvents.AppealResolved;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import com.vbp.events.common.Money;
import com.vbp.events.common.Role;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.events.retention.RetentionValues.ScoreScale;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Retention batch WH-47-01 (国家4+7第一批) with H001 in district 420102 (江岸区) and H002 in 420106 (武昌区); H003 takes
 * no part. Finalised on 1 March 2024 at 08:00 UTC, so with 30 days an appeal is possible until (excluding)
 * 31 March 2024 08:00 UTC. Appeal A-1 is H001's.
 */
final class AppealTestData {

    static final String BATCH = "WH-47-01";
    static final String BATCH_NAME = "国家4+7第一批";
    static final String H001 = "H001";
    static final String H001_NAME = "武汉市第一医院";
    static final String H002 = "H002";
    static final String H003 = "H003";
    static final String JIANGAN = "420102";
    static final String WUCHANG = "420106";
    static final String APPEAL = "A-1";

    static final Instant CREATED = Instant.parse("2024-01-05T02:00:00Z");
    static final Instant IMPORTED = Instant.parse("2024-01-10T02:00:00Z");
    static final Instant FINALISED = Instant.parse("2024-03-01T08:00:00Z");
    static final Instant DEADLINE = Instant.parse("2024-03-31T08:00:00Z");
    static final Instant NOW = Instant.parse("2024-03-10T09:00:00Z");

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, "CITY");
    static final Actor JIANGAN_BUREAU = new Actor("jiangan", Role.DISTRICT_BUREAU, JIANGAN);
    static final Actor WUCHANG_BUREAU = new Actor("wuchang", Role.DISTRICT_BUREAU, WUCHANG);
    static final Actor H001_USER = new Actor("h001.user", Role.INSTITUTION, H001);
    static final Actor H002_USER = new Actor("h002.user", Role.INSTITUTION, H002);

    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private AppealTestData() {
    }

    static RetentionBatchCreated batchCreated() {
        return new RetentionBatchCreated(BATCH, BATCH_NAME, Instant.parse("2024-01-15T00:00:00Z"),
                Instant.parse("2024-02-15T00:00:00Z"), new RetentionParameters(new BigDecimal("0.50"),
                new Score(new BigDecimal("60")), ScoreScale.LINEAR), "admin", CREATED);
    }

    static InstitutionCalculation institution(String code, String name, String district) {
        return new InstitutionCalculation(code, name, district, new BigDecimal("0.7"), List.of());
    }

    static CalculationDataImported imported(InstitutionCalculation... institutions) {
        return new CalculationDataImported(BATCH, List.of(institutions), "admin", IMPORTED);
    }

    static CalculationDataImported imported() {
        return imported(institution(H001, H001_NAME, JIANGAN), institution(H002, "武昌医院", WUCHANG));
    }

    static RetentionFinalised finalised(Instant at) {
        return new RetentionFinalised(BATCH, 2, Money.of("6900.00"), "admin", at);
    }

    static RetentionRecalculated recalculated(int round, Instant at) {
        return new RetentionRecalculated(BATCH, round, "评分更正", Money.of("7000.00"), "admin", at);
    }

    static EvidenceFile pdf(String fileId) {
        return new EvidenceFile(fileId, "说明.pdf", 2048, "application/pdf", SHA);
    }

    static EvidenceFile file(String fileId, long size, String contentType, String sha256) {
        return new EvidenceFile(fileId, "证据", size, contentType, sha256);
    }

    static FileAppeal fileAppeal(String institutionCode, String title, String content, List<EvidenceFile> evidence) {
        return new FileAppeal(APPEAL, BATCH, institutionCode, title, content, evidence, "h001.user");
    }

    static FileAppeal fileAppeal(List<EvidenceFile> evidence) {
        return fileAppeal(H001, "留用金额有误", "第3行的中选产品采购金额与医院账目不符。", evidence);
    }

    static FileAppeal fileAppeal() {
        return fileAppeal(List.of(pdf("f1")));
    }

    static AppealFiled filed() {
        return new AppealFiled(APPEAL, BATCH, BATCH_NAME, H001, H001_NAME, JIANGAN, "留用金额有误",
                "第3行的中选产品采购金额与医院账目不符。", List.of(pdf("f1")), "h001.user", NOW);
    }

    static ReplyToAppeal reply(Actor by, boolean resolve) {
        return new ReplyToAppeal(APPEAL, "已核实，将重新测算。", resolve, by);
    }

    static AppealReplied replied(int number, Actor by, AppealStatus status) {
        return new AppealReplied(APPEAL, number, "已核实，将重新测算。", by, status, NOW);
    }

    static AppealResolved resolved(Actor by) {
        return new AppealResolved(APPEAL, by, NOW);
    }

    static ReopenAppeal reopen(Actor by) {
        return new ReopenAppeal(APPEAL, "重新测算后金额仍不符。", by);
    }

    static AppealReopened reopened() {
        return new AppealReopened(APPEAL, "重新测算后金额仍不符。", H001_USER, NOW);
    }

    /** A text of {@code n} characters. */
    static String chars(int n) {
        return "申".repeat(n);
    }
}
