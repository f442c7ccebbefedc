package com.vbp.gateway.support;

import com.vbp.standalone.StandaloneApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts the real standalone application on a random port over a given data directory. */
public final class StandaloneApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Http http;

    private StandaloneApp(ConfigurableApplicationContext context) {
        this.context = context;
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        HandOver.forget(port);
        this.http = new Http(port);
    }

    public static StandaloneApp start(Path dataDir, String... properties) {
        return start(dataDir, Map.of(), properties);
    }

    /**
     * Starts with beans of the test's own in place of the application's, registered before the
     * context is refreshed: a {@code clock} (a {@link TestClock}) or known captcha answers.
     */
    public static StandaloneApp start(Path dataDir, Map<String, Object> beans, String... properties) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("app.data-dir", dataDir.toString());
        all.put("spring.main.banner-mode", "off");
        all.put("app.demo.enabled", "false");
        for (String p : properties) {
            all.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        // Passed as command-line arguments: they must win over application.yml.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new StandaloneApp(new SpringApplicationBuilder(StandaloneApplication.class)
                .initializers(context -> beans.forEach(context.getBeanFactory()::registerSingleton))
                .run(args));
    }

    public Http http() {
        return http;
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Every bean of a type, by name (the handler mappings, to list what the application exposes). */
    public <T> Map<String, T> beans(Class<T> type) {
        return context.getBeansOfType(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
