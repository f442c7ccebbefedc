package com.vbp.gateway.limits;

import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.identity.AuthController;
import com.vbp.gateway.problem.ProblemHandler;
import com.vbp.gateway.security.CurrentUser;
import com.vbp.gateway.security.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The abuse limits decided before a body is read, in the security chain once the token is known: login, captcha and
 * password change per client address, password change per account too (the token's), and the uploads and exports
 * an account runs at once. A login's account is in its body: {@code AuthController} asks {@link RateLimits} for it.
 * <p>
 * An upload is any multipart request (the container parses the parts of any such request); an export is a
 * {@code .xlsx} list or the {@code .ndjson} event stream, each built while the client waits. Appeal evidence
 * downloads are not counted: a stored file of at most 10 MiB streamed as it is, and a reviewer opens an appeal's
 * files side by side.
 */
public class AbuseLimitFilter extends OncePerRequestFilter {

    private static final RequestMatcher LOGIN = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/api/v1/auth/login");
    private static final RequestMatcher CAPTCHA = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.GET, AuthController.CAPTCHA_PATH);
    private static final RequestMatcher PASSWORD_CHANGE = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/api/v1/auth/password");
    private static final List<String> EXPORT_SUFFIXES = List.of(".xlsx", ".ndjson");

    private final RateLimits rates;
    private final Transfers transfers;
    private final int transfersRetryAfterSeconds;
    private final ProblemWriter problems;

    AbuseLimitFilter(RateLimits rates, LimitProperties limits, ProblemWriter problems, MeterRegistry meters) {
        this.rates = rates;
        this.transfers = new Transfers(limits.transfersPerAccount(), meters);
        this.transfersRetryAfterSeconds = (int) Math.max(1, limits.transfersRetryAfter().toSeconds());
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Refusal> refused = rateLimit(request);
        if (refused.isPresent()) {
            problems.write(response, refused.get());
            return;
        }
        RateLimits.Endpoint transfer = transfer(request);
        String account = account();
        if (transfer == null || account == null) {
            chain.doFilter(request, response); // anonymous: refused further on
            return;
        }
        if (!transfers.tryStart(account)) {
            rates.counted(transfer, RateLimits.Key.ACCOUNT);
            problems.write(response, new Refusal(RefusalCode.TRANSFERS_BUSY, RefusalCode.TRANSFERS_BUSY.message(),
                    Map.of(ProblemHandler.RETRY_AFTER_SECONDS, transfersRetryAfterSeconds), List.of()));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            transfers.finish(account);
        }
    }

    private Optional<Refusal> rateLimit(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        if (LOGIN.matches(request)) {
            return rates.byAddress(RateLimits.Endpoint.LOGIN, address);
        }
        if (CAPTCHA.matches(request)) {
            return rates.byAddress(RateLimits.Endpoint.CAPTCHA, address);
        }
        if (PASSWORD_CHANGE.matches(request)) {
            Optional<Refusal> refused = rates.byAddress(RateLimits.Endpoint.PASSWORD_CHANGE, address);
            String account = account();
            return refused.isPresent() || account == null ? refused
                    : rates.byAccount(RateLimits.Endpoint.PASSWORD_CHANGE, account);
        }
        return Optional.empty();
    }

    private static RateLimits.Endpoint transfer(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return RateLimits.Endpoint.UPLOAD;
        }
        // the decoded path, as the controllers are matched
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        if (HttpMethod.GET.matches(request.getMethod()) && EXPORT_SUFFIXES.stream().anyMatch(path::endsWith)) {
            return RateLimits.Endpoint.EXPORT;
        }
        return null;
    }

    private static String account() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser user ? user.username() : null;
    }
}
