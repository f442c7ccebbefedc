package com.vbp.gateway.audit;

import com.vbp.events.audit.AuditQueries.MetaDataKeys;
import com.vbp.gateway.consistency.IdempotentRequests;
import com.vbp.gateway.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The one place that says who sent a command: a dispatch interceptor on the gateway's command bus that puts
 * {@code account}, {@code organisation}, {@code role}, the request's {@code correlationId} and its
 * {@code idempotencyKey} into the command's metadata, read from the HTTP request and its authentication. The
 * command side copies them onto every event ({@code AuditCorrelationData}); no handler writes them.
 * <p>
 * A request without a login (a login attempt, a captcha) sends as {@value MetaDataKeys#ANONYMOUS_ACCOUNT}. A command
 * sent outside any request (demo data, the bootstrap administrator, scheduled work) sends as
 * {@value MetaDataKeys#SYSTEM_ACCOUNT}, unless it already carries an account because it was sent while handling
 * another message (Axon copies the correlation data of the unit of work onto it).
 */
public class AuditMetaData implements MessageDispatchInterceptor<CommandMessage<?>> {

    private static final int MAX_KEY_LENGTH = 200;

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        HttpServletRequest request = currentRequest();
        if (request == null) {
            return (index, command) -> command.getMetaData().containsKey(MetaDataKeys.ACCOUNT) ? command
                    : command.andMetaData(Map.of(MetaDataKeys.ACCOUNT, MetaDataKeys.SYSTEM_ACCOUNT));
        }
        Map<String, Object> metaData = forRequest(request);
        return (index, command) -> command.andMetaData(metaData);
    }

    static Map<String, Object> forRequest(HttpServletRequest request) {
        Map<String, Object> metaData = new HashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            metaData.put(MetaDataKeys.ACCOUNT, user.username());
            metaData.put(MetaDataKeys.ORGANISATION, user.organisation());
            metaData.put(MetaDataKeys.ROLE, user.role().name());
        } else {
            metaData.put(MetaDataKeys.ACCOUNT, MetaDataKeys.ANONYMOUS_ACCOUNT);
        }
        metaData.put(MetaDataKeys.CORRELATION_ID, RequestCorrelation.idOf(request));
        String key = request.getHeader(IdempotentRequests.HEADER);
        if (key != null && !key.isBlank() && key.length() <= MAX_KEY_LENGTH) {
            metaData.put(MetaDataKeys.IDEMPOTENCY_KEY, key);
        }
        metaData.values().removeIf(java.util.Objects::isNull);
        return metaData;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
