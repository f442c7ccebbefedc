package com.vbp.command.identity;

import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;

import java.util.Map;

/**
 * Which organisation a role may belong to: institutions to an institution, district bureaus to a
 * district, and the city-level roles (admin, auditor, analyst) to {@code CITY}.
 * That the organisation exists is checked by the gateway against the organisation directory.
 */
public final class OrganisationRules {

    public static final String CITY = "CITY";

    private OrganisationRules() {
    }

    public static void checkRoleFits(Role role, String organisation) {
        if (organisation == null || organisation.isBlank()) {
            throw new RuleViolation(RefusalCode.INVALID_ORGANISATION);
        }
        boolean city = CITY.equals(organisation);
        boolean fits = switch (role) {
            case ADMIN, AUDITOR, ANALYST -> city;
            case INSTITUTION, DISTRICT_BUREAU -> !city;
        };
        if (!fits) {
            throw new RuleViolation(RefusalCode.ROLE_ORGANISATION_MISMATCH,
                    "Role " + role + " cannot belong to organisation " + organisation,
                    Map.of("role", role.name(), "organisation", organisation));
        }
    }
}
