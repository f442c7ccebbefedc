package com.vbp.gateway.security;

import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * A well-signed, unexpired token that no longer counts: logged out, or issued before a password
 * change. Answered 401 with code {@code TOKEN_REVOKED}, so a client knows to log in again.
 */
public class TokenRevokedException extends InvalidBearerTokenException {

    public TokenRevokedException(String message) {
        super(message);
    }
}
