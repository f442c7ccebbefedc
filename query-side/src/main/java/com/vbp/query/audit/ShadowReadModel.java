package com.vbp.query.audit;

import com.mongodb.client.MongoDatabase;
import com.vbp.query.config.ReadModelConfiguration.ReadStore;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A processing group's projections built a second time, beside the live ones: each is constructed as Spring built
 * the live bean, but with a database whose collections are named {@code <name>__replay}. Every collection a shadow
 * asks for is noted (and emptied of what an earlier, interrupted replay left), so that the switch knows what to put
 * in place: {@link #switchOver} renames each shadow collection over its live one ({@code renameCollection} with
 * {@code dropTarget}, which MongoDB and the embedded mongo-java-server both do within one database; the latter's index
 * maps are renamed after it, see {@code EmbeddedMongo}) and drops a live
 * collection the shadow never wrote; {@link #drop} throws the shadow away.
 * <p>
 * The live projections' query handlers keep their collection handles: a handle names a collection, so after the
 * rename it reads the rebuilt one. What they hold in memory is dropped by the caller.
 */
final class ShadowReadModel {

    static final String SUFFIX = "__replay";

    private final MongoDatabase live;
    private final ReadStore store;
    private final Set<String> names = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<Object> projections = new ArrayList<>();

    /** Shadows of the live beans; their other constructor arguments are the beans the live ones were given. */
    ShadowReadModel(ReadStore store, List<Object> liveProjections, ListableBeanFactory beans) {
        this.store = store;
        this.live = store.database();
        MongoDatabase live = this.live;
        MongoDatabase shadowDb = (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(),
                new Class<?>[]{MongoDatabase.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCollection") && args != null && args[0] instanceof String name) {
                        args = args.clone();
                        args[0] = shadowOf(name);
                        if (names.add(name) && exists(shadowOf(name))) {
                            live.getCollection(shadowOf(name)).drop();
                        }
                    }
                    try {
                        return method.invoke(live, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try {
            for (Object bean : liveProjections) {
                projections.add(construct(ClassUtils.getUserClass(bean), shadowDb, beans));
            }
        } catch (RuntimeException e) {
            drop();
            throw e;
        }
    }

    static String shadowOf(String name) {
        return name + SUFFIX;
    }

    /** The shadow projections, in the order of the live beans given. */
    List<Object> projections() {
        return projections;
    }

    /** The live names of the collections the shadows use. */
    Set<String> collections() {
        synchronized (names) {
            return Set.copyOf(names);
        }
    }

    /** Puts every shadow collection in place of its live one. */
    void switchOver() {
        Set<String> existing = live.listCollectionNames().into(new HashSet<>());
        for (String name : collections()) {
            if (existing.contains(shadowOf(name))) {
                store.renameCollection(shadowOf(name), name);
            } else if (existing.contains(name)) {
                live.getCollection(name).drop(); // the history writes nothing there any more
            }
        }
    }

    /** Drops every shadow collection; the live ones are not touched. */
    void drop() {
        Set<String> existing = live.listCollectionNames().into(new HashSet<>());
        for (String name : collections()) {
            if (existing.contains(shadowOf(name))) {
                live.getCollection(shadowOf(name)).drop();
            }
        }
    }

    private boolean exists(String collection) {
        return live.listCollectionNames().into(new HashSet<>()).contains(collection);
    }

    /** Releases what the shadows hold outside the store (a cursor on the event store). */
    void close() {
        for (Object p : projections) {
            if (p instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot close the shadow of " + p.getClass().getSimpleName(), e);
                }
            }
        }
    }

    private static Object construct(Class<?> type, MongoDatabase shadowDb, ListableBeanFactory beans) {
        Constructor<?> constructor = Arrays.stream(type.getConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElseThrow(() -> new IllegalStateException(type.getName() + " has no public constructor"));
        Object[] args = new Object[constructor.getParameterCount()];
        Class<?>[] types = constructor.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            if (types[i] == MongoDatabase.class) {
                args[i] = shadowDb;
            } else if (types[i] == ObjectProvider.class) {
                args[i] = beans.getBeanProvider(ResolvableType.forConstructorParameter(constructor, i).getGeneric(0));
            } else {
                args[i] = beans.getBean(types[i]);
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot build the shadow of " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot build the shadow of " + type.getSimpleName(), e);
        }
    }
}
