package com.vbp.gateway.excel;

import java.util.HashMap;
import java.util.Map;

/**
 * How an export writes a column's values, decided by the column's title (the words of FILES.md and
 * API.md): the one place that says which columns are codes, whole numbers, money or other decimals, so
 * every export ({@link XlsxWriter}) types its cells alike. Text values ({@code 合计}, {@code 未考核}) stay
 * text in any column.
 */
public enum ColumnType {

    /** Codes: always text cells, so "001" keeps its zeros and Excel never turns a code into a number. */
    CODE,
    /** Whole numbers (volumes, counts): integer numeric cells, shown without decimals. */
    WHOLE,
    /** Amounts in yuan: numeric cells shown with two decimals and thousands separators; the value stays exact. */
    MONEY,
    /** Other decimals (prices of up to 4 places, shares, scores, factors): numeric cells shown with their own places. */
    DECIMAL,
    /** A title this table does not know: typed by its values (text, whole number or decimal). */
    BY_VALUE;

    private static final Map<String, ColumnType> BY_TITLE = new HashMap<>();

    static {
        put(CODE, "机构编码", "药品统一编码", "产品组编码", "所属区县", "需求药品编码", "批次编码");
        put(WHOLE, "最小包装数量", "最大产能", "需求量", "约定采购量", "合同量", "合同条数", "考核品种数", "计算轮次",
                "需求行数", "已确认行数", "医疗机构数", "已上报机构数", "待分配量", "已分配量", "中选产品采购量",
                "非中选产品采购量");
        put(MONEY, "合同金额(元)", "预算金额(元)", "实际发生额(元)", "结余金额(元)", "结余留用金额(元)", "职保(元)",
                "居保(元)", "中选产品采购金额", "非中选产品采购金额");
        // 包装中选价 has up to 4 places and 集采前单价 is a unit price: prices, not two-decimal money.
        put(DECIMAL, "包装中选价(元)", "集采前单价", "日均使用量", "降幅(%)", "职保占比", "自评分", "医保考核评分",
                "考核系数", "约定采购量完成率");
    }

    private static void put(ColumnType type, String... titles) {
        for (String title : titles) {
            if (BY_TITLE.put(title, type) != null) {
                throw new IllegalStateException("column " + title + " typed twice");
            }
        }
    }

    /** The type of the column titled {@code title}; {@link #BY_VALUE} for a title not in the table. */
    public static ColumnType of(String title) {
        return BY_TITLE.getOrDefault(title, BY_VALUE);
    }
}
