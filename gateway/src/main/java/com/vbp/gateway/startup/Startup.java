package com.vbp.gateway.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Where the start stands. Spring Boot keeps readiness at {@code REFUSING_TRAFFIC} until every
 * {@code ApplicationRunner} has returned (the demo data loader among them), although the web server already accepts
 * connections: {@link StartupGate} answers 503 {@code STARTING} until then, this health indicator ({@code startup},
 * in the {@code readiness} group) says what is still being done, and one INFO line says when the service is ready.
 */
@Component("startup")
public class Startup implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private final ApplicationAvailability availability;
    private volatile String phase = "starting";
    private volatile Duration demoDataLoad;

    public Startup(ApplicationAvailability availability) {
        this.availability = availability;
    }

    public boolean ready() {
        return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
    }

    /** What the start is doing now, for the health detail. */
    public void phase(String phase) {
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }

    /** The demo data set was loaded (at the first start only), in {@code took}. */
    public void demoDataLoaded(Duration took) {
        this.demoDataLoad = took;
    }

    @Override
    public Health health() {
        return ready() ? Health.up().build() : Health.outOfService().withDetail("phase", phase).build();
    }

    @EventListener
    void on(ApplicationReadyEvent event) {
        Duration took = event.getTimeTaken() != null ? event.getTimeTaken()
                : Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        phase = "ready";
        Duration demo = demoDataLoad;
        log.info("Ready in {} ms ({})", took.toMillis(),
                demo == null ? "no demo data loaded" : "demo data loaded in " + demo.toMillis() + " ms");
    }
}
