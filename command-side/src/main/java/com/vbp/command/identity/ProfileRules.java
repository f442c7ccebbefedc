package com.vbp.command.identity;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.identity.IdentityCommands.ChangeProfile;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * 个人信息 (seed 003 §3): a display name of 1 to {@value ChangeProfile#DISPLAY_NAME_MAX} characters
 * without control characters; optionally a mainland mobile number (11 digits, 13x–19x) and an email
 * of the usual local@domain.tld shape. Blank phone or email means none. The gateway checks the same
 * formats on the request; this rule holds whoever sends the command.
 */
public final class ProfileRules {

    private static final Pattern MOBILE_PHONE = Pattern.compile(ChangeProfile.MOBILE_PHONE);
    private static final Pattern EMAIL = Pattern.compile(ChangeProfile.EMAIL);

    private ProfileRules() {
    }

    /** The profile as it will be stored: trimmed, blanks as {@code null}. */
    public record Profile(String displayName, String contactPhone, String email) {
    }

    public static Profile check(ChangeProfile command) {
        String name = command.displayName() == null ? "" : command.displayName().strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > ChangeProfile.DISPLAY_NAME_MAX
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw new RuleViolation(RefusalCode.INVALID_DISPLAY_NAME, "A display name has 1 to "
                    + ChangeProfile.DISPLAY_NAME_MAX + " characters and no control characters",
                    Map.of("maxLength", ChangeProfile.DISPLAY_NAME_MAX));
        }
        String phone = blankToNull(command.contactPhone());
        if (phone != null && !MOBILE_PHONE.matcher(phone).matches()) {
            throw new RuleViolation(RefusalCode.INVALID_PHONE,
                    "A contact phone is a mainland mobile number: 11 digits starting with 13 to 19",
                    Map.of("pattern", ChangeProfile.MOBILE_PHONE));
        }
        String email = blankToNull(command.email());
        if (email != null && (email.length() > ChangeProfile.EMAIL_MAX || !EMAIL.matcher(email).matches())) {
            throw new RuleViolation(RefusalCode.INVALID_EMAIL, "An email looks like name@example.cn, with at most "
                    + ChangeProfile.EMAIL_MAX + " characters", Map.of("maxLength", ChangeProfile.EMAIL_MAX));
        }
        return new Profile(name, phone, email);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
