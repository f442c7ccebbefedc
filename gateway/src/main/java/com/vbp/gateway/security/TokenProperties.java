package com.vbp.gateway.security;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code app.security.*}: the key tokens are signed with ({@code jwt-secret}, at least 32 bytes; blank: a random key
 * kept in the data directory, see {@link JwtKeys}) and how long a token is valid.
 */
@ConfigurationProperties("app.security")
@Validated
public record TokenProperties(@NotNull @DefaultValue("") String jwtSecret,
                              @NotNull @DurationMin(seconds = 1) @DefaultValue("PT8H") Duration tokenLifetime) {
}
