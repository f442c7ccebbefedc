package com.vbp.command.common;

import com.vbp.events.common.RowCode;
import com.vbp.events.common.RowProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleViolationTest {

    @Test
    void an_upload_without_problems_is_not_refused() {
        assertThatCode(() -> RuleViolation.refuseInvalidRows(List.of(), List.of())).doesNotThrowAnyException();
    }

    @Test
    void cell_problems_and_rule_problems_come_in_one_answer_sorted_by_row_then_column() {
        RowProblem cell = new RowProblem(5, "需求量", RowCode.NOT_A_NUMBER, "not a number");
        RowProblem unknown = new RowProblem(2, "产品组编码", RowCode.UNKNOWN_GROUP, "unknown code");
        RowProblem duplicate = new RowProblem(5, "机构编码", RowCode.DUPLICATE, "duplicate");

        RuleViolation refused = catchThrowableOfType(RuleViolation.class,
                () -> RuleViolation.refuseInvalidRows(List.of(cell), List.of(duplicate, unknown)));

        assertThat(refused.code()).isEqualTo("INVALID_ROWS");
        assertThat(refused.refusal().rows()).containsExactly(unknown, duplicate, cell);
        assertThat(refused.refusal().figures()).containsEntry("badRows", 2L).containsEntry("problems", 3);
        assertThat(refused.refusal().message()).isEqualTo("2 rows are invalid; nothing was imported");
    }
}
