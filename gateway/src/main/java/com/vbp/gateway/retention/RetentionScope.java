package com.vbp.gateway.retention;

import com.vbp.events.common.Role;
import com.vbp.gateway.security.CurrentUser;

/**
 * Which institutions of a batch a caller may see, as for the supply list: an institution itself only,
 * a district bureau the institutions of its district, the city-level roles every institution. The
 * filters {@code institution} and {@code district} (exact codes) narrow a city-level view; an
 * institution or a district bureau is held to its own scope whatever it asks for.
 */
record RetentionScope(String institution, String district) {

    static RetentionScope of(CurrentUser user, String institution, String district) {
        if (user.is(Role.INSTITUTION)) {
            return new RetentionScope(user.organisation(), null);
        }
        if (user.is(Role.DISTRICT_BUREAU)) {
            return new RetentionScope(blankToNull(institution), districtOf(user));
        }
        return new RetentionScope(blankToNull(institution), blankToNull(district));
    }

    /** Whether an institution of {@code district} is within the caller's reach. */
    static boolean reaches(CurrentUser user, String institutionCode, String district) {
        if (user.is(Role.INSTITUTION)) {
            return user.organisation().equals(institutionCode);
        }
        if (user.is(Role.DISTRICT_BUREAU)) {
            return districtOf(user).equals(district);
        }
        return true;
    }

    /** A district bureau's district: the account's, which is its organisation's code. */
    static String districtOf(CurrentUser user) {
        return user.district() != null ? user.district() : user.organisation();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
