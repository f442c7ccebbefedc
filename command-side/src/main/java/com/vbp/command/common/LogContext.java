package com.vbp.command.common;

import com.vbp.events.audit.AuditQueries.MetaDataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * While a command is handled, the logging MDC holds the {@code correlationId} of the HTTP request that sent it and
 * its {@code user} (the sending account), the names the gateway logs them under, so that a request can be followed
 * across the processes' logs. The values in place before are put back afterwards: in the standalone process the
 * command is handled on the request's own thread, whose MDC must stay as it was.
 */
public class LogContext implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** The gateway's MDC names (its {@code RequestCorrelation} and security chain), from the command's metadata. */
    private static final Map<String, String> MDC_FROM_METADATA = Map.of(
            "correlationId", MetaDataKeys.CORRELATION_ID,
            "user", MetaDataKeys.ACCOUNT);

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        MetaData metaData = unitOfWork.getMessage().getMetaData();
        Map<String, String> before = new HashMap<>();
        MDC_FROM_METADATA.forEach((mdcKey, metaDataKey) -> {
            Object value = metaData.get(metaDataKey);
            if (value != null) {
                before.put(mdcKey, MDC.get(mdcKey));
                MDC.put(mdcKey, value.toString());
            }
        });
        try {
            return chain.proceed();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            });
        }
    }
}
