package com.vbp.gateway.security;

import com.vbp.gateway.consistency.ReadPositions;
import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import com.vbp.events.identity.IdentityQueries.FindRevokedToken;
import com.vbp.events.identity.IdentityQueries.RevokedTokenView;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Accepts a signed token only while its account is enabled, its credentials version is current and
 * the token itself was not revoked by logging out: disabling an account or changing its password makes
 * every earlier token fail at once, logging out that one token. Both checks ask the query side (an
 * {@code _id} lookup each), so they hold across every gateway instance.
 */
@Component
public class AccountTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final QueryGateway queries;

    public AccountTokenConverter(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        AccountView account = queries.query(
                ReadPositions.withoutWaiting(new FindAccount(jwt.getSubject()), AccountView.class),
                AccountView.class).join();
        if (account == null || !account.enabled()) {
            throw new InvalidBearerTokenException("The account of this token is unknown or disabled");
        }
        Object version = jwt.getClaim(TokenService.VERSION_CLAIM);
        if (!(version instanceof Number n) || n.longValue() != account.credentialsVersion()) {
            throw new TokenRevokedException("This token was revoked by a password change; log in again");
        }
        // Every token this platform issues has a jti; one without could not be revoked, so it is refused.
        if (jwt.getId() == null
                || queries.query(ReadPositions.withoutWaiting(new FindRevokedToken(jwt.getId()),
                RevokedTokenView.class), RevokedTokenView.class).join() != null) {
            throw new TokenRevokedException("This token was revoked by logging out; log in again");
        }
        CurrentUser user = new CurrentUser(account.username(), account.role(), account.organisation(),
                account.district());
        CurrentUser.Authentication authentication = new CurrentUser.Authentication(user, jwt);
        authentication.setDetails(account.mustChangePassword() ? PasswordChangeGate.MUST_CHANGE : null);
        return authentication;
    }
}
