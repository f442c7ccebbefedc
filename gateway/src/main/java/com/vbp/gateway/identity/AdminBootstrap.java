package com.vbp.gateway.identity;

import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.gateway.consistency.Commands;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A fresh production installation has no account to log in with: when
 * {@code app.bootstrap.admin-password} (env {@code APP_BOOTSTRAP_ADMIN_PASSWORD}) is set and no
 * {@code admin} account exists, one is created with that initial password, to be changed at first login.
 * <p>
 * Whether it exists is asked of the event store (the account's events), not of the accounts projection: at start a
 * projection may still be catching up (behind after a kill, or rebuilt into an emptied read-model store) and would
 * answer "none"; the creation would then be refused by the event store's unique aggregate id, and fail the start.
 */
@Component
@ConditionalOnProperty(name = "app.bootstrap.admin-password")
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Commands commands;
    private final EventStore events;
    private final String password;

    public AdminBootstrap(Commands commands, EventStore events,
                          @org.springframework.beans.factory.annotation.Value("${app.bootstrap.admin-password}")
                          String password) {
        this.commands = commands;
        this.events = events;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (password.isBlank() || events.readEvents("admin").hasNext()) {
            return;
        }
        commands.sendAndAwait(new CreateAccount("admin", Role.ADMIN, "CITY", null, password, "system:bootstrap"));
        log.info("Created the initial admin account; its password must be changed at first login");
    }
}
