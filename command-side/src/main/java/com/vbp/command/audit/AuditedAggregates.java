package com.vbp.command.audit;

import com.vbp.command.allocation.InstitutionAllocation;
import com.vbp.command.appeal.Appeal;
import com.vbp.command.allocation.ProductCapacity;
import com.vbp.command.procurement.ProcurementBatch;
import com.vbp.command.retention.RetentionBatch;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The aggregates an auditor may rebuild as of a point in time, by the names the audit API uses. Adding one is one
 * line in {@link #TYPES}. Their Axon models are built once, with the application's parameter resolvers (the
 * command handlers take a {@code Clock} or a {@code CapacityLedger}) and handler definitions.
 */
@Component
public class AuditedAggregates {

    /** audit name → aggregate class */
    static final Map<String, Class<?>> TYPES = new TreeMap<>(Map.of(
            "allocation", InstitutionAllocation.class,
            "procurement-batch", ProcurementBatch.class,
            "capacity", ProductCapacity.class,
            "retention", RetentionBatch.class,
            "appeal", Appeal.class));

    private final Function<Class<?>, AggregateModel<?>> inspector;
    private final Map<Class<?>, AggregateModel<?>> models = new ConcurrentHashMap<>();

    @Autowired
    public AuditedAggregates(ObjectProvider<Configuration> axon) {
        this(type -> {
            Configuration configuration = axon.getObject();
            return AnnotatedAggregateMetaModelFactory.inspectAggregate(type,
                    configuration.parameterResolverFactory(), configuration.handlerDefinition(type));
        });
    }

    /** With models built by {@code inspector} (tests: Axon's defaults). */
    AuditedAggregates(Function<Class<?>, AggregateModel<?>> inspector) {
        this.inspector = inspector;
    }

    public Optional<Class<?>> typeNamed(String name) {
        return Optional.ofNullable(name == null ? null : TYPES.get(name));
    }

    public static Set<String> names() {
        return TYPES.keySet();
    }

    /** Axon's aggregate type name (what events carry as their aggregate type) for an audit name, if it is one. */
    public Optional<String> axonTypeOf(String name) {
        return typeNamed(name).map(type -> model(type).type());
    }

    @SuppressWarnings("unchecked")
    public <T> AggregateModel<T> model(Class<T> type) {
        return (AggregateModel<T>) models.computeIfAbsent(type, inspector);
    }
}
