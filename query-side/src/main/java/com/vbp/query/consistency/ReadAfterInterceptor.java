package com.vbp.query.consistency;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryMessage;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.vbp.events.common.ConsistencyQueries.READ_AFTER;

/**
 * Read-your-writes on the read: a query carrying {@code readAfter} metadata (the gateway's position for the
 * request) is answered once the projections that answer it have reached that position, and only those. Past the
 * timeout it is refused as {@code READ_MODEL_BEHIND} (503 with {@code Retry-After} at the gateway) rather than
 * answered with figures older than the client's own last write. Queries no projection answers (the event history,
 * the barrier itself) do not wait.
 */
public class ReadAfterInterceptor implements MessageHandlerInterceptor<QueryMessage<?, ?>> {

    private final ProjectionBarrier barrier;
    private final ProjectionQueries queries;
    private final long timeoutMillis;

    public ReadAfterInterceptor(ProjectionBarrier barrier, ProjectionQueries queries, long timeoutMillis) {
        this.barrier = barrier;
        this.queries = queries;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Object handle(UnitOfWork<? extends QueryMessage<?, ?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        QueryMessage<?, ?> query = unitOfWork.getMessage();
        if (query.getMetaData().get(READ_AFTER) instanceof Number n && n.longValue() >= 0) {
            Set<String> groups = queries.groupsAnswering(query.getPayloadType());
            if (!groups.isEmpty()) {
                List<String> lagging = barrier.await(n.longValue(), groups, timeoutMillis);
                if (!lagging.isEmpty()) {
                    throw new QueryExecutionException("Read models " + lagging + " have not reached position "
                            + n.longValue(), null, new Refusal(RefusalCode.READ_MODEL_BEHIND,
                            "The figures are still being updated with your last change; try again in a moment",
                            Map.of("position", n.longValue(), "lagging", lagging), List.of()));
                }
            }
        }
        return chain.proceed();
    }
}
