package com.vbp.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.gateway.audit.RequestUser;
import com.vbp.gateway.consistency.IdempotencyFilter;
import com.vbp.gateway.consistency.IdempotentRequests;
import com.vbp.gateway.limits.AbuseLimitFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer-token security: everything but login, the captcha, health and the OpenAPI pages
 * needs a valid token; roles are checked per endpoint with {@code @PreAuthorize}. Metrics
 * ({@code /actuator/prometheus}, {@code /actuator/metrics}) and {@code /actuator/info} are open on the management
 * server's own port (operators' network: Prometheus scrapes without a token) and need an ADMIN token on the public
 * port.
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, AccountTokenConverter converter, ProblemWriter problems,
                            IdempotentRequests idempotentRequests, ObjectMapper json, Environment environment,
                            AbuseLimitFilter limits)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(SIGN_IN).permitAll()
                        // The web console's files: public, like any login page; every datum comes from /api/v1.
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/assets/**").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                                "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                        .requestMatchers(new ManagementPort(environment)).permitAll()
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(tokenOutsideSignIn())
                        .jwt(j -> j.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new RequestUser(), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new PasswordChangeGate(problems), RequestUser.class)
                // before the Idempotency-Key filter reads a body or records an answer
                .addFilterAfter(limits, PasswordChangeGate.class)
                .addFilterAfter(new IdempotencyFilter(idempotentRequests, json), AbuseLimitFilter.class)
                .build();
    }

    /**
     * A request the firewall refuses (an encoded dot or percent, a semicolon, a line break in the path): problem+json
     * with a catalogue code, as every refusal, not the container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejected(ProblemWriter problems) {
        return (request, response, rejected) -> problems.write(response, Refusal.of(RefusalCode.INVALID_REQUEST,
                "The request's path cannot be accepted (an encoded dot, slash or percent sign, a semicolon or a "
                        + "control character)"));
    }

    /** Login and its captcha: open to anyone, whatever token the client still sends. */
    private static final RequestMatcher SIGN_IN = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/login"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/v1/auth/captcha"));

    /**
     * The bearer token of every request but login and the captcha. A client that logs in again after its token was
     * revoked or expired often still sends the old one; read there, it would refuse the login with TOKEN_REVOKED.
     */
    private static BearerTokenResolver tokenOutsideSignIn() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        return request -> SIGN_IN.matches(request) ? null : header.resolve(request);
    }

    @Bean
    JwtDecoder jwtDecoder(JwtKeys keys) {
        return NimbusJwtDecoder.withSecretKey(keys.key()).macAlgorithm(MacAlgorithm.HS256).build();
    }

    @Bean
    JwtEncoder jwtEncoder(JwtKeys keys) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(keys.key()));
    }
}
