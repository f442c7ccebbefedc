package com.vbp.command.retention;

import com.vbp.command.common.Checks;
import com.vbp.command.common.RuleViolation;
import com.vbp.command.retention.RetentionFormula.InstitutionRetention;
import com.vbp.events.common.Money;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.retention.RetentionCommands.CreateRetentionBatch;
import com.vbp.events.retention.RetentionCommands.FileSelfAssessment;
import com.vbp.events.retention.RetentionCommands.FinaliseRetention;
import com.vbp.events.retention.RetentionCommands.ImportCalculationData;
import com.vbp.events.retention.RetentionCommands.RecalculateRetention;
import com.vbp.events.retention.RetentionCommands.UploadAssessmentScores;
import com.vbp.events.retention.RetentionEvents.AssessmentScoresUploaded;
import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetainedAmountCalculated;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionEvents.SelfAssessmentFiled;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import com.vbp.events.retention.RetentionValues.InstitutionScore;
import com.vbp.events.retention.RetentionValues.RetentionParameters;
import com.vbp.events.retention.RetentionValues.Score;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A retention batch (结余留用批次, DOMAIN.md Part B, RETENTION.md): its formula parameters and reporting window
 * (填报时间), the calculation data (测算数据), the institutions' self-assessments (自评分), the district bureaus'
 * assessment scores (医保考核评分), and the retained amounts it records when it is finalised and at every
 * recalculation. Each {@link RetainedAmountCalculated} carries every input of the formula, so its figures are facts
 * an auditor can redo by hand.
 *
 * <p>Rules and refusal codes:
 * <ul>
 *   <li>Creating: {@code INVALID_BATCH_CODE}, {@code INVALID_BATCH} (no name), {@code INVALID_WINDOW} (the window
 *       must open before it closes), {@code INVALID_PARAMETERS} (retentionRatio 0–1, passingScore 0–100 with at
 *       most one decimal, a scoreScale). Creating a code that exists is refused with {@code BATCH_EXISTS}: the
 *       creation handler runs with {@link AggregateCreationPolicy#CREATE_IF_MISSING}, so it sees an existing batch
 *       and refuses in the domain, rather than leaving Axon's duplicate-stream error to the gateway.</li>
 *   <li>Filing (自评分 and 考核数据上传) is accepted only inside the window {@code [opensAt, closesAt)}; outside it,
 *       before the window opens as after it closed, the refusal is {@code WINDOW_CLOSED} with the figures
 *       {@code reportingOpensAt}, {@code reportingClosesAt} and {@code now} (the message says which side).</li>
 *   <li>Self-assessment: {@code UNKNOWN_INSTITUTION} for an institution not in the calculation data,
 *       {@code INVALID_SCORE} for a score outside 0–100 or with more than one decimal. It may be changed until the
 *       deadline; filing the score the institution already has records nothing. It is shown, not used by the
 *       formula: k depends on the district bureau's score only (RETENTION.md).</li>
 *   <li>Score upload: {@code NO_CALCULATION_DATA}, {@code EMPTY_FILE}, {@code INVALID_ROWS} naming every bad row
 *       ({@link AssessmentRules}). An accepted upload replaces the uploading district's earlier scores whole: an
 *       institution left out of the later file has no score of that district any more; other districts' scores
 *       are untouched; both uploads stay in the history.</li>
 *   <li>Calculation data: {@code EMPTY_FILE}, {@code INVALID_ROWS} ({@link CalculationDataRules}). It may be
 *       imported, and re-imported (replacing the earlier data whole), before, during or after the window, <em>until
 *       the batch is finalised</em>, as the message contract says; after that {@code ALREADY_FINALISED}. So the
 *       calculation data cannot be corrected after finalising: the figures of every round come from the data the
 *       batch was finalised with. Self-assessments and scores are kept across a re-import, by institution code;
 *       a district's score counts for an institution while the current data places it in that district.</li>
 *   <li>Finalising: {@code ALREADY_FINALISED} (once only), {@code NO_CALCULATION_DATA}. It is not tied to the
 *       window, so an administrator may settle early. It records one {@link RetainedAmountCalculated} of round 1
 *       per institution, in the order of the calculation data, then {@link RetentionFinalised} with the count and
 *       the total. An institution without a score is 未考核 ({@code assessed = false}, score null) and retains
 *       0.00.</li>
 *   <li>Recalculating: {@code NOT_FINALISED} before finalising, {@code REASON_REQUIRED} without a reason. It
 *       records {@link RetentionRecalculated} of round n + 1 with the new total, then the round's
 *       {@link RetainedAmountCalculated} events, computed from the current inputs: the frozen calculation data, the
 *       batch's parameters, and the scores as they are now (scores uploaded inside the window after finalising
 *       count; after the window closed, a recalculation recomputes from the same inputs). Earlier rounds stay in
 *       the history; the read side shows the latest.</li>
 * </ul>
 * Uploads and self-assessments stay possible inside the window after finalising: they are the inputs of a
 * recalculation, and change no recorded figure by themselves.
 *
 * <p>The batch is not snapshotted: what it loads before finalising is one event per import, upload and
 * self-assessment; the many {@link RetainedAmountCalculated} events have no event-sourcing handler here, so Axon
 * skips them without reading their payloads. It needs no wiring beyond {@code @Aggregate}.
 */
@Aggregate
public class RetentionBatch {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    @AggregateIdentifier
    private String batchCode;
    private Instant opensAt;
    private Instant closesAt;
    private RetentionParameters parameters;
    /** institution code → its calculation data, in the order of the import */
    private final Map<String, InstitutionCalculation> institutions = new LinkedHashMap<>();
    /** district → institution code → score of that district's latest upload */
    private final Map<String, Map<String, Score>> scoresByDistrict = new HashMap<>();
    private final Map<String, Score> selfAssessments = new HashMap<>();
    private boolean finalised;
    private int round;

    protected RetentionBatch() {
        // for Axon, and for a creation command (CREATE_IF_MISSING)
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateRetentionBatch command, Clock clock) {
        if (batchCode != null) {
            throw new RuleViolation(RefusalCode.BATCH_EXISTS, "Retention batch " + batchCode + " already exists",
                    Map.of("batchCode", batchCode));
        }
        if (command.batchCode() == null || !CODE.matcher(command.batchCode()).matches()) {
            throw new RuleViolation(RefusalCode.INVALID_BATCH_CODE);
        }
        if (Checks.blank(command.name())) {
            throw new RuleViolation(RefusalCode.INVALID_BATCH);
        }
        if (command.reportingOpensAt() == null || command.reportingClosesAt() == null
                || !command.reportingOpensAt().isBefore(command.reportingClosesAt())) {
            Map<String, Object> figures = new HashMap<>();
            figures.put("reportingOpensAt", String.valueOf(command.reportingOpensAt()));
            figures.put("reportingClosesAt", String.valueOf(command.reportingClosesAt()));
            throw new RuleViolation(RefusalCode.INVALID_WINDOW, "The reporting window must open before it closes",
                    figures);
        }
        checkParameters(command.parameters());
        apply(new RetentionBatchCreated(command.batchCode(), command.name().trim(), command.reportingOpensAt(),
                command.reportingClosesAt(), command.parameters(), command.by(), clock.instant()));
    }

    private static void checkParameters(RetentionParameters p) {
        if (p == null) {
            throw new RuleViolation(RefusalCode.INVALID_PARAMETERS, "A batch needs its retention parameters");
        }
        if (!Checks.between(p.retentionRatio(), BigDecimal.ZERO, BigDecimal.ONE)) {
            throw new RuleViolation(RefusalCode.INVALID_PARAMETERS, "retentionRatio must be from 0 to 1",
                    figure("retentionRatio", p.retentionRatio()));
        }
        if (!AssessmentRules.validScore(p.passingScore())) {
            throw new RuleViolation(RefusalCode.INVALID_PARAMETERS,
                    "passingScore must be from 0 to 100 with at most one decimal",
                    figure("passingScore", p.passingScore() == null ? null : p.passingScore().points()));
        }
        if (p.scoreScale() == null) {
            throw new RuleViolation(RefusalCode.INVALID_PARAMETERS, "scoreScale must be LINEAR or FULL_IF_PASSED");
        }
    }

    @CommandHandler
    public void handle(ImportCalculationData command, Clock clock) {
        requireNotFinalised();
        if (isEmpty(command.rows()) && command.cellProblems().isEmpty()) {
            throw new RuleViolation(RefusalCode.EMPTY_FILE, "The calculation data has no rows");
        }
        RuleViolation.refuseInvalidRows(command.cellProblems(), CalculationDataRules.problems(rows(command.rows())));
        apply(new CalculationDataImported(batchCode, CalculationDataRules.institutions(command.rows()),
                command.by(), clock.instant()));
    }

    @CommandHandler
    public void handle(FileSelfAssessment command, Clock clock) {
        Instant now = clock.instant();
        requireWindowOpen(now);
        String institution = Checks.blank(command.institutionCode()) ? null : command.institutionCode().trim();
        if (institution == null || !institutions.containsKey(institution)) {
            throw new RuleViolation(RefusalCode.UNKNOWN_INSTITUTION, "Institution " + command.institutionCode()
                    + " is not in the calculation data of batch " + batchCode,
                    figure("institutionCode", command.institutionCode()));
        }
        if (!AssessmentRules.validScore(command.score())) {
            throw new RuleViolation(RefusalCode.INVALID_SCORE, "A score is from 0 to 100 with at most one decimal",
                    figure("score", command.score() == null ? null : command.score().points()));
        }
        Score earlier = selfAssessments.get(institution);
        if (earlier != null && earlier.points().compareTo(command.score().points()) == 0) {
            return; // the same score again: nothing changes
        }
        apply(new SelfAssessmentFiled(batchCode, institution, command.score(), command.by(), now));
    }

    @CommandHandler
    public void handle(UploadAssessmentScores command, Clock clock) {
        Instant now = clock.instant();
        requireWindowOpen(now);
        if (institutions.isEmpty()) {
            throw new RuleViolation(RefusalCode.NO_CALCULATION_DATA, "Batch " + batchCode
                    + " has no calculation data yet: there are no institutions to score");
        }
        if (isEmpty(command.rows()) && command.cellProblems().isEmpty()) {
            throw new RuleViolation(RefusalCode.EMPTY_FILE, "The assessment file has no rows");
        }
        String district = command.district() == null ? null : command.district().trim();
        RuleViolation.refuseInvalidRows(command.cellProblems(),
                AssessmentRules.problems(rows(command.rows()), district, institutions));
        List<InstitutionScore> scores = command.rows().stream()
                .map(r -> new InstitutionScore(r.institutionCode().trim(), r.score()))
                .toList();
        apply(new AssessmentScoresUploaded(batchCode, district, scores, command.by(), now));
    }

    @CommandHandler
    public void handle(FinaliseRetention command, Clock clock) {
        requireNotFinalised();
        requireCalculationData("finalising");
        Instant now = clock.instant();
        List<Result> results = calculate();
        record(results, 1, now);
        apply(new RetentionFinalised(batchCode, results.size(), total(results), command.by(), now));
    }

    @CommandHandler
    public void handle(RecalculateRetention command, Clock clock) {
        if (!finalised) {
            throw new RuleViolation(RefusalCode.NOT_FINALISED,
                    "Batch " + batchCode + " is not finalised: finalise it rather than recalculate");
        }
        if (Checks.blank(command.reason())) {
            throw new RuleViolation(RefusalCode.REASON_REQUIRED);
        }
        Instant now = clock.instant();
        int next = round + 1;
        List<Result> results = calculate();
        apply(new RetentionRecalculated(batchCode, next, command.reason().trim(), total(results), command.by(),
                now));
        record(results, next, now);
    }

    /** Every institution's figures with its current score, in the order of the calculation data; nothing applied. */
    private List<Result> calculate() {
        List<Result> results = new ArrayList<>();
        for (InstitutionCalculation c : institutions.values()) {
            Score score = scoreOf(c);
            results.add(new Result(c, score, RetentionFormula.institution(c, score, parameters)));
        }
        return results;
    }

    private static Money total(List<Result> results) {
        return results.stream().map(r -> r.figures().retained()).reduce(Money.ZERO, Money::plus);
    }

    /** One RetainedAmountCalculated per institution in {@code calculationRound}. */
    private void record(List<Result> results, int calculationRound, Instant at) {
        for (Result result : results) {
            InstitutionCalculation c = result.calculation();
            InstitutionRetention r = result.figures();
            apply(new RetainedAmountCalculated(batchCode, calculationRound, c.institutionCode(),
                    c.institutionName(), c.district(), parameters, result.score(), r.assessed(), r.factor(),
                    c.employeeShare(), r.varieties(), r.budget(), r.actual(), r.surplus(), r.retained(),
                    r.employeePart(), r.residentPart(), at));
        }
    }

    private record Result(InstitutionCalculation calculation, Score score, InstitutionRetention figures) {
    }

    /** The score of the institution's district for it; null when that district has not scored it (未考核). */
    private Score scoreOf(InstitutionCalculation c) {
        return scoresByDistrict.getOrDefault(c.district(), Map.of()).get(c.institutionCode());
    }

    private static boolean isEmpty(List<?> rows) {
        return rows == null || rows.isEmpty();
    }

    private static <T> List<T> rows(List<T> rows) {
        return rows == null ? List.of() : rows;
    }

    private void requireNotFinalised() {
        if (finalised) {
            throw new RuleViolation(RefusalCode.ALREADY_FINALISED, "Batch " + batchCode + " is already finalised",
                    figure("round", round));
        }
    }

    private void requireCalculationData(String what) {
        if (institutions.isEmpty()) {
            throw new RuleViolation(RefusalCode.NO_CALCULATION_DATA,
                    "Import the calculation data of batch " + batchCode + " before " + what + " it");
        }
    }

    private void requireWindowOpen(Instant now) {
        boolean early = now.isBefore(opensAt);
        if (early || !now.isBefore(closesAt)) {
            throw new RuleViolation(RefusalCode.WINDOW_CLOSED, "The reporting window of batch " + batchCode
                    + (early ? " has not opened yet" : " has closed"),
                    Map.of("reportingOpensAt", opensAt.toString(), "reportingClosesAt", closesAt.toString(),
                            "now", now.toString()));
        }
    }

    private static Map<String, Object> figure(String name, Object value) {
        Map<String, Object> figures = new HashMap<>();
        figures.put(name, value == null ? "null" : value instanceof BigDecimal d ? d.toPlainString() : value);
        return figures;
    }

    @EventSourcingHandler
    void on(RetentionBatchCreated event) {
        batchCode = event.batchCode();
        opensAt = event.reportingOpensAt();
        closesAt = event.reportingClosesAt();
        parameters = event.parameters();
    }

    @EventSourcingHandler
    void on(CalculationDataImported event) {
        institutions.clear();
        event.institutions().forEach(i -> institutions.put(i.institutionCode(), i));
    }

    @EventSourcingHandler
    void on(SelfAssessmentFiled event) {
        selfAssessments.put(event.institutionCode(), event.score());
    }

    @EventSourcingHandler
    void on(AssessmentScoresUploaded event) {
        Map<String, Score> scores = new HashMap<>();
        event.scores().forEach(s -> scores.put(s.institutionCode(), s.score()));
        scoresByDistrict.put(event.district(), scores);
    }

    @EventSourcingHandler
    void on(RetentionFinalised event) {
        finalised = true;
        round = 1;
    }

    @EventSourcingHandler
    void on(RetentionRecalculated event) {
        round = event.round();
    }
}
