package com.vbp.events.identity;

import java.util.Locale;

/**
 * Usernames are unique regardless of letter case, and {@code Admin} logs in as {@code admin}: they compare by their
 * {@link #key}. An account keeps the spelling it was created with (its aggregate identifier, shown in lists and in
 * the audit history), so stores holding mixed-case usernames keep working; the accounts read model finds an account
 * by its key, and every command to an account goes to the identifier found.
 */
public final class Username {

    private Username() {
    }

    /** The form in which two usernames are the same: trimmed and in lower case (usernames are ASCII). */
    public static String key(String username) {
        return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
    }
}
