package com.vbp.standalone;

import com.vbp.command.config.CommandSideConfiguration;
import com.vbp.gateway.Application;
import com.vbp.query.config.ReadModelConfiguration;
import com.vbp.service.ServiceMain;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The whole platform in one JVM (the default way to run it): the gateway, the command side on the embedded
 * event store and the query side on the embedded MongoDB-wire store under {@code app.data-dir}, plus the demo
 * data. This module is the only one that names all three; the gateway alone is the distributed one, which
 * reaches the two sides through Axon Server.
 */
@SpringBootApplication
@Import({Application.class, CommandSideConfiguration.class, ReadModelConfiguration.class})
public class StandaloneApplication {

    public static void main(String[] args) {
        ServiceMain.run(StandaloneApplication.class, args);
    }
}
