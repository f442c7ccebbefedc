package com.vbp.gateway.identity;

import com.vbp.events.common.OrganisationKind;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.events.identity.IdentityCommands.DisableAccount;
import com.vbp.events.identity.IdentityCommands.ResetPassword;
import com.vbp.events.identity.IdentityQueries.AccountPage;
import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import com.vbp.events.identity.IdentityQueries.FindOrganisation;
import com.vbp.events.identity.IdentityQueries.ListAccounts;
import com.vbp.events.identity.IdentityQueries.OrganisationView;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.problem.PageParams;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Account management by the administrator: every change is an event naming who made it. */
@RestController
@RequestMapping("/api/v1/admin/accounts")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Accounts")
public class AccountAdminController {

    private final Commands commands;
    private final QueryGateway queries;

    public AccountAdminController(Commands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    public record NewAccount(@NotBlank @Size(max = 64) String username, @NotNull Role role,
                             @NotBlank @Size(max = 64) String organisation,
                             @NotBlank @Size(max = 128) String initialPassword) {
    }

    @PostMapping
    @Operation(operationId = "createAccount",
            summary = "Create an account; organisation is an institution code, a district code or CITY")
    public ResponseEntity<AccountView> create(@AuthenticationPrincipal CurrentUser admin,
                                              @Valid @RequestBody NewAccount request) {
        AccountView existing = find(request.username());
        if (existing != null) {
            throw new Refused(RefusalCode.ACCOUNT_EXISTS, "Account " + existing.username()
                    + " already exists (usernames are the same whatever the letter case); choose another username");
        }
        OrganisationView organisation = queries.query(new FindOrganisation(request.organisation()),
                OrganisationView.class).join();
        if (organisation == null) {
            throw new Refused(RefusalCode.UNKNOWN_ORGANISATION,
                    "No institution, district or CITY is known as " + request.organisation());
        }
        if (!fits(request.role(), organisation.kind())) {
            throw new Refused(RefusalCode.ROLE_ORGANISATION_MISMATCH,
                    "Role " + request.role() + " cannot belong to " + organisation.kind() + " " + organisation.code());
        }
        commands.sendAndAwait(new CreateAccount(request.username(), request.role(), organisation.code(),
                organisation.district(), request.initialPassword(), admin.username()));
        return ResponseEntity.status(HttpStatus.CREATED).body(find(request.username()));
    }

    @PostMapping("/{username}/disable")
    @Operation(operationId = "disableAccount",
            summary = "Disable an account: it can no longer log in and its tokens stop working")
    public AccountView disable(@AuthenticationPrincipal CurrentUser admin, @PathVariable String username) {
        AccountView account = find(username);
        if (account == null) {
            throw new Refused(RefusalCode.UNKNOWN_ACCOUNT, "No account " + username);
        }
        commands.sendAndAwait(new DisableAccount(account.username(), admin.username()));
        return find(account.username());
    }

    /** The new initial password the administrator hands the user. */
    public record PasswordResetRequest(@NotBlank @Size(max = 128) String newPassword) {
    }

    @PostMapping("/{username}/reset-password")
    @Operation(operationId = "resetPassword",
            summary = "Reset a password (重置密码) {newPassword}: the user must change it at the next login and "
            + "every token of the account stops working; 422 PASSWORD_POLICY, 409 ACCOUNT_IS_DISABLED, "
            + "404 UNKNOWN_ACCOUNT")
    public AccountView resetPassword(@AuthenticationPrincipal CurrentUser admin, @PathVariable String username,
                                     @Valid @RequestBody PasswordResetRequest request) {
        AccountView account = find(username);
        if (account == null) {
            throw new Refused(RefusalCode.UNKNOWN_ACCOUNT, "No account " + username);
        }
        commands.sendAndAwait(new ResetPassword(account.username(), request.newPassword(), admin.username()));
        return find(account.username());
    }

    @GetMapping
    @Operation(operationId = "listAccounts",
            summary = "List accounts, filtered by role and organisation")
    public AccountPage list(@RequestParam(required = false) Role role,
                            @RequestParam(required = false) String organisation,
                            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        PageParams.check(page, size);
        return queries.query(new ListAccounts(role, organisation, page, size), AccountPage.class).join();
    }

    static boolean fits(Role role, OrganisationKind kind) {
        return switch (role) {
            case ADMIN, AUDITOR, ANALYST -> kind == OrganisationKind.CITY;
            case INSTITUTION -> kind == OrganisationKind.INSTITUTION;
            case DISTRICT_BUREAU -> kind == OrganisationKind.DISTRICT_BUREAU;
        };
    }

    private AccountView find(String username) {
        return queries.query(new FindAccount(username), AccountView.class).join();
    }
}
