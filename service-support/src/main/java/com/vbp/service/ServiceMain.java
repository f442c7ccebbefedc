package com.vbp.service;

import org.springframework.boot.SpringApplication;

import java.util.Map;

/** How every process of the platform starts, and how it ends when it cannot. */
public final class ServiceMain {

    private ServiceMain() {
    }

    /**
     * Runs {@code application}; {@code configName} names its configuration file when it is not
     * {@code application.yml}, {@code profiles} are always active (the distributed processes' "distributed").
     */
    public static void run(Class<?> application, String[] args, String configName, String... profiles) {
        // Axon's update checker calls home over the internet; production hosts here have none.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        // The gateway draws captcha pictures with Java2D on servers without a display.
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        SpringApplication app = new SpringApplication(application);
        app.setAdditionalProfiles(profiles);
        if (configName != null) {
            app.setDefaultProperties(Map.of("spring.config.name", configName));
        }
        try {
            app.run(args);
        } catch (RuntimeException e) {
            Unreachable unreachable = Unreachable.in(e);
            if (unreachable != null) {
                // The operator's answer is in the message (which store, where, which setting): no stack trace.
                System.err.println("ERROR " + unreachable.getMessage());
            } else {
                e.printStackTrace();
            }
            // A failed start leaves Axon's non-daemon threads running: exit instead of hanging.
            System.exit(1);
        }
    }

    public static void run(Class<?> application, String[] args) {
        run(application, args, null);
    }
}
