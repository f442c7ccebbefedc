package com.vbp.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/**
 * The query side as its own process (distributed mode): projections fed from Axon Server into an
 * external MongoDB. In standalone mode the gateway hosts
 * {@link com.vbp.query.config.ReadModelConfiguration} instead.
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        // Axon's update checker calls home over the internet; production hosts here have none.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication app = new SpringApplication(QuerySideApplication.class);
        app.setAdditionalProfiles("distributed");
        app.setDefaultProperties(Map.of("spring.config.name", "query-side"));
        try {
            app.run(args);
        } catch (RuntimeException e) {
            // A failed start leaves Axon's non-daemon threads running: exit instead of hanging.
            e.printStackTrace();
            System.exit(1);
        }
    }
}
