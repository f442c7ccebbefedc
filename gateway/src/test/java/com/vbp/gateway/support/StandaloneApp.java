package com.vbp.gateway.support;

import com.vbp.gateway.Application;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the real standalone application on a random port over a given data directory. */
public final class StandaloneApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Http http;

    private StandaloneApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    public static StandaloneApp start(Path dataDir, String... properties) {
        // Passed as command-line arguments: they must win over application.yml.
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--app.data-dir=" + dataDir,
                "--spring.main.banner-mode=off", "--app.demo.enabled=false"));
        for (String p : properties) {
            all.add("--" + p);
        }
        return new StandaloneApp(new SpringApplicationBuilder(Application.class).run(all.toArray(String[]::new)));
    }

    public Http http() {
        return http;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
