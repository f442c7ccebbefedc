package com.vbp.gateway.security;

import com.vbp.events.common.Role;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;

/** The authenticated account behind a request, as the controllers need it for access decisions. */
public record CurrentUser(String username, Role role, String organisation, String district) {

    public boolean is(Role r) {
        return role == r;
    }

    /** The Spring Security authentication carrying this user; its authority is {@code ROLE_<role>}. */
    public static final class Authentication extends AbstractAuthenticationToken {

        private final transient CurrentUser user;
        private final transient Jwt jwt;

        public Authentication(CurrentUser user, Jwt jwt) {
            super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
            this.user = user;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public CurrentUser getPrincipal() {
            return user;
        }
    }
}
