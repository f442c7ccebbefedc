package com.vbp.command.retention;

import com.vbp.command.common.Checks;
import com.vbp.command.common.RuleViolation;
import com.vbp.command.retention.RetentionFormula.InstitutionRetention;
import com.vbp.events.common.Money;
import com.vbp.events.common.RowProblem;
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
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A retention batch (结余留用批次, RETENTION.md): its parameters and reporting window (填报时间), the
 * calculation data (测算数据), the districts' assessment scores, and the retained amounts it records
 * when it is finalised and at every recalculation.
 *
 * <p>Decisions:
 * <ul>
 *   <li>Self-assessments and score uploads are accepted only inside the window [opensAt, closesAt).</li>
 *   <li>The calculation data may be replaced until the batch is finalised, whatever the window.</li>
 *   <li>Finalising is not tied to the window: it may happen before the window closes (an early
 *       settlement) or after. Scores uploaded after an early finalising (while the window is still open)
 *       are recorded but change no figure until an explicit {@code RecalculateRetention}; the calculation
 *       data is frozen at finalising. So after finalising, uploads are allowed only as the input of a
 *       recalculation, and a recalculation after the window closed recomputes from the same inputs.</li>
 *   <li>A district's score for an institution counts while that institution belongs to the district in the
 *       current calculation data; an institution without such a score is 未考核 and retains nothing.</li>
 * </ul>
 */
@Aggregate
public class RetentionBatch {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");

    @AggregateIdentifier
    private String batchCode;
    private Instant opensAt;
    private Instant closesAt;
    private RetentionParameters parameters;
    private final Map<String, InstitutionCalculation> institutions = new LinkedHashMap<>();
    private final Map<String, Map<String, Score>> scoresByDistrict = new HashMap<>();
    private boolean finalised;
    private int round;

    protected RetentionBatch() {
        // for Axon
    }

    @CommandHandler
    public RetentionBatch(CreateRetentionBatch command, Clock clock) {
        if (command.batchCode() == null || !CODE.matcher(command.batchCode()).matches()) {
            throw new RuleViolation("INVALID_BATCH_CODE",
                    "A batch code has 1 to 40 letters, digits, '_' or '-', starting with a letter or digit");
        }
        if (Checks.blank(command.name())) {
            throw new RuleViolation("INVALID_BATCH", "A batch needs a name");
        }
        if (command.reportingOpensAt() == null || command.reportingClosesAt() == null
                || !command.reportingOpensAt().isBefore(command.reportingClosesAt())) {
            Map<String, Object> figures = new HashMap<>();
            figures.put("reportingOpensAt", String.valueOf(command.reportingOpensAt()));
            figures.put("reportingClosesAt", String.valueOf(command.reportingClosesAt()));
            throw new RuleViolation("INVALID_WINDOW", "The reporting window must open before it closes", figures);
        }
        checkParameters(command.parameters());
        apply(new RetentionBatchCreated(command.batchCode(), command.name().trim(), command.reportingOpensAt(),
                command.reportingClosesAt(), command.parameters(), command.by(), clock.instant()));
    }

    private static void checkParameters(RetentionParameters p) {
        if (p == null) {
            throw new RuleViolation("INVALID_PARAMETERS", "A batch needs its retention parameters");
        }
        if (!Checks.between(p.retentionRatio(), BigDecimal.ZERO, BigDecimal.ONE)) {
            throw new RuleViolation("INVALID_PARAMETERS", "The retention ratio must be from 0 to 1",
                    figure("retentionRatio", p.retentionRatio()));
        }
        if (!AssessmentRules.validScore(p.passingScore())) {
            throw new RuleViolation("INVALID_PARAMETERS",
                    "The passing score must be from 0 to 100 with at most one decimal",
                    figure("passingScore", p.passingScore() == null ? null : p.passingScore().points()));
        }
        if (p.scoreScale() == null) {
            throw new RuleViolation("INVALID_PARAMETERS", "The score scale must be LINEAR or FULL_IF_PASSED");
        }
    }

    @CommandHandler
    public void handle(ImportCalculationData command, Clock clock) {
        requireNotFinalised();
        if (command.rows() == null || command.rows().isEmpty()) {
            throw new RuleViolation("EMPTY_FILE", "The calculation data has no rows");
        }
        List<RowProblem> problems = CalculationDataRules.problems(command.rows());
        if (!problems.isEmpty()) {
            throw new RuleViolation("INVALID_ROWS",
                    "The calculation data has " + problems.size() + " problem(s)", problems);
        }
        apply(new CalculationDataImported(batchCode, CalculationDataRules.institutions(command.rows()),
                command.by(), clock.instant()));
    }

    @CommandHandler
    public void handle(FileSelfAssessment command, Clock clock) {
        requireWindowOpen(clock);
        String institution = command.institutionCode() == null ? null : command.institutionCode().trim();
        if (institution == null || !institutions.containsKey(institution)) {
            throw new RuleViolation("UNKNOWN_INSTITUTION", "Institution " + command.institutionCode()
                    + " is not in the calculation data of batch " + batchCode);
        }
        if (!AssessmentRules.validScore(command.score())) {
            throw new RuleViolation("INVALID_SCORE", "A score is from 0 to 100 with at most one decimal",
                    figure("score", command.score() == null ? null : command.score().points()));
        }
        apply(new SelfAssessmentFiled(batchCode, institution, command.score(), command.by(), clock.instant()));
    }

    @CommandHandler
    public void handle(UploadAssessmentScores command, Clock clock) {
        requireWindowOpen(clock);
        if (command.rows() == null || command.rows().isEmpty()) {
            throw new RuleViolation("EMPTY_FILE", "The assessment file has no rows");
        }
        List<RowProblem> problems = AssessmentRules.problems(command.rows(), command.district(), institutions);
        if (!problems.isEmpty()) {
            throw new RuleViolation("INVALID_ROWS",
                    "The assessment file has " + problems.size() + " problem(s)", problems);
        }
        List<InstitutionScore> scores = command.rows().stream()
                .map(r -> new InstitutionScore(r.institutionCode().trim(), r.score()))
                .toList();
        apply(new AssessmentScoresUploaded(batchCode, command.district(), scores, command.by(), clock.instant()));
    }

    @CommandHandler
    public void handle(FinaliseRetention command, Clock clock) {
        requireNotFinalised();
        if (institutions.isEmpty()) {
            throw new RuleViolation("NO_CALCULATION_DATA",
                    "Import the calculation data of batch " + batchCode + " before finalising it");
        }
        Instant now = clock.instant();
        Money total = calculate(1, now);
        apply(new RetentionFinalised(batchCode, institutions.size(), total, command.by(), now));
    }

    @CommandHandler
    public void handle(RecalculateRetention command, Clock clock) {
        if (!finalised) {
            throw new RuleViolation("NOT_FINALISED",
                    "Batch " + batchCode + " is not finalised: finalise it rather than recalculate");
        }
        if (Checks.blank(command.reason())) {
            throw new RuleViolation("REASON_REQUIRED", "A recalculation needs a reason");
        }
        Instant now = clock.instant();
        int next = round + 1;
        apply(new RetentionRecalculated(batchCode, next, command.reason().trim(), total(), command.by(), now));
        calculate(next, now);
    }

    /** Applies one RetainedAmountCalculated per institution in {@code calculationRound}; returns ΣR. */
    private Money calculate(int calculationRound, Instant now) {
        Money total = Money.ZERO;
        for (InstitutionCalculation c : institutions.values()) {
            Score score = scoreOf(c);
            InstitutionRetention r = RetentionFormula.institution(c, score, parameters);
            apply(new RetainedAmountCalculated(batchCode, calculationRound, c.institutionCode(),
                    c.institutionName(), c.district(), parameters, score, r.assessed(), r.factor(),
                    c.employeeShare(), r.varieties(), r.budget(), r.actual(), r.surplus(), r.retained(),
                    r.employeePart(), r.residentPart(), now));
            total = total.plus(r.retained());
        }
        return total;
    }

    /** ΣR over the current data, without applying anything. */
    private Money total() {
        return institutions.values().stream()
                .map(c -> RetentionFormula.institution(c, scoreOf(c), parameters).retained())
                .reduce(Money.ZERO, Money::plus);
    }

    private Score scoreOf(InstitutionCalculation c) {
        return scoresByDistrict.getOrDefault(c.district(), Map.of()).get(c.institutionCode());
    }

    private void requireNotFinalised() {
        if (finalised) {
            throw new RuleViolation("ALREADY_FINALISED", "Batch " + batchCode + " is already finalised",
                    figure("round", round));
        }
    }

    private void requireWindowOpen(Clock clock) {
        Instant now = clock.instant();
        if (now.isBefore(opensAt) || !now.isBefore(closesAt)) {
            throw new RuleViolation("WINDOW_CLOSED", "The reporting window of batch " + batchCode
                    + (now.isBefore(opensAt) ? " has not opened yet" : " has closed"),
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
