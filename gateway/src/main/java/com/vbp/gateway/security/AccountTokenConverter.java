package com.vbp.gateway.security;

import com.vbp.events.identity.IdentityQueries.AccountView;
import com.vbp.events.identity.IdentityQueries.FindAccount;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Accepts a signed token only while its account is enabled and its credentials version is current,
 * so disabling an account or changing its password makes every earlier token fail at once.
 */
@Component
public class AccountTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final QueryGateway queries;

    public AccountTokenConverter(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        AccountView account = queries.query(new FindAccount(jwt.getSubject()), AccountView.class).join();
        if (account == null || !account.enabled()) {
            throw new InvalidBearerTokenException("The account of this token is unknown or disabled");
        }
        Object version = jwt.getClaim(TokenService.VERSION_CLAIM);
        if (!(version instanceof Number n) || n.longValue() != account.credentialsVersion()) {
            throw new InvalidBearerTokenException("This token was revoked; log in again");
        }
        CurrentUser user = new CurrentUser(account.username(), account.role(), account.organisation(),
                account.district());
        CurrentUser.Authentication authentication = new CurrentUser.Authentication(user, jwt);
        authentication.setDetails(account.mustChangePassword() ? PasswordChangeGate.MUST_CHANGE : null);
        return authentication;
    }
}
