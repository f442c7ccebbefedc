package com.vbp.gateway.limits;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code app.limits.*}: how often login, captcha and password change may be asked, how many uploads and exports one
 * account may run at once, and how large a request body that is not an upload may be. Uploads keep the multipart
 * limits ({@code spring.servlet.multipart.*}).
 * <p>
 * The defaults are a provincial platform's: clerks of a few hundred institutions, a hospital's whole staff often
 * behind one NAT address. Per account, a person logs in a few times a day and a procurement office sharing an
 * account a few times a minute at most; 20 a minute leaves room for that and for captcha retries, while the
 * failed-login lockout (5 wrong passwords) still stops guessing: the rate limit bounds the cost (a bcrypt check per
 * attempt) and the speed of whoever tries. Per address, 300 a minute lets a hospital's training session of a few
 * hundred people log in and change their initial passwords together, and stops one machine spraying passwords over
 * many accounts. A captcha is needed only after three failed logins, so 120 a minute per address is far above
 * honest use (each captcha is an event stored).
 * <p>
 * The client address is the connection's ({@code request.getRemoteAddr()}): behind a reverse proxy set
 * {@code server.forward-headers-strategy} (native or framework) so that it is the client's, not the proxy's, or
 * every user shares the proxy's one budget.
 */
@ConfigurationProperties("app.limits")
@Validated
public record LimitProperties(
        @Valid @NotNull @DefaultValue Login login,
        @Valid @NotNull @DefaultValue Captcha captcha,
        @Valid @NotNull @DefaultValue PasswordChange passwordChange,
        /* Two at once: a clerk exports one list while another is built or uploads while exporting; more from one
           account is a script, and each holds a request thread and up to a workbook in memory. */
        @Min(1) @DefaultValue("2") int transfersPerAccount,
        @NotNull @DefaultValue("5s") Duration transfersRetryAfter,
        /* The largest JSON command (an allocation report of every line of a batch) is tens of kilobytes. */
        @NotNull @DefaultValue("1MB") DataSize maxBodySize,
        /* Accounts and addresses whose recent attempts are remembered: a bound on memory whatever an attacker sends
           (about 0.5 KB each, measured: 20,000 take some 11 MB). A key forgotten under a flood of new names starts
           again with a full budget; a flooding address is asked on every request, so it is the last forgotten. */
        @Min(1000) @DefaultValue("20000") int trackedKeys) {

    /** Logins a minute by one account (the username in the body) and from one client address. */
    public record Login(@Min(1) @DefaultValue("20") int perAccount, @Min(1) @DefaultValue("300") int perAddress) {
    }

    /** Captchas a minute from one client address (a captcha is asked before any account is named). */
    public record Captcha(@Min(1) @DefaultValue("120") int perAddress) {
    }

    /**
     * Password changes a minute by one account (the token's) and from one client address: each checks the old
     * password, so a stolen token must not become a fast password oracle.
     */
    public record PasswordChange(@Min(1) @DefaultValue("10") int perAccount,
                                 @Min(1) @DefaultValue("300") int perAddress) {
    }
}
