package com.vbp.gateway.retention;

import com.vbp.events.common.RefusalCode;
import com.vbp.events.retention.RetentionQueries.FindRetentionBatch;
import com.vbp.events.retention.RetentionQueries.RetentionBatchView;
import com.vbp.events.retention.RetentionQueries.RetentionStatus;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.retention.RetentionViews.BatchResponse;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * The retention batches as the endpoints need them: an unknown batch is 404 {@code UNKNOWN_BATCH}, and a
 * batch's status is computed from the reporting window and the application's clock (the {@code clock}
 * bean where there is one, so tests can move it).
 */
@Component
class RetentionBatches {

    private final QueryGateway queries;
    private final Clock clock;

    RetentionBatches(QueryGateway queries, ObjectProvider<Clock> clock) {
        this.queries = queries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    RetentionBatchView find(String batch) {
        return queries.query(new FindRetentionBatch(batch), RetentionBatchView.class).join();
    }

    RetentionBatchView existing(String batch) {
        RetentionBatchView view = find(batch);
        if (view == null) {
            throw new Refused(RefusalCode.UNKNOWN_BATCH, "No retention batch " + batch);
        }
        return view;
    }

    BatchResponse response(RetentionBatchView v) {
        return BatchResponse.of(v, status(v, clock.instant()));
    }

    /** FINALISED once the amounts are recorded; otherwise where {@code now} is relative to [opensAt, closesAt). */
    static RetentionStatus status(RetentionBatchView v, Instant now) {
        if (v.finalised()) {
            return RetentionStatus.FINALISED;
        }
        if (now.isBefore(v.reportingOpensAt())) {
            return RetentionStatus.NOT_OPEN;
        }
        return now.isBefore(v.reportingClosesAt()) ? RetentionStatus.OPEN : RetentionStatus.CLOSED;
    }
}
