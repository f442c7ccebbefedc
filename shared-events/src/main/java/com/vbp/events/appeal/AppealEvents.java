package com.vbp.events.appeal;

import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.appeal.AppealValues.AppealStatus;
import com.vbp.events.appeal.AppealValues.EvidenceFile;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The closed family of appeal events. */
public sealed interface AppealEvents {

    String appealId();

    /** Names and district are copied from the retention batch's calculation data at filing time. */
    @Revision("1")
    record AppealFiled(String appealId, String batchCode, String batchName, String institutionCode,
                       String institutionName, String district, String title, String content,
                       List<EvidenceFile> evidence, String by, Instant at) implements AppealEvents {
    }

    /** {@code number} counts the appeal's replies from 1; {@code status} is the status after this reply. */
    @Revision("1")
    record AppealReplied(String appealId, int number, String message, Actor by, AppealStatus status, Instant at)
            implements AppealEvents {
    }

    @Revision("1")
    record AppealResolved(String appealId, Actor by, Instant at) implements AppealEvents {
    }

    @Revision("1")
    record AppealReopened(String appealId, String reason, Actor by, Instant at) implements AppealEvents {
    }
}
