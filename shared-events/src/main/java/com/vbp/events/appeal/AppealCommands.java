package com.vbp.events.appeal;

import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Commands on an appeal; its identifier is chosen by the gateway (a UUID). */
public final class AppealCommands {

    private AppealCommands() {
    }

    /**
     * Files an appeal of {@code institutionCode} on retention batch {@code batchCode}; the evidence files are
     * already in GridFS (the gateway deletes them again when this command is refused).
     */
    public record FileAppeal(@TargetAggregateIdentifier String appealId, String batchCode, String institutionCode,
                             String title, String content, List<EvidenceFile> evidence, String by) {
    }

    /** A reply by the administrator or the district bureau of the appeal's institution; may resolve it. */
    public record ReplyToAppeal(@TargetAggregateIdentifier String appealId, String message, boolean resolve,
                                Actor by) {
    }

    /** The institution reopens its resolved appeal, once, with a reason. */
    public record ReopenAppeal(@TargetAggregateIdentifier String appealId, String reason, Actor by) {
    }
}
