package com.vbp.command.appeal;

import com.vbp.command.appeal.RetentionBatchFacts.Participant;
import com.vbp.command.appeal.RetentionBatchFacts.Round;
import com.vbp.command.common.Checks;
import com.vbp.command.common.RuleViolation;
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
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An institution's appeal (申诉, seed 003 §4.3) on a retention batch, and its handling:
 * <pre>
 * filed                               → NEW 待处理          (no reply yet)
 * NEW or IN_PROGRESS, reply           → IN_PROGRESS 处理中  (answered, still open)
 * NEW or IN_PROGRESS, reply + resolve → RESOLVED 已处理     (AppealReplied, then AppealResolved)
 * RESOLVED, reopen (once)             → IN_PROGRESS 处理中
 * </pre>
 * Filing (see {@link #Appeal(FileAppeal, RetentionFacts, AppealPeriod, Clock)}) checks the texts and evidence
 * ({@link AppealRules}), then the batch: it exists ({@code UNKNOWN_BATCH}), the institution is in its current
 * calculation data ({@code NOT_A_PARTICIPANT}), and the appeal period is not over ({@code APPEAL_PERIOD_OVER}).
 * <p>
 * Replies come from the administrator or from the district bureau whose organisation is the appeal's district;
 * reopening from the institution itself; anyone else is refused with {@code NOT_YOUR_APPEAL}, before any state of the
 * appeal is revealed. A resolved appeal takes no reply ({@code APPEAL_RESOLVED}); only a resolved appeal can be
 * reopened ({@code APPEAL_NOT_RESOLVED}), and only once ({@code ALREADY_REOPENED}, whatever its status).
 * <p>
 * The institution may appeal before the batch is finalised (an objection to the calculation data) and until
 * {@link AppealPeriod} days after the batch's latest calculation round, finalisation or recalculation: a
 * recalculation brings new figures one may object to.
 */
@Aggregate
public class Appeal {

    @AggregateIdentifier
    private String appealId;
    private String institutionCode;
    private String district;
    private AppealStatus status;
    private int replies;
    private boolean reopened;

    protected Appeal() {
        // for Axon
    }

    /** 申诉: the batch's facts are read from its events; names and district are copied into the event. */
    @CommandHandler
    public Appeal(FileAppeal command, RetentionFacts retention, AppealPeriod period, Clock clock) {
        String title = AppealRules.title(command.title());
        String content = AppealRules.content(command.content());
        List<EvidenceFile> evidence = AppealRules.evidence(command.evidence());
        Instant now = clock.instant();
        RetentionBatchFacts batch = Checks.blank(command.batchCode())
                ? new RetentionBatchFacts(command.batchCode()) : retention.of(command.batchCode());
        if (!batch.exists()) {
            throw new RuleViolation(RefusalCode.UNKNOWN_BATCH, "There is no retention batch " + command.batchCode(),
                    Map.of("batchCode", String.valueOf(command.batchCode())));
        }
        Participant institution = batch.participant(command.institutionCode()).orElseThrow(() ->
                new RuleViolation(RefusalCode.NOT_A_PARTICIPANT, "Institution " + command.institutionCode()
                        + " takes no part in retention batch " + command.batchCode(),
                        Map.of("batchCode", command.batchCode(),
                                "institutionCode", String.valueOf(command.institutionCode()))));
        batch.latestRound().ifPresent(round -> requireWithinPeriod(round, period, now));
        apply(new AppealFiled(command.appealId(), command.batchCode(), batch.name(), institution.institutionCode(),
                institution.institutionName(), institution.district(), title, content, evidence, command.by(), now));
    }

    /** 回复: a reply, which may resolve the appeal (then AppealResolved follows AppealReplied). */
    @CommandHandler
    public void handle(ReplyToAppeal command, Clock clock) {
        Actor by = command.by();
        if (!mayReply(by)) {
            throw notYourAppeal("reply to");
        }
        if (status == AppealStatus.RESOLVED) {
            throw new RuleViolation(RefusalCode.APPEAL_RESOLVED, "Appeal " + appealId
                    + " is resolved; the institution may reopen it", Map.of("appealId", appealId));
        }
        String message = AppealRules.reply(command.message());
        Instant now = clock.instant();
        AppealStatus after = command.resolve() ? AppealStatus.RESOLVED : AppealStatus.IN_PROGRESS;
        apply(new AppealReplied(appealId, replies + 1, message, by, after, now));
        if (command.resolve()) {
            apply(new AppealResolved(appealId, by, now));
        }
    }

    /** The institution reopens its resolved appeal, once, with a reason; the appeal is in progress again. */
    @CommandHandler
    public void handle(ReopenAppeal command, Clock clock) {
        Actor by = command.by();
        if (by == null || by.role() != Role.INSTITUTION || !institutionCode.equals(by.organisation())) {
            throw notYourAppeal("reopen");
        }
        if (reopened) {
            throw new RuleViolation(RefusalCode.ALREADY_REOPENED, "Appeal " + appealId + " was reopened once already",
                    Map.of("appealId", appealId));
        }
        if (status != AppealStatus.RESOLVED) {
            throw new RuleViolation(RefusalCode.APPEAL_NOT_RESOLVED, "Appeal " + appealId + " is not resolved ("
                    + status.label() + "); only a resolved appeal can be reopened",
                    Map.of("appealId", appealId, "status", status.name()));
        }
        String reason = AppealRules.reason(command.reason());
        apply(new AppealReopened(appealId, reason, by, clock.instant()));
    }

    private static void requireWithinPeriod(Round round, AppealPeriod period, Instant now) {
        Instant deadline = period.deadlineAfter(round.at());
        if (!now.isBefore(deadline)) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("finalisedAt", round.at().toString());
            figures.put("round", round.number());
            figures.put("deadline", deadline.toString());
            figures.put("windowDays", period.days());
            figures.put("now", now.toString());
            throw new RuleViolation(RefusalCode.APPEAL_PERIOD_OVER, "Appeals on this batch were possible until "
                    + deadline + ", " + period.days() + " days after calculation round " + round.number() + " at "
                    + round.at(),
                    figures);
        }
    }

    private boolean mayReply(Actor by) {
        if (by == null || by.role() == null) {
            return false;
        }
        return by.role() == Role.ADMIN
                || (by.role() == Role.DISTRICT_BUREAU && district != null && district.equals(by.organisation()));
    }

    private RuleViolation notYourAppeal(String action) {
        return new RuleViolation(RefusalCode.NOT_YOUR_APPEAL, "You may not " + action + " appeal " + appealId,
                Map.of("appealId", appealId));
    }

    @EventSourcingHandler
    void on(AppealFiled event) {
        appealId = event.appealId();
        institutionCode = event.institutionCode();
        district = event.district();
        status = AppealStatus.NEW;
    }

    @EventSourcingHandler
    void on(AppealReplied event) {
        replies = event.number();
        status = event.status();
    }

    @EventSourcingHandler
    void on(AppealResolved event) {
        status = AppealStatus.RESOLVED;
    }

    @EventSourcingHandler
    void on(AppealReopened event) {
        reopened = true;
        status = AppealStatus.IN_PROGRESS;
    }
}
