package com.vbp.gateway.console;

import com.vbp.gateway.support.KnownCaptchaAnswers;
import com.vbp.gateway.support.StandaloneApp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One standalone app with the demo data set for all browser tests of the console: starting it takes
 * about 20 s, so the flows share it, each with accounts (institutions, districts) of its own.
 */
final class ConsoleApp {

    static final String DEMO_PASSWORD = "Demo2026pass";
    private static StandaloneApp app;

    private ConsoleApp() {
    }

    static synchronized StandaloneApp get() {
        if (app == null) {
            try {
                Path data = Files.createTempDirectory("console-app");
                app = StandaloneApp.start(data, Map.of("captchaAnswers", new KnownCaptchaAnswers()),
                        "app.demo.enabled=true");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        }
        return app;
    }

    static int port() {
        return get().port();
    }
}
