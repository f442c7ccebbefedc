package com.vbp.command.identity;

import com.vbp.command.common.RuleViolation;

import java.util.Map;

/** The platform's password policy: at least 10 characters, with letters and digits. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    public static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH
                || password.chars().noneMatch(Character::isLetter)
                || password.chars().noneMatch(Character::isDigit)) {
            throw new RuleViolation("PASSWORD_POLICY",
                    "A password needs at least " + MIN_LENGTH + " characters, with both letters and digits",
                    Map.of("minLength", MIN_LENGTH));
        }
        if (password.length() > 72) {
            // BCrypt only looks at the first 72 bytes; a longer password would be silently truncated.
            throw new RuleViolation("PASSWORD_POLICY", "A password may have at most 72 characters",
                    Map.of("maxLength", 72));
        }
    }
}
