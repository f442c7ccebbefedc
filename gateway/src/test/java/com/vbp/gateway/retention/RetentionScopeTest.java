package com.vbp.gateway.retention;

import com.vbp.events.common.Role;
import com.vbp.gateway.security.CurrentUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who sees which institutions: as the supply list, an institution itself, a bureau its district. */
class RetentionScopeTest {

    private static final CurrentUser INSTITUTION = new CurrentUser("inst-h1", Role.INSTITUTION, "H1", "420102");
    private static final CurrentUser BUREAU = new CurrentUser("bureau-420102", Role.DISTRICT_BUREAU, "420102",
            "420102");
    private static final CurrentUser ANALYST = new CurrentUser("analyst", Role.ANALYST, "CITY", null);

    @Test
    void an_institution_is_held_to_itself_whatever_it_asks_for() {
        assertThat(RetentionScope.of(INSTITUTION, null, null)).isEqualTo(new RetentionScope("H1", null));
        assertThat(RetentionScope.of(INSTITUTION, "H2", "420103")).isEqualTo(new RetentionScope("H1", null));
        assertThat(RetentionScope.reaches(INSTITUTION, "H1", "420102")).isTrue();
        assertThat(RetentionScope.reaches(INSTITUTION, "H2", "420102")).isFalse();
    }

    @Test
    void a_district_bureau_is_held_to_its_district_and_may_name_an_institution() {
        assertThat(RetentionScope.of(BUREAU, null, "420103")).isEqualTo(new RetentionScope(null, "420102"));
        assertThat(RetentionScope.of(BUREAU, " H9 ", null)).isEqualTo(new RetentionScope("H9", "420102"));
        assertThat(RetentionScope.reaches(BUREAU, "H9", "420102")).isTrue();
        assertThat(RetentionScope.reaches(BUREAU, "H2", "420103")).isFalse();
    }

    @Test
    void city_level_roles_filter_as_they_like() {
        assertThat(RetentionScope.of(ANALYST, "", " 420103 ")).isEqualTo(new RetentionScope(null, "420103"));
        assertThat(RetentionScope.reaches(ANALYST, "H2", "420103")).isTrue();
    }
}
