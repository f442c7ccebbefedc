package com.vbp.events.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistrictTest {

    @Test
    void every_district_of_wuhan_has_its_name_and_its_bureau_is_named_after_it() {
        assertThat(District.WUHAN).hasSize(13);
        assertThat(District.nameOf("420102")).isEqualTo("江岸区");
        assertThat(District.nameOf("420117")).isEqualTo("新洲区");
        assertThat(District.bureauNameOf("420111")).isEqualTo("洪山区医疗保障局");
    }

    @Test
    void a_district_is_found_by_its_code_or_its_name() {
        assertThat(District.byCodeOrName("东西湖区")).contains(new District("420112", "东西湖区"));
        assertThat(District.byCodeOrName(" 420104 ")).contains(new District("420104", "硚口区"));
        assertThat(District.byCodeOrName("朝阳区")).isEmpty();
    }

    @Test
    void an_unknown_code_has_no_name_and_a_bureau_name_that_shows_the_code() {
        assertThat(District.nameOf("D1")).isNull();
        assertThat(District.nameOf(null)).isNull();
        assertThat(District.bureauNameOf("D1")).isEqualTo("D1 区医疗保障局");
        assertThatThrownBy(() -> District.of("D1")).isInstanceOf(IllegalArgumentException.class);
    }
}
