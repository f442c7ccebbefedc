package com.vbp.command.identity;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.RefusalCode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The platform's password policy: at least 10 characters, with letters and digits. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    /** BCrypt's limit, in UTF-8 bytes. */
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {
    }

    public static void check(String password) {
        if (password == null || password.length() < MIN_LENGTH
                || password.chars().noneMatch(Character::isLetter)
                || password.chars().noneMatch(Character::isDigit)) {
            throw new RuleViolation(RefusalCode.PASSWORD_POLICY,
                    "A password needs at least " + MIN_LENGTH + " characters, with both letters and digits",
                    Map.of("minLength", MIN_LENGTH));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            // BCrypt only takes 72 bytes (UTF-8): Spring Security refuses to hash more, so a longer
            // password (e.g. 25 Chinese characters) must be refused here, not fail as an internal error.
            throw new RuleViolation(RefusalCode.PASSWORD_POLICY,
                    "A password may have at most " + MAX_BYTES + " bytes in UTF-8 (a Chinese character takes 3)",
                    Map.of("maxLength", MAX_BYTES));
        }
    }
}
