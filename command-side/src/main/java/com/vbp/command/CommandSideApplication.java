package com.vbp.command;

import com.vbp.service.ServiceMain;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side as its own process (distributed mode): aggregates on Axon Server, health and metrics on its
 * management port. In standalone mode the standalone module hosts
 * {@link com.vbp.command.config.CommandSideConfiguration} instead.
 */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        ServiceMain.run(CommandSideApplication.class, args, "command-side", "distributed");
    }
}
