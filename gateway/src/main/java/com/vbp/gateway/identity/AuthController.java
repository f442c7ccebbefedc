package com.vbp.gateway.identity;

import com.vbp.events.common.Refusal;
import com.vbp.events.identity.IdentityCommands.Authenticate;
import com.vbp.events.identity.IdentityCommands.ChangePassword;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.TokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** 登录, 修改密码 and 个人信息 (seed 000 §3.1, seed 003 §2–§3). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication")
public class AuthController {

    private final Commands commands;
    private final QueryGateway queries;
    private final TokenService tokens;

    public AuthController(Commands commands, QueryGateway queries, TokenService tokens) {
        this.commands = commands;
        this.queries = queries;
        this.tokens = tokens;
    }

    public record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    public record PasswordChangeRequest(@NotBlank String oldPassword, @NotBlank @Size(max = 128) String newPassword) {
    }

    public record TokenResponse(String token, String tokenType, boolean mustChangePassword) {
    }

    @PostMapping("/auth/login")
    @Operation(summary = "Log in; answers a bearer token and whether the initial password must still be changed")
    public TokenResponse login(@Valid @RequestBody LoginRequest request) {
        LoginOutcome outcome;
        try {
            outcome = commands.sendAndAwait(new Authenticate(request.username(), request.password()));
        } catch (AggregateNotFoundException e) {
            throw badCredentials();
        } catch (RuntimeException e) {
            if (causedByUnknownAccount(e)) {
                throw badCredentials();
            }
            throw e;
        }
        if (!outcome.success()) {
            Map<String, Object> figures = new HashMap<>();
            if (outcome.lockedUntil() != null) {
                figures.put("lockedUntil", outcome.lockedUntil().toString());
            }
            String message = switch (outcome.failureCode()) {
                case "ACCOUNT_LOCKED" -> "Too many failed logins: the account is locked until " + outcome.lockedUntil();
                case "ACCOUNT_DISABLED" -> "The account is disabled";
                default -> "Wrong username or password";
            };
            throw new Refused(statusOf(outcome.failureCode()), new Refusal(outcome.failureCode(), message, figures,
                    List.of()));
        }
        AccountView account = account(request.username());
        return new TokenResponse(tokens.issue(account, outcome.credentialsVersion()), "Bearer",
                account.mustChangePassword());
    }

    @PostMapping("/auth/password")
    @Operation(summary = "Change the password; answers a new token, every earlier token stops working")
    public TokenResponse changePassword(@AuthenticationPrincipal CurrentUser user,
                                        @Valid @RequestBody PasswordChangeRequest request) {
        long version = commands.<Long>sendAndAwait(
                new ChangePassword(user.username(), request.oldPassword(), request.newPassword())) ;
        AccountView account = account(user.username());
        return new TokenResponse(tokens.issue(account, account.credentialsVersion()), "Bearer", false);
    }

    @GetMapping("/me")
    @Operation(summary = "The logged-in account: role, organisation and district")
    public AccountView me(@AuthenticationPrincipal CurrentUser user) {
        return account(user.username());
    }

    private AccountView account(String username) {
        AccountView account = queries.query(new FindAccount(username), AccountView.class).join();
        if (account == null) {
            throw badCredentials();
        }
        return account;
    }

    private static boolean causedByUnknownAccount(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private static HttpStatus statusOf(String code) {
        return "ACCOUNT_LOCKED".equals(code) ? HttpStatus.LOCKED : HttpStatus.UNAUTHORIZED;
    }

    private static Refused badCredentials() {
        return new Refused(HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "Wrong username or password");
    }
}
