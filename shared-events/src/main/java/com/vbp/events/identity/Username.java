package com.vbp.events.identity;

import java.util.Locale;

/**
 * A username as typed. Usernames are unique regardless of letter case, and {@code Admin} logs in as {@code admin}:
 * they compare by their {@link #key}. An account keeps the spelling it was created with (its aggregate identifier,
 * shown in lists and in the audit history), so stores holding mixed-case usernames keep working; the accounts read
 * model finds an account by its key, and every command to an account goes to the identifier found.
 */
public record Username(String value) {

    public static Username of(String typed) {
        return new Username(typed == null ? null : typed.trim());
    }

    /** The form in which two usernames are the same: lower case (usernames are ASCII). */
    public String key() {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
