package com.vbp.command.audit;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import org.axonframework.queryhandling.QueryExecutionException;

import java.util.List;
import java.util.Map;

/**
 * A refused audit query: Axon's {@link QueryExecutionException} whose details are the {@link Refusal}, the form that
 * crosses Axon Server, as {@code RefusalInterceptor} does for commands.
 */
final class AuditRefusals {

    private AuditRefusals() {
    }

    static QueryExecutionException refuse(RefusalCode code, String message, Map<String, Object> figures) {
        return new QueryExecutionException(code + ": " + message, null,
                new Refusal(code, message, figures, List.of()));
    }
}
