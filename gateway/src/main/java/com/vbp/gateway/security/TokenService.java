package com.vbp.gateway.security;

import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.gateway.consistency.ReadPositions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues the signed bearer tokens (HS256 JWT). A token names the account and the credentials
 * version it was issued under; when the version changes (password changed, account disabled) every
 * older token stops working.
 */
@Service
public class TokenService {

    public static final String VERSION_CLAIM = "ver";

    private final JwtEncoder encoder;
    private final Clock clock;
    private final Duration lifetime;
    private final ReadPositions positions;

    public TokenService(JwtEncoder encoder, ObjectProvider<Clock> clock, ReadPositions positions,
                        TokenProperties tokens) {
        this.encoder = encoder;
        this.positions = positions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.lifetime = tokens.tokenLifetime();
    }

    public String issue(AccountView account, long credentialsVersion) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        positions.issued(id);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("vbp-platform")
                .subject(account.username())
                .id(id)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("role", account.role().name())
                .claim("organisation", account.organisation())
                .claim(VERSION_CLAIM, credentialsVersion)
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}
