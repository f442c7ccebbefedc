package com.vbp.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The gateway: the REST API, security and Excel files. Without the {@code distributed} profile it is
 * the whole platform in one JVM ({@link StandaloneMode}); with it, it talks to the command side and
 * the query side through Axon Server.
 */
@SpringBootApplication
public class Application {

    public static void main(String[] args) {
        // Axon's update checker calls home over the internet; production hosts here have none.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        // The captcha pictures are drawn with Java2D on servers without a display.
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        try {
            SpringApplication.run(Application.class, args);
        } catch (RuntimeException e) {
            // A failed start leaves Axon's non-daemon threads running: exit instead of hanging.
            e.printStackTrace();
            System.exit(1);
        }
    }
}
