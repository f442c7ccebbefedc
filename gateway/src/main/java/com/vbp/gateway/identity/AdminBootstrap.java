package com.vbp.gateway.identity;

import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import com.vbp.gateway.consistency.Commands;
import org.axonframework.queryhandling.QueryGateway;
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
 */
@Component
@ConditionalOnProperty(name = "app.bootstrap.admin-password")
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Commands commands;
    private final QueryGateway queries;
    private final String password;

    public AdminBootstrap(Commands commands, QueryGateway queries,
                          @org.springframework.beans.factory.annotation.Value("${app.bootstrap.admin-password}")
                          String password) {
        this.commands = commands;
        this.queries = queries;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (password.isBlank() || queries.query(new FindAccount("admin"), AccountView.class).join() != null) {
            return;
        }
        commands.sendAndAwait(new CreateAccount("admin", Role.ADMIN, "CITY", null, password, "system:bootstrap"));
        log.info("Created the initial admin account; its password must be changed at first login");
    }
}
