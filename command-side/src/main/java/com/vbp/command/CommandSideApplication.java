package com.vbp.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side as its own process (distributed mode): aggregates on Axon Server.
 * In standalone mode the gateway hosts {@link com.vbp.command.config.CommandSideConfiguration} instead.
 */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        // Axon's update checker calls home over the internet; production hosts here have none.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication app = new SpringApplication(CommandSideApplication.class);
        app.setAdditionalProfiles("distributed");
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "command-side"));
        try {
            app.run(args);
        } catch (RuntimeException e) {
            // A failed start leaves Axon's non-daemon threads running: exit instead of hanging.
            e.printStackTrace();
            System.exit(1);
        }
    }
}
