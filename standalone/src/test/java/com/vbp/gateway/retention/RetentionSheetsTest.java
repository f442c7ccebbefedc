package com.vbp.gateway.retention;

import com.vbp.events.common.Money;
import com.vbp.events.retention.RetentionQueries.RetainedAmountView;
import com.vbp.events.retention.RetentionQueries.RetentionInstitutionView;
import com.vbp.events.retention.RetentionValues.Score;
import com.vbp.gateway.support.XlsxCells;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two retention exports: 未考核 where there is no score; the amounts close with a 合计 row. */
class RetentionSheetsTest {

    private static RetainedAmountView amount(String code, String retained, String employee, String resident,
                                             Score score) {
        return new RetainedAmountView(code, code + "医院", "420102", 1, 2, Money.of("26000.00"), Money.of("11000.00"),
                Money.of("15000.00"), score, score != null, score == null ? BigDecimal.ZERO : new BigDecimal("0.92"),
                Money.of(retained), Money.of(employee), Money.of(resident));
    }

    @Test
    void the_amounts_sheet_shows_not_assessed_and_the_totals() throws Exception {
        List<List<RetainedAmountView>> pages = List.of(
                List.of(amount("H1", "6900.00", "4830.00", "2070.00", new Score(new BigDecimal("92")))),
                List.of(amount("H2", "0.00", "0.00", "0.00", null)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RetainedAmountsSheet.write(out, page -> page < pages.size() ? pages.get(page) : List.of());

        List<List<String>> cells = XlsxCells.of(out.toByteArray());
        assertThat(cells.get(0)).isEqualTo(RetainedAmountsSheet.TITLES);
        assertThat(cells).hasSize(1 + 2 + 1);
        List<String> titles = cells.get(0);
        assertThat(cells.get(1).get(titles.indexOf("医保考核评分"))).isEqualTo("92");
        assertThat(cells.get(1).get(titles.indexOf("结余留用金额(元)"))).isEqualTo("6900");
        assertThat(cells.get(2).get(titles.indexOf("医保考核评分"))).isEqualTo("未考核");
        List<String> total = cells.get(3);
        assertThat(total.get(0)).isEqualTo("合计");
        assertThat(total.get(titles.indexOf("预算金额(元)"))).isEqualTo("52000");
        assertThat(total.get(titles.indexOf("职保(元)"))).isEqualTo("4830");
        assertThat(total.get(titles.indexOf("居保(元)"))).isEqualTo("2070");
    }

    @Test
    void an_empty_scope_exports_the_titles_only() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RetainedAmountsSheet.write(out, page -> List.of());
        assertThat(XlsxCells.of(out.toByteArray())).containsExactly(RetainedAmountsSheet.TITLES);
    }

    @Test
    void the_institutions_sheet_shows_not_assessed_where_the_bureau_has_not_scored() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InstitutionsSheet.write(out, page -> page > 0 ? List.of() : List.of(
                new RetentionInstitutionView("H1", "一院", "420102", new BigDecimal("0.7"), 2,
                        new Score(new BigDecimal("95.5")), null)));
        List<List<String>> cells = XlsxCells.of(out.toByteArray());
        assertThat(cells.get(0)).isEqualTo(InstitutionsSheet.TITLES);
        assertThat(cells.get(1)).containsExactly("H1", "一院", "420102", "江岸区", "0.7", "2", "95.5", "未考核");
    }
}
