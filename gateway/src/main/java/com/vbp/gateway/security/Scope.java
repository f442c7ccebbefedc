package com.vbp.gateway.security;

import com.vbp.events.common.OrganisationKind;
import com.vbp.events.common.Refusal;
import com.vbp.events.common.RefusalCode;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityQueries.FindOrganisation;
import com.vbp.events.identity.IdentityQueries.OrganisationView;
import com.vbp.gateway.problem.Refused;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one rule of whose data a caller may list, export, total or analyse (DOMAIN.md "Who uses it", API.md):
 * an institution its own, a district bureau the institutions of its district, the city-level roles
 * (administrator, analyst, auditor) everyone's. A list's {@code institution} and {@code district} filters
 * (exact codes, blank = none) may narrow that scope; a filter outside it is refused whole with 403
 * {@code OUT_OF_SCOPE}, never silently replaced by the caller's own scope (which would answer a different
 * question than the one asked). A single resource of another organisation is a different matter: its
 * endpoint answers 404 as for an unknown one ({@link #reaches}), so nothing leaks about it.
 */
@Component
public class Scope {

    /** The effective filter of a list: exact codes, null = any. */
    public record Filter(String institution, String district) {

        public static final Filter EVERYONE = new Filter(null, null);
    }

    /** An organisation's district by its code, null when it is not a known institution. */
    private final Function<String, String> institutionDistrict;

    @Autowired
    public Scope(QueryGateway queries) {
        this(code -> {
            OrganisationView o = queries.query(new FindOrganisation(code), OrganisationView.class).join();
            return o == null || o.kind() != OrganisationKind.INSTITUTION ? null : o.district();
        });
    }

    /** With the institutions' districts looked up by {@code institutionDistrict} (null: not an institution). */
    public Scope(Function<String, String> institutionDistrict) {
        this.institutionDistrict = institutionDistrict;
    }

    /**
     * The filter a list of {@code user} reads when it asks for {@code institution} and {@code district}: the
     * request itself, held within the caller's scope (an institution always reads its own rows, a bureau its
     * district's).
     *
     * @throws Refused 403 {@code OUT_OF_SCOPE}, naming what was asked and the caller's scope, when the request
     *                 reaches outside it: an institution asking for another institution or another district, a
     *                 bureau for another district or for an institution not known to be in its district
     */
    public Filter of(CurrentUser user, String institution, String district) {
        String askedInstitution = blankToNull(institution);
        String askedDistrict = blankToNull(district);
        if (user.is(Role.INSTITUTION)) {
            if ((askedInstitution != null && !askedInstitution.equals(user.organisation()))
                    || (askedDistrict != null && !askedDistrict.equals(user.district()))) {
                throw outOfScope(user, askedInstitution, askedDistrict);
            }
            return new Filter(user.organisation(), null);
        }
        if (user.is(Role.DISTRICT_BUREAU)) {
            String own = districtOf(user);
            if ((askedDistrict != null && !askedDistrict.equals(own))
                    || (askedInstitution != null && !own.equals(institutionDistrict.apply(askedInstitution)))) {
                throw outOfScope(user, askedInstitution, askedDistrict);
            }
            return new Filter(askedInstitution, own);
        }
        return new Filter(askedInstitution, askedDistrict);
    }

    /**
     * Whether one institution (of {@code district}) is within the caller's reach; a single-resource endpoint
     * answers one out of reach exactly like an unknown one.
     */
    public static boolean reaches(CurrentUser user, String institutionCode, String district) {
        if (user.is(Role.INSTITUTION)) {
            return user.organisation().equals(institutionCode);
        }
        if (user.is(Role.DISTRICT_BUREAU)) {
            return districtOf(user).equals(district);
        }
        return true;
    }

    /** A district bureau's district: the account's, which is its organisation's code. */
    public static String districtOf(CurrentUser user) {
        return user.district() != null ? user.district() : user.organisation();
    }

    private static Refused outOfScope(CurrentUser user, String institution, String district) {
        Map<String, Object> requested = new LinkedHashMap<>();
        if (institution != null) {
            requested.put("institution", institution);
        }
        if (district != null) {
            requested.put("district", district);
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("role", user.role().name());
        String yours;
        if (user.is(Role.INSTITUTION)) {
            scope.put("institution", user.organisation());
            yours = "institution " + user.organisation();
        } else {
            scope.put("district", districtOf(user));
            yours = "the institutions of district " + districtOf(user);
        }
        String asked = requested.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .reduce((a, b) -> a + " and " + b).orElse("");
        String message = "The request asks for " + asked + ", outside your scope: you may read " + yours
                + " only. Leave the filter out or name one within your scope.";
        return new Refused(new Refusal(RefusalCode.OUT_OF_SCOPE, message,
                Map.of("requested", requested, "scope", scope), List.of()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
