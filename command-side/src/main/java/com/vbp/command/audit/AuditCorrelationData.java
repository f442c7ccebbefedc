package com.vbp.command.audit;

import com.vbp.events.audit.AuditQueries.MetaDataKeys;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Who sent a command ({@code account}, {@code organisation}, {@code role}), the HTTP request it came from
 * ({@code correlationId}) and its {@code idempotencyKey}, copied from the command's metadata onto every event its
 * unit of work applies. The gateway's one dispatch interceptor puts them on the command; no handler writes them.
 * <p>
 * It includes Axon's {@link MessageOriginProvider}, whose auto-configured bean gives way as soon as any
 * {@link CorrelationDataProvider} bean is declared: {@code traceId} stays the identifier of the first message of the
 * chain (the command), and {@code correlationId} the identifier of the message that caused the event, except that a
 * command sent from an HTTP request carries that request's correlation id, which then wins. One provider rather than
 * two ordered beans, so that which value wins does not depend on bean ordering.
 */
public class AuditCorrelationData implements CorrelationDataProvider {

    private final MessageOriginProvider origin = new MessageOriginProvider();

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>(origin.correlationDataFor(message));
        MetaData metaData = message.getMetaData();
        for (String key : MetaDataKeys.COPIED) {
            Object value = metaData.get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        return data;
    }
}
