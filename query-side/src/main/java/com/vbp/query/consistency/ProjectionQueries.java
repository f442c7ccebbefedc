package com.vbp.query.consistency;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which processing group answers which query: a {@code @QueryHandler} of a {@code @ProcessingGroup} bean reads that
 * group's read model (STYLE.md: a projection owns its query handlers). Read from the beans once, so a new
 * projection's queries wait for it without being listed anywhere.
 */
public class ProjectionQueries {

    private final ApplicationContext context;
    private volatile Map<Class<?>, Set<String>> groups;

    public ProjectionQueries(ApplicationContext context) {
        this.context = context;
    }

    public Set<String> groupsAnswering(Class<?> queryType) {
        Map<Class<?>, Set<String>> known = groups;
        if (known == null) {
            known = scan();
            groups = known;
        }
        return known.getOrDefault(queryType, Set.of());
    }

    private Map<Class<?>, Set<String>> scan() {
        Map<Class<?>, Set<String>> found = new HashMap<>();
        for (String name : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = AopUtils.getTargetClass(context.getBean(name));
            ProcessingGroup group = AnnotationUtils.findAnnotation(type, ProcessingGroup.class);
            for (Method method : type.getDeclaredMethods()) {
                if (group != null && AnnotatedElementUtils.hasAnnotation(method, QueryHandler.class)
                        && method.getParameterCount() > 0) {
                    found.computeIfAbsent(method.getParameterTypes()[0], t -> new HashSet<>()).add(group.value());
                }
            }
        }
        return Map.copyOf(found);
    }
}
