package com.vbp.command.appeal;

import com.vbp.events.retention.RetentionEvents.CalculationDataImported;
import com.vbp.events.retention.RetentionEvents.RetentionBatchCreated;
import com.vbp.events.retention.RetentionEvents.RetentionFinalised;
import com.vbp.events.retention.RetentionEvents.RetentionRecalculated;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an appeal needs to know of a retention batch, folded from the batch's own events in their order: whether it
 * exists and its name ({@code RetentionBatchCreated}), who takes part in it with name and district (the latest
 * {@code CalculationDataImported}, which replaces any earlier import whole) and its latest calculation round
 * ({@code RetentionFinalised} is round 1, each {@code RetentionRecalculated} the round it names). Every other event,
 * of the batch or of anything else, changes nothing.
 * <p>
 * A plain fold, so that it is tested without an event store; {@link RetentionFacts} feeds it from one.
 */
public final class RetentionBatchFacts {

    /** An institution of the batch's current calculation data. */
    public record Participant(String institutionCode, String institutionName, String district) {
    }

    /** A calculation round: 1 at finalising, then one per recalculation, and when it was computed. */
    public record Round(int number, Instant at) {
    }

    private final String batchCode;
    private String name;
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private Round latestRound;

    public RetentionBatchFacts(String batchCode) {
        this.batchCode = batchCode;
    }

    /** The facts of batch {@code batchCode} after {@code events}, oldest first. */
    public static RetentionBatchFacts fold(String batchCode, Iterable<?> events) {
        RetentionBatchFacts facts = new RetentionBatchFacts(batchCode);
        events.forEach(facts::apply);
        return facts;
    }

    /** Folds one more event in; anything that is not one of the four events above is ignored. */
    public RetentionBatchFacts apply(Object event) {
        if (event instanceof RetentionBatchCreated created) {
            name = created.name();
        } else if (event instanceof CalculationDataImported imported) {
            participants.clear();
            if (imported.institutions() != null) {
                for (InstitutionCalculation i : imported.institutions()) {
                    participants.put(i.institutionCode(),
                            new Participant(i.institutionCode(), i.institutionName(), i.district()));
                }
            }
        } else if (event instanceof RetentionFinalised finalised) {
            latestRound = new Round(1, finalised.at());
        } else if (event instanceof RetentionRecalculated recalculated) {
            latestRound = new Round(recalculated.round(), recalculated.at());
        }
        return this;
    }

    public String batchCode() {
        return batchCode;
    }

    /** True once the batch was created. */
    public boolean exists() {
        return name != null;
    }

    public String name() {
        return name;
    }

    /** The institution as the current calculation data names it; empty when it takes no part in the batch. */
    public Optional<Participant> participant(String institutionCode) {
        return Optional.ofNullable(institutionCode == null ? null : participants.get(institutionCode));
    }

    /** The latest calculation round; empty while the batch is not finalised. */
    public Optional<Round> latestRound() {
        return Optional.ofNullable(latestRound);
    }
}
