package com.vbp.gateway.security;

import com.vbp.events.common.Role;
import com.vbp.gateway.problem.Refused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one scope rule, as a table: what a list reads when a caller asks for an institution and a district, and
 * when the request is refused instead of being silently narrowed. H1 and H2 are institutions of 420102, H3 of
 * 420103; H9 is unknown.
 */
class ScopeTest {

    private static final Map<String, String> DISTRICTS = Map.of("H1", "420102", "H2", "420102", "H3", "420103");
    private static final Scope SCOPE = new Scope(DISTRICTS::get);
    private static final Map<String, CurrentUser> USERS = Map.of(
            "institution", new CurrentUser("inst-h1", Role.INSTITUTION, "H1", "420102"),
            "bureau", new CurrentUser("bureau-420102", Role.DISTRICT_BUREAU, "420102", "420102"),
            "admin", new CurrentUser("admin", Role.ADMIN, "CITY", null),
            "analyst", new CurrentUser("analyst", Role.ANALYST, "CITY", null));

    @ParameterizedTest(name = "{0} asking institution={1} district={2} reads institution={3} district={4}")
    @CsvSource(nullValues = "-", value = {
            // who,       institution, district, reads institution, reads district
            "institution, -,           -,        H1, -",
            "institution, H1,          -,        H1, -",
            "institution, ' H1 ',      420102,   H1, -",
            "institution, '',          ' ',      H1, -",
            "bureau,      -,           -,        -,  420102",
            "bureau,      -,           420102,   -,  420102",
            "bureau,      H2,          -,        H2, 420102",
            "bureau,      ' H2 ',      420102,   H2, 420102",
            "admin,       -,           -,        -,  -",
            "admin,       H3,          420103,   H3, 420103",
            "admin,       H9,          -,        H9, -",
            "analyst,     '',          ' 420103 ', -, 420103"})
    void a_request_within_the_scope_reads_what_it_asks_for(String who, String institution, String district,
                                                            String readsInstitution, String readsDistrict) {
        assertThat(SCOPE.of(USERS.get(who), institution, district))
                .isEqualTo(new Scope.Filter(readsInstitution, readsDistrict));
    }

    @ParameterizedTest(name = "{0} asking institution={1} district={2} is out of scope")
    @CsvSource(nullValues = "-", value = {
            "institution, H2, -",
            "institution, H3, -",
            "institution, -,  420103",
            "institution, H1, 420103",
            "bureau,      -,  420103",
            "bureau,      H3, -",
            "bureau,      H9, -",
            "bureau,      H2, 420103",
            "bureau,      420102, -"})
    void a_request_outside_the_scope_is_refused_not_narrowed(String who, String institution, String district) {
        assertThatThrownBy(() -> SCOPE.of(USERS.get(who), institution, district))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.status().value()).isEqualTo(403);
                    assertThat(r.refusal().code()).isEqualTo("OUT_OF_SCOPE");
                });
    }

    @Test
    void the_refusal_names_what_was_asked_and_the_callers_scope() {
        assertThatThrownBy(() -> SCOPE.of(USERS.get("bureau"), "H3", "420103"))
                .isInstanceOfSatisfying(Refused.class, r -> {
                    assertThat(r.refusal().figures()).isEqualTo(Map.of(
                            "requested", Map.of("institution", "H3", "district", "420103"),
                            "scope", Map.of("role", "DISTRICT_BUREAU", "district", "420102")));
                    assertThat(r.refusal().message()).contains("institution H3", "district 420103",
                            "district 420102");
                });
        assertThatThrownBy(() -> SCOPE.of(USERS.get("institution"), "H2", null))
                .isInstanceOfSatisfying(Refused.class, r -> assertThat(r.refusal().figures()).isEqualTo(Map.of(
                        "requested", Map.of("institution", "H2"),
                        "scope", Map.of("role", "INSTITUTION", "institution", "H1"))));
    }

    @Test
    void one_resource_is_within_reach_of_its_institution_its_bureau_and_the_city() {
        assertThat(Scope.reaches(USERS.get("institution"), "H1", "420102")).isTrue();
        assertThat(Scope.reaches(USERS.get("institution"), "H2", "420102")).isFalse();
        assertThat(Scope.reaches(USERS.get("bureau"), "H2", "420102")).isTrue();
        assertThat(Scope.reaches(USERS.get("bureau"), "H3", "420103")).isFalse();
        assertThat(Scope.reaches(USERS.get("admin"), "H3", "420103")).isTrue();
    }
}
