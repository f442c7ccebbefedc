package com.vbp.gateway.batch;

import com.vbp.events.common.RefusalCode;
import com.vbp.events.procurement.ProcurementQueries.FindProcurementBatch;
import com.vbp.events.procurement.ProcurementQueries.ProcurementBatchView;
import com.vbp.events.retention.RetentionQueries.FindRetentionBatch;
import com.vbp.events.retention.RetentionQueries.RetentionBatchView;
import com.vbp.gateway.problem.Refused;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A batch code is used once across both kinds of batch: procurement and retention batches are aggregates
 * identified by their code in one event store, so a second batch of either kind with a taken code would collide
 * there. Checked before the creation command, so the caller hears which batch has the code (409
 * {@code BATCH_EXISTS}); a creation racing past this check still ends in the event store's 409 {@code CONFLICT}.
 */
@Component
public class BatchCodes {

    private final QueryGateway queries;

    public BatchCodes(QueryGateway queries) {
        this.queries = queries;
    }

    /** Refuses {@code code} when a batch of either kind already has it. */
    public void requireFree(String code) {
        if (queries.query(new FindProcurementBatch(code), ProcurementBatchView.class).join() != null) {
            throw taken("A procurement batch already has the code " + code + "; choose another");
        }
        if (queries.query(new FindRetentionBatch(code), RetentionBatchView.class).join() != null) {
            throw taken("A retention batch already has the code " + code + "; choose another");
        }
    }

    private static Refused taken(String message) {
        return new Refused(RefusalCode.BATCH_EXISTS, message);
    }
}
