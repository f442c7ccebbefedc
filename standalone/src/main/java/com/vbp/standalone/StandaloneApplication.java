package com.vbp.standalone;

import com.vbp.command.config.CommandSideConfiguration;
import com.vbp.gateway.Application;
import com.vbp.query.config.ReadModelConfiguration;
import com.vbp.service.ServiceMain;
import com.vbp.standalone.backup.RestoreCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The whole platform in one JVM (the default way to run it): the gateway, the command side on the embedded
 * event store and the query side on the embedded MongoDB-wire store under {@code app.data-dir}, plus the demo
 * data, and its online backups. This module is the only one that names all three; the gateway alone is the distributed one, which
 * reaches the two sides through Axon Server.
 */
@SpringBootApplication
@Import({Application.class, CommandSideConfiguration.class, ReadModelConfiguration.class})
public class StandaloneApplication {

    /** Runs the service, or with {@code --restore=<backup>} restores a backup and exits (docs/operations.md). */
    public static void main(String[] args) {
        if (RestoreCommand.asked(args)) {
            System.exit(RestoreCommand.run(args, System.out, System.err));
        }
        ServiceMain.run(StandaloneApplication.class, args);
    }
}
