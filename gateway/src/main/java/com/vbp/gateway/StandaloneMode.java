package com.vbp.gateway;

import com.vbp.command.config.CommandSideConfiguration;
import com.vbp.query.config.ReadModelConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

/**
 * Standalone mode (the default): the command side and the query side run inside the gateway's JVM,
 * on the embedded event store and the embedded MongoDB-wire store under {@code app.data-dir}.
 * This is the only gateway class that names the other modules; everything else goes through Axon's
 * command and query gateways, exactly as in distributed mode.
 */
@Configuration
@Profile("!distributed")
@Import({CommandSideConfiguration.class, ReadModelConfiguration.class})
public class StandaloneMode {
}
