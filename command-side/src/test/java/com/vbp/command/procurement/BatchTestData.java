package com.vbp.command.procurement;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.ProcurementEvents.CatalogueImported;
import com.vbp.events.procurement.ProcurementEvents.ProcurementBatchCreated;
import com.vbp.events.procurement.WinningProduct;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A small batch to test with: two product groups, three winners, and builders for catalogue and
 * demand rows whose defaults are valid, so a test changes only what it is about.
 */
final class BatchTestData {

    static final String BATCH = "HB2023-ZCY";
    static final Instant OPENS = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant CLOSES = Instant.parse("2024-04-01T00:00:00Z");
    /** Inside the window. */
    static final Instant NOW = Instant.parse("2024-03-10T09:00:00Z");

    /** Product group G01 (连花清瘟) has winners D001 and D002; G02 (血塞通) has winner D003. */
    static final String G01 = "G01";
    static final String G02 = "G02";
    static final String D001 = "ZA01AAL0001";
    static final String D002 = "ZA01AAL0002";
    static final String D003 = "ZA12BAX0003";
    /** Products that did not win, the subjects of 待分配 lines. */
    static final String N001 = "ZA01AAL0901";
    static final String N002 = "ZA12BAX0902";

    private BatchTestData() {
    }

    static ProcurementBatchCreated batchCreated() {
        return new ProcurementBatchCreated(BATCH, "2023年湖北中成药联盟带量采购", OPENS, CLOSES, null, null, "admin",
                OPENS.minusSeconds(86_400));
    }

    static ProductBuilder d001() {
        return new ProductBuilder();
    }

    static ProductBuilder d002() {
        return new ProductBuilder().drugCode(D002).enterprise("石家庄以岭药业股份有限公司二厂")
                .packagePrice("18.9000").packageQuantity(36).reduction("42.1");
    }

    static ProductBuilder d003() {
        return new ProductBuilder().groupCode(G02).groupName("血塞通组").drugCode(D003).variety("血塞通软胶囊")
                .dosageForm("软胶囊").specification("0.33g").enterprise("昆明圣火药业(集团)有限公司")
                .packagePrice("25.4321").packageQuantity(20).dailyUsage("4").reduction("55").maxCapacity(200_000);
    }

    /** The standard catalogue: D001, D002 and D003 on spreadsheet rows 2, 3 and 4. */
    static List<CatalogueRow> catalogueRows() {
        return List.of(d001().row(2), d002().row(3), d003().row(4));
    }

    static List<WinningProduct> catalogueProducts() {
        return catalogueRows().stream().map(CatalogueRow::product).toList();
    }

    static CatalogueImported catalogueImported() {
        return new CatalogueImported(BATCH, catalogueProducts(), "admin", OPENS.minusSeconds(3_600));
    }

    static DemandBuilder selected(String institution, String groupCode, String drugCode, long volume) {
        return new DemandBuilder().institution(institution).groupCode(groupCode).kind(DemandKind.SELECTED)
                .drugCode(drugCode).volume(volume);
    }

    static DemandBuilder pending(String institution, String groupCode, String drugCode, long volume,
                                 String dailyUsage) {
        return new DemandBuilder().institution(institution).groupCode(groupCode).kind(DemandKind.PENDING)
                .drugCode(drugCode).volume(volume).dailyUsage(dailyUsage).variety("某中成药")
                .enterprise("某未中选企业");
    }

    /** A catalogue product; defaults are D001 of group G01. */
    static final class ProductBuilder {
        private String groupCode = G01;
        private String groupName = "连花清瘟组";
        private String drugCode = D001;
        private String variety = "连花清瘟胶囊";
        private String dosageForm = "胶囊剂";
        private String specification = "0.35g";
        private String enterprise = "石家庄以岭药业股份有限公司";
        private Money packagePrice = Money.of("12.5000");
        private int packageQuantity = 24;
        private String minUnit = "粒";
        private DailyUsage dailyUsage = DailyUsage.of("12");
        private Percentage reduction = Percentage.of("35.5");
        private Volume maxCapacity = Volume.of(1_000_000);

        ProductBuilder groupCode(String v) {
            groupCode = v;
            return this;
        }

        ProductBuilder groupName(String v) {
            groupName = v;
            return this;
        }

        ProductBuilder drugCode(String v) {
            drugCode = v;
            return this;
        }

        ProductBuilder variety(String v) {
            variety = v;
            return this;
        }

        ProductBuilder dosageForm(String v) {
            dosageForm = v;
            return this;
        }

        ProductBuilder specification(String v) {
            specification = v;
            return this;
        }

        ProductBuilder enterprise(String v) {
            enterprise = v;
            return this;
        }

        ProductBuilder packagePrice(String yuan) {
            packagePrice = yuan == null ? null : Money.of(yuan);
            return this;
        }

        ProductBuilder packageQuantity(int v) {
            packageQuantity = v;
            return this;
        }

        ProductBuilder minUnit(String v) {
            minUnit = v;
            return this;
        }

        ProductBuilder dailyUsage(String v) {
            dailyUsage = v == null ? null : DailyUsage.of(v);
            return this;
        }

        ProductBuilder reduction(String v) {
            reduction = v == null ? null : Percentage.of(v);
            return this;
        }

        ProductBuilder maxCapacity(Long v) {
            maxCapacity = v == null ? null : Volume.of(v);
            return this;
        }

        ProductBuilder maxCapacity(long v) {
            return maxCapacity(Long.valueOf(v));
        }

        WinningProduct build() {
            return new WinningProduct(groupCode, groupName, drugCode, variety, dosageForm, specification,
                    enterprise, packagePrice, packageQuantity, minUnit, dailyUsage, reduction, maxCapacity);
        }

        CatalogueRow row(int row) {
            return new CatalogueRow(row, build());
        }
    }

    /** A demand row; defaults are a 中选 line of institution H001 for D001. */
    static final class DemandBuilder {
        private String institutionCode = "H001";
        private String institutionName = "武汉市第一医院";
        private String district = "420102";
        private String groupCode = G01;
        private DemandKind kind = DemandKind.SELECTED;
        private String drugCode = D001;
        private String variety = "连花清瘟胶囊";
        private String enterprise = "石家庄以岭药业股份有限公司";
        private Volume volume = Volume.of(1000);
        private DailyUsage dailyUsage;

        /** Sets the code and, for the institutions the tests use, the matching name and district. */
        DemandBuilder institution(String code) {
            institutionCode = code;
            switch (code) {
                case "H001" -> {
                    institutionName = "武汉市第一医院";
                    district = "420102";
                }
                case "H002" -> {
                    institutionName = "武汉市中医医院";
                    district = "420103";
                }
                case "H003" -> {
                    institutionName = "江岸区社区卫生服务中心";
                    district = "420102";
                }
                default -> {
                    institutionName = "机构" + code;
                    district = "420106";
                }
            }
            return this;
        }

        DemandBuilder institutionCode(String v) {
            institutionCode = v;
            return this;
        }

        DemandBuilder institutionName(String v) {
            institutionName = v;
            return this;
        }

        DemandBuilder district(String v) {
            district = v;
            return this;
        }

        DemandBuilder groupCode(String v) {
            groupCode = v;
            return this;
        }

        DemandBuilder kind(DemandKind v) {
            kind = v;
            return this;
        }

        DemandBuilder drugCode(String v) {
            drugCode = v;
            return this;
        }

        DemandBuilder variety(String v) {
            variety = v;
            return this;
        }

        DemandBuilder enterprise(String v) {
            enterprise = v;
            return this;
        }

        DemandBuilder volume(Long v) {
            volume = v == null ? null : Volume.of(v);
            return this;
        }

        DemandBuilder volume(long v) {
            return volume(Long.valueOf(v));
        }

        DemandBuilder dailyUsage(String v) {
            dailyUsage = v == null ? null : new DailyUsage(new BigDecimal(v));
            return this;
        }

        DemandRow row(int row) {
            return new DemandRow(row, institutionCode, institutionName, district, groupCode, kind, drugCode,
                    variety, enterprise, volume, dailyUsage);
        }
    }

    /** The terms every institution of the test batch allocates under. */
    static com.vbp.events.allocation.AllocationTerms terms() {
        return new com.vbp.events.allocation.AllocationTerms(OPENS, CLOSES, null, null);
    }

    /** The catalogue's winners of the given groups, in catalogue order, as InstitutionDemandRegistered carries them. */
    static List<WinningProduct> winnersOf(String... groups) {
        List<String> wanted = List.of(groups);
        return catalogueProducts().stream().filter(p -> wanted.contains(p.groupCode())).toList();
    }
}
