package com.vbp.standalone.demo;

import com.vbp.command.retention.AssessmentRules;
import com.vbp.command.retention.CalculationDataRules;
import com.vbp.events.retention.RetentionCommands.AssessmentRow;
import com.vbp.events.retention.RetentionCommands.CalculationRow;
import com.vbp.events.retention.RetentionValues.InstitutionCalculation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionDemoDataTest {

    private static final DemoData DEMO = DemoDataGenerator.standard();

    private static RetentionDemoData finalised() {
        return RetentionDemoData.generate(RetentionDemoData.FINALISED_SEED, DEMO.districts(), DEMO.institutions());
    }

    @Test
    void the_same_seed_gives_equal_data_and_another_seed_other_data() {
        assertThat(finalised()).isEqualTo(finalised());
        assertThat(RetentionDemoData.generate(RetentionDemoData.OPEN_SEED, DEMO.districts(), DEMO.institutions())
                .calculation()).isNotEqualTo(finalised().calculation());
    }

    @Test
    void the_calculation_data_passes_the_import_rules_and_covers_every_institution() {
        RetentionDemoData data = finalised();
        assertThat(CalculationDataRules.problems(data.calculation())).isEmpty();
        Map<String, List<CalculationRow>> byInstitution = data.calculation().stream()
                .collect(Collectors.groupingBy(CalculationRow::institutionCode));
        assertThat(byInstitution).hasSize(60);
        byInstitution.values().forEach(rows -> assertThat(rows).hasSizeBetween(2, 4));
        data.calculation().forEach(r -> assertThat(r.employeeShare())
                .isBetween(new BigDecimal("0.55"), new BigDecimal("0.80")));
        long overspent = data.calculation().stream().filter(r -> r.agreedVolume().minUnits() > 0
                && r.prePrice().yuan().multiply(BigDecimal.valueOf(r.agreedVolume().minUnits()))
                .compareTo(r.selectedAmount().yuan().add(r.nonSelectedAmount().yuan())) < 0).count();
        assertThat(overspent).as("a few overspend on one variety").isBetween(1L, 15L);
    }

    @Test
    void seven_districts_upload_valid_scores_two_below_sixty_and_most_file_a_self_assessment() {
        RetentionDemoData data = finalised();
        Map<String, InstitutionCalculation> institutions = new LinkedHashMap<>();
        CalculationDataRules.institutions(data.calculation()).forEach(i -> institutions.put(i.institutionCode(), i));
        assertThat(data.scores()).hasSize(7).doesNotContainKey(data.unassessed());
        data.scores().forEach((district, rows) ->
                assertThat(AssessmentRules.problems(rows, district, institutions)).isEmpty());
        List<AssessmentRow> all = data.scores().values().stream().flatMap(List::stream).toList();
        assertThat(all.stream().filter(r -> r.score().points().compareTo(BigDecimal.valueOf(60)) < 0)
                .map(AssessmentRow::institutionCode)).containsExactlyInAnyOrderElementsOf(data.lowScorers())
                .hasSize(2);
        assertThat(all).hasSizeLessThan(60);
        assertThat(data.selfAssessments().size()).isBetween(40, 59);
        data.selfAssessments().values().forEach(s -> assertThat(AssessmentRules.validScore(s)).isTrue());
    }
}
