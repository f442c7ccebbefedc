package com.vbp.gateway.consistency;

import com.vbp.events.common.ConsistencyQueries;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.queryhandling.QueryMessage;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Puts the position a request's reads must see on every query it sends, as metadata: the query side waits there,
 * for the projections that answer that query only (query-side {@code ReadAfterInterceptor}). Runs on the request's
 * thread, where {@link ReadPositions} finds the request and its token.
 */
public class ReadAfterMetaData implements MessageDispatchInterceptor<QueryMessage<?, ?>> {

    private final ReadPositions positions;

    public ReadAfterMetaData(ReadPositions positions) {
        this.positions = positions;
    }

    @Override
    public BiFunction<Integer, QueryMessage<?, ?>, QueryMessage<?, ?>> handle(List<? extends QueryMessage<?, ?>> messages) {
        return (index, query) -> {
            if (query.getMetaData().containsKey(ConsistencyQueries.READ_AFTER)) {
                return query; // the sender chose (ReadPositions.withoutWaiting)
            }
            long position = positions.required();
            return position < 0 ? query
                    : query.andMetaData(Map.of(ConsistencyQueries.READ_AFTER, position));
        };
    }
}
