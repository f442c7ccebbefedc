package com.vbp.command.audit;

import com.vbp.events.audit.AuditQueries.AuditEvent;
import com.vbp.events.audit.AuditQueries.MetaDataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.UnknownSerializedType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a stored event is shown to auditors: its envelope, the audit metadata and its redacted payload as JSON. */
final class AuditEvents {

    /** what an auditor sees of the metadata: who, the request, the idempotency key, Axon's trace */
    static final List<String> SHOWN_METADATA = List.of(MetaDataKeys.ACCOUNT, MetaDataKeys.ORGANISATION,
            MetaDataKeys.ROLE, MetaDataKeys.CORRELATION_ID, MetaDataKeys.TRACE_ID, MetaDataKeys.IDEMPOTENCY_KEY);

    private static final RevisionResolver REVISIONS = new AnnotationRevisionResolver();

    private AuditEvents() {
    }

    static AuditEvent of(EventMessage<?> event, Long position) {
        String aggregateType = null;
        String aggregateId = null;
        Long sequenceNumber = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequenceNumber = domain.getSequenceNumber();
        }
        return new AuditEvent(position, event.getIdentifier(), aggregateType, aggregateId, sequenceNumber,
                type(event), revision(event), event.getTimestamp(), metadata(event.getMetaData()),
                AuditJson.render(event.getPayload()));
    }

    static Map<String, String> metadata(MetaData metaData) {
        Map<String, String> shown = new LinkedHashMap<>();
        for (String key : SHOWN_METADATA) {
            Object value = metaData.get(key);
            if (value != null) {
                shown.put(key, value.toString());
            }
        }
        return shown;
    }

    /** The account that sent the command behind the event, if the event records one. */
    static String account(EventMessage<?> event) {
        Object account = event.getMetaData().get(MetaDataKeys.ACCOUNT);
        return account == null ? null : account.toString();
    }

    private static String type(EventMessage<?> event) {
        Class<?> payloadType = event.getPayloadType();
        if (UnknownSerializedType.class.equals(payloadType)) {
            String name = ((UnknownSerializedType) event.getPayload()).serializedType().getName();
            return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
        }
        return payloadType.getSimpleName();
    }

    private static String revision(EventMessage<?> event) {
        Class<?> payloadType = event.getPayloadType();
        if (UnknownSerializedType.class.equals(payloadType)) {
            return ((UnknownSerializedType) event.getPayload()).serializedType().getRevision();
        }
        return REVISIONS.revisionOf(payloadType);
    }
}
