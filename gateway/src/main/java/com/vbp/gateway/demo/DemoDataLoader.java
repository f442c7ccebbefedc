package com.vbp.gateway.demo;

import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.events.procurement.ProcurementCommands.CreateProcurementBatch;
import com.vbp.events.procurement.ProcurementCommands.ImportCatalogue;
import com.vbp.events.procurement.ProcurementCommands.ImportDemands;
import com.vbp.gateway.consistency.Commands;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * At the first standalone start (empty event store) loads the demo data set through the same
 * commands a user would send: accounts {@code admin}, {@code auditor}, {@code analyst},
 * {@code bureau-<district code>} and {@code inst-<institution code>}, all with the initial password
 * {@value #DEMO_PASSWORD} (to be changed at first login), and one open procurement batch with its
 * catalogue and demand lines.
 */
@Component
@ConditionalOnProperty(name = "app.demo.enabled", havingValue = "true")
public class DemoDataLoader implements ApplicationRunner {

    public static final String DEMO_PASSWORD = "Demo2026pass";
    public static final String DEMO_BATCH = "HB-ZCY-2023";
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final String SYSTEM = "system:demo";

    private final Commands commands;
    private final EventStore eventStore;

    public DemoDataLoader(Commands commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    @Override
    public void run(ApplicationArguments args) {
        TrackingToken head = eventStore.createHeadToken();
        if (head != null && head.position().orElse(-1) >= 0) {
            return; // not a fresh store: never load twice
        }
        long started = System.nanoTime();
        DemoData data = DemoDataGenerator.standard();
        commands.sendAllAndAwait(List.of(
                new CreateAccount("admin", Role.ADMIN, "CITY", null, DEMO_PASSWORD, SYSTEM),
                new CreateAccount("auditor", Role.AUDITOR, "CITY", null, DEMO_PASSWORD, SYSTEM),
                new CreateAccount("analyst", Role.ANALYST, "CITY", null, DEMO_PASSWORD, SYSTEM)));
        Instant today = Clock.systemUTC().instant().truncatedTo(ChronoUnit.DAYS);
        commands.sendAndAwait(new CreateProcurementBatch(DEMO_BATCH, "湖北省中成药省际联盟集中带量采购（2023年）",
                today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(180)), null, null, SYSTEM));
        commands.sendAndAwait(new ImportCatalogue(DEMO_BATCH, data.catalogue(), SYSTEM));
        commands.sendAndAwait(new ImportDemands(DEMO_BATCH, data.demands(), SYSTEM));
        List<CreateAccount> accounts = new ArrayList<>();
        for (District district : data.districts()) {
            accounts.add(new CreateAccount("bureau-" + district.code(), Role.DISTRICT_BUREAU, district.code(),
                    district.code(), DEMO_PASSWORD, SYSTEM));
        }
        for (Institution institution : data.institutions()) {
            accounts.add(new CreateAccount("inst-" + institution.code(), Role.INSTITUTION, institution.code(),
                    institution.districtCode(), DEMO_PASSWORD, SYSTEM));
        }
        commands.sendAllAndAwait(accounts);
        log.info("Demo data loaded in {} ms: batch {}, {} winning products, {} demand lines, {} accounts; "
                        + "initial password {}", (System.nanoTime() - started) / 1_000_000, DEMO_BATCH,
                data.catalogue().size(), data.demands().size(),
                3 + data.districts().size() + data.institutions().size(), DEMO_PASSWORD);
    }
}
