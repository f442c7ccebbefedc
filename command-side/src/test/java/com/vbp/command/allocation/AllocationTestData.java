package com.vbp.command.allocation;

import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationIds;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One group G01 with three winners, an institution with one selected line and one pending line, and builders
 * whose defaults are valid, so that a test changes only what it is about.
 * <pre>
 * drug  enterprise  price    q   U   reduction  daily cost
 * D001  以岭          12.5000  24  12  35.5       6.25   (lowest daily cost)
 * D002  以岭二厂       18.9000  36  12  42.1       6.30   (highest reduction)
 * D004  神威          8.0000   10  9   20         7.20   (another winner)
 * </pre>
 * Pending line N001: P = 600, U_d = 3. One entry D001: bounds 2376 &lt; C &lt; 2424.
 * D001 1200 (allocated 300) with D002 absorbing: 1164 &lt; C &lt; 1236.
 */
final class AllocationTestData {

    static final String BATCH = "HB2023-ZCY";
    static final String INSTITUTION = "H001";
    static final String ALLOCATION = AllocationIds.of(BATCH, INSTITUTION);
    static final Instant OPENS = Instant.parse("2024-03-01T00:00:00Z");
    static final Instant CLOSES = Instant.parse("2024-04-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2024-03-10T09:00:00Z");
    static final Instant REGISTERED = OPENS.minusSeconds(3_600);

    static final String G01 = "G01";
    static final String D001 = "ZA01AAL0001";
    static final String D002 = "ZA01AAL0002";
    static final String D004 = "ZA01AAL0004";
    static final String N001 = "ZA01AAL0901";

    static final AllocationTerms TERMS = new AllocationTerms(OPENS, CLOSES, null, null);

    static final SelectedLine SELECTED = new SelectedLine(D001, G01, D001, "连花清瘟胶囊", "石家庄以岭药业股份有限公司",
            Volume.of(1000));
    static final PendingLine PENDING = pending(600, "3");

    private AllocationTestData() {
    }

    static PendingLine pending(long p, String dailyUsage) {
        return new PendingLine(N001, G01, N001, "某中成药", "某未中选企业", Volume.of(p), DailyUsage.of(dailyUsage));
    }

    static ProductBuilder d001() {
        return new ProductBuilder();
    }

    static ProductBuilder d002() {
        return new ProductBuilder().drugCode(D002).enterprise("石家庄以岭药业股份有限公司二厂").packagePrice("18.9000")
                .packageQuantity(36).reduction("42.1");
    }

    static ProductBuilder d004() {
        return new ProductBuilder().drugCode(D004).enterprise("神威药业集团有限公司").packagePrice("8.0000")
                .packageQuantity(10).dailyUsage("9").reduction("20");
    }

    static List<WinningProduct> winners() {
        return List.of(d001().build(), d002().build(), d004().build());
    }

    static InstitutionDemandRegistered registered() {
        return registered(TERMS, winners());
    }

    static InstitutionDemandRegistered registered(AllocationTerms terms, List<WinningProduct> winners) {
        return new InstitutionDemandRegistered(BATCH, INSTITUTION, "武汉市第一医院", "420102", List.of(SELECTED),
                List.of(PENDING), terms, winners, REGISTERED);
    }

    static AllocationTerms minShares(String lowestDailyCost, String highestReduction) {
        return new AllocationTerms(OPENS, CLOSES, lowestDailyCost == null ? null : new BigDecimal(lowestDailyCost),
                highestReduction == null ? null : new BigDecimal(highestReduction));
    }

    static EntryRequest entry(String drugCode, long contractVolume) {
        return new EntryRequest(drugCode, Volume.of(contractVolume));
    }

    static final class ProductBuilder {
        private String drugCode = D001;
        private String enterprise = "石家庄以岭药业股份有限公司";
        private String packagePrice = "12.5000";
        private int packageQuantity = 24;
        private String dailyUsage = "12";
        private String reduction = "35.5";
        private long maxCapacity = 1_000_000;

        ProductBuilder drugCode(String v) {
            drugCode = v;
            return this;
        }

        ProductBuilder enterprise(String v) {
            enterprise = v;
            return this;
        }

        ProductBuilder packagePrice(String v) {
            packagePrice = v;
            return this;
        }

        ProductBuilder packageQuantity(int v) {
            packageQuantity = v;
            return this;
        }

        ProductBuilder dailyUsage(String v) {
            dailyUsage = v;
            return this;
        }

        ProductBuilder reduction(String v) {
            reduction = v;
            return this;
        }

        ProductBuilder maxCapacity(long v) {
            maxCapacity = v;
            return this;
        }

        WinningProduct build() {
            return new WinningProduct(G01, "连花清瘟组", drugCode, "连花清瘟胶囊", "胶囊剂", "0.35g", enterprise,
                    Money.of(packagePrice), packageQuantity, "粒", DailyUsage.of(dailyUsage), Percentage.of(reduction),
                    Volume.of(maxCapacity));
        }
    }
}
