package com.vbp.gateway.identity;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.identity.IdentityCommands.Authenticate;
import com.vbp.events.identity.IdentityCommands.ChangePassword;
import com.vbp.events.identity.IdentityCommands.ChangeProfile;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import com.vbp.events.identity.IdentityCommands.RevokeToken;
import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import com.vbp.events.identity.LoginProtectionCommands.CaptchaRedemption;
import com.vbp.events.identity.LoginProtectionCommands.RecordLoginToUnknownAccount;
import com.vbp.events.identity.LoginProtectionCommands.RedeemCaptcha;
import com.vbp.gateway.consistency.Commands;
import com.vbp.gateway.consistency.ReadPositions;
import com.vbp.gateway.limits.RateLimits;
import com.vbp.gateway.problem.Refused;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.TokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** 登录 with 验证码, 退出, 修改密码 and 个人信息 (seed 000 §3.1, seed 003 §2–§3). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication")
public class AuthController {

    public static final String CAPTCHA_PATH = "/api/v1/auth/captcha";
    /** The cost of a real password check, spent on unknown usernames too, so timing does not tell them apart. */
    private static final BCryptPasswordEncoder DUMMY_ENCODER = new BCryptPasswordEncoder();
    private static final String DUMMY_HASH = DUMMY_ENCODER.encode(UUID.randomUUID().toString());

    private final Commands commands;
    private final CommandGateway commandGateway;
    private final QueryGateway queries;
    private final TokenService tokens;
    private final RateLimits rateLimits;

    public AuthController(Commands commands, CommandGateway commandGateway, QueryGateway queries,
                          TokenService tokens, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.commands = commands;
        this.commandGateway = commandGateway;
        this.queries = queries;
        this.tokens = tokens;
    }

    /** {@code captchaId} and {@code captchaAnswer} are needed after three failed logins (验证码). */
    public record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password,
                               @Size(max = 64) String captchaId, @Size(max = 16) String captchaAnswer) {
    }

    public record PasswordChangeRequest(@NotBlank String oldPassword, @NotBlank @Size(max = 128) String newPassword) {
    }

    public record TokenResponse(String token, String tokenType, boolean mustChangePassword) {
    }

    /**
     * 个人信息: the whole editable profile (a missing or empty phone or email clears it). Any other
     * field, such as organisation or role, is refused (UNKNOWN_FIELDS, as for every JSON body: StrictJson)
     * rather than silently ignored: only the administrator decides those.
     */
    public record ProfileRequest(
            @NotBlank @Size(max = ChangeProfile.DISPLAY_NAME_MAX)
            @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String displayName,
            @Pattern(regexp = "(" + ChangeProfile.MOBILE_PHONE + ")?",
                    message = "must be a mainland mobile number: 11 digits starting with 13 to 19") String contactPhone,
            @Size(max = ChangeProfile.EMAIL_MAX) @Pattern(regexp = "(" + ChangeProfile.EMAIL + ")?",
                    message = "must be an email address such as name@example.cn") String email) {
    }

    @PostMapping("/auth/login")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = "Wrong username or password, a disabled account, or a captcha "
            + "needed, wrong or expired (BAD_CREDENTIALS, ACCOUNT_DISABLED, CAPTCHA_REQUIRED, CAPTCHA_INVALID, "
            + "CAPTCHA_EXPIRED)")
    @ApiResponse(responseCode = "423", description = "Too many failed logins: the account is locked for a while "
            + "(ACCOUNT_LOCKED, figures.lockedUntil)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "login", value = "{\"username\": \"admin\", \"password\": \"Demo2026pass\"}")))
    @Operation(operationId = "login",
            summary = "Log in; answers a bearer token and whether the initial password must still be changed. "
            + "After three failed logins, captchaId and captchaAnswer from GET /api/v1/auth/captcha are required")
    public TokenResponse login(@Valid @RequestBody LoginRequest request) {
        // per address in AbuseLimitFilter, before the body was read; in front of the failed-login lockout
        rateLimits.byAccount(RateLimits.Endpoint.LOGIN, request.username()).ifPresent(refusal -> {
            throw new Refused(refusal);
        });
        boolean captchaSolved = request.captchaId() != null || request.captchaAnswer() != null;
        if (captchaSolved) {
            redeemCaptcha(request.captchaId(), request.captchaAnswer());
        }
        LoginOutcome outcome = authenticate(request.username(), request.password(), captchaSolved);
        if (!outcome.success()) {
            throw refusal(outcome);
        }
        AccountView account = accountAtOnce(request.username());
        return new TokenResponse(tokens.issue(account, outcome.credentialsVersion()), "Bearer",
                account.mustChangePassword());
    }

    @PostMapping("/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "logout",
            summary = "Log out (退出): this token stops working at once, the account's other tokens do not")
    public void logout(CurrentUser.Authentication authentication) {
        Jwt jwt = (Jwt) authentication.getCredentials();
        // Always waits for the projection, whatever X-Consistency says: the token must be dead on return.
        commands.sendAndAwait(new RevokeToken(authentication.getPrincipal().username(), jwt.getId(),
                jwt.getExpiresAt()));
    }

    @PostMapping("/auth/password")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
            name = "change the initial password",
            value = "{\"oldPassword\": \"Demo2026pass\", \"newPassword\": \"Admin2026new\"}")))
    @Operation(operationId = "changePassword",
            summary = "Change the password; answers a new token, every earlier token stops working; "
            + "the current password and the two before it cannot be used again")
    public TokenResponse changePassword(@AuthenticationPrincipal CurrentUser user,
                                        @Valid @RequestBody PasswordChangeRequest request) {
        commands.<Long>sendAndAwait(new ChangePassword(user.username(), request.oldPassword(), request.newPassword()));
        AccountView account = accountAtOnce(user.username());
        return new TokenResponse(tokens.issue(account, account.credentialsVersion()), "Bearer", false);
    }

    @GetMapping("/me")
    @Operation(operationId = "getMe",
            summary = "The logged-in account: role, organisation, district and profile (个人信息)")
    public AccountView me(@AuthenticationPrincipal CurrentUser user) {
        return account(user.username());
    }

    @PutMapping("/me")
    @Operation(operationId = "changeProfile",
            summary = "Change one's own profile (个人信息修改): displayName, contactPhone (mainland mobile), "
            + "email; organisation and role are not accepted")
    public AccountView changeProfile(@AuthenticationPrincipal CurrentUser user,
                                     @Valid @RequestBody ProfileRequest request) {
        commands.send(new ChangeProfile(user.username(), request.displayName(), request.contactPhone(),
                request.email(), user.username()));
        return account(user.username());
    }

    /** Uses the captcha up; anything but the right answer in time ends the login here, before the password. */
    private void redeemCaptcha(String captchaId, String answer) {
        CaptchaRedemption redemption = commandGateway.sendAndWait(new RedeemCaptcha(captchaId, answer));
        switch (redemption) {
            case SOLVED -> {
            }
            case EXPIRED -> throw new Refused(captchaRefusal(RefusalCode.CAPTCHA_EXPIRED));
            default -> throw new Refused(captchaRefusal(RefusalCode.CAPTCHA_INVALID));
        }
    }

    private LoginOutcome authenticate(String username, String password, boolean captchaSolved) {
        // Asking the accounts first spares the event store a load (and the log a warning) per unknown username,
        // and finds the account whatever the letter case typed (Username): the command goes to its identifier.
        AccountView known = queries.query(new FindAccount(username), AccountView.class).join();
        if (known == null) {
            return unknownAccount(username, password, captchaSolved);
        }
        try {
            return commands.send(new Authenticate(known.username(), password, captchaSolved));
        } catch (RuntimeException e) {
            if (causedByUnknownAccount(e)) {
                return unknownAccount(username, password, captchaSolved);
            }
            throw e;
        }
    }

    /** A username without an account answers as an account would, after as long a password check. */
    private LoginOutcome unknownAccount(String username, String password, boolean captchaSolved) {
        LoginOutcome outcome = commandGateway.sendAndWait(new RecordLoginToUnknownAccount(username, captchaSolved));
        if (outcome.failureCode() != RefusalCode.CAPTCHA_REQUIRED) {
            DUMMY_ENCODER.matches(password, DUMMY_HASH);
        }
        return outcome;
    }

    private static Refused refusal(LoginOutcome outcome) {
        Map<String, Object> figures = new HashMap<>();
        if (outcome.lockedUntil() != null) {
            figures.put("lockedUntil", outcome.lockedUntil().toString());
        }
        if (outcome.captchaRequired()) {
            figures.put("captchaRequired", true);
            figures.put("captchaUrl", CAPTCHA_PATH);
        }
        String message = switch (outcome.failureCode()) {
            case ACCOUNT_LOCKED -> "Too many failed logins: the account is locked until " + outcome.lockedUntil();
            case ACCOUNT_DISABLED -> RefusalCode.ACCOUNT_DISABLED.message();
            case CAPTCHA_REQUIRED -> "After several failed logins a captcha is required: get one from "
                    + CAPTCHA_PATH + " and send captchaId and captchaAnswer with the login";
            default -> outcome.captchaRequired()
                    ? "Wrong username or password; the next login needs a captcha (" + CAPTCHA_PATH + ")"
                    : RefusalCode.BAD_CREDENTIALS.message();
        };
        Refusal refusal = new Refusal(outcome.failureCode(), message, figures, List.of());
        return new Refused(refusal);
    }

    private static Refusal captchaRefusal(RefusalCode code) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("captchaUrl", CAPTCHA_PATH);
        return Refusal.of(code, code.message(), figures);
    }

    /**
     * The account as the accounts projection has it now, without waiting for the request's position: a login changes
     * nothing it reads, and a password change has already waited for every projection (sendAndAwait). After a
     * restart the projections may still be catching up; a login must not wait for them.
     */
    private AccountView accountAtOnce(String username) {
        return found(queries.query(ReadPositions.withoutWaiting(new FindAccount(username), AccountView.class),
                AccountView.class).join());
    }

    private AccountView account(String username) {
        return found(queries.query(new FindAccount(username), AccountView.class).join());
    }

    private AccountView found(AccountView account) {
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

    private static Refused badCredentials() {
        return new Refused(RefusalCode.BAD_CREDENTIALS);
    }
}
