package com.vbp.standalone.demo;

import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.ProcurementCommands.CatalogueRow;
import com.vbp.events.procurement.ProcurementCommands.DemandKind;
import com.vbp.events.procurement.ProcurementCommands.DemandRow;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.standalone.demo.MedicineFamilies.Family;
import com.vbp.standalone.demo.MedicineFamilies.Variant;
import com.vbp.standalone.demo.WuhanInstitutions.Planned;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Seeded demo data for one procurement batch (集采批次) of Chinese patent medicines: a winning-product
 * catalogue and Wuhan institutions' demand lines that pass the catalogue and demand import rules
 * (FILES.md). The same seed and sizes always give equal data; nothing depends on the clock, the
 * locale or hash order.
 *
 * <p>Every group has a lowest-daily-cost winner and a highest-reduction winner without ties; in
 * some groups they are one enterprise, in others two (the first group is always the former, the
 * second always the latter). Those two winners get capacity for the whole group's demand, because
 * rule 4 makes every pending line give them an entry; a few other winners get tight capacity so
 * capacity conflicts can be shown.
 */
public final class DemoDataGenerator {

    /** The standard set's seed: the month the Hubei alliance manual was issued (2023-07). */
    public static final long STANDARD_SEED = 20230701L;
    public static final int STANDARD_INSTITUTIONS = 60;
    public static final int STANDARD_LINES_PER_INSTITUTION = 12;

    /** More institutions than this would overflow the five-digit serial of an institution code. */
    public static final int MAX_INSTITUTIONS = 100_000;

    private static final long MIN_PACKAGE_PRICE = 10_0000;   // 10 yuan in 1/10,000 yuan
    private static final long MAX_PACKAGE_PRICE = 300_0000;  // 300 yuan
    private static final long ONE_FEN = 100;                  // 0.01 yuan in 1/10,000 yuan

    private DemoDataGenerator() {
    }

    /** The demo data set: 24 product groups, 60 institutions in 8 districts, 12 lines each. */
    public static DemoData standard() {
        return generate(STANDARD_SEED, STANDARD_INSTITUTIONS, STANDARD_LINES_PER_INSTITUTION);
    }

    /**
     * A data set of {@code institutions} institutions with {@code linesPerInstitution} demand lines
     * each, at least one selected-product line (中选) and one pending line (待分配) apiece. The
     * catalogue grows with the institutions, from 24 groups up to 40 (at 500 institutions).
     *
     * @throws IllegalArgumentException when there are fewer than 1 or more than {@link #MAX_INSTITUTIONS}
     *                                  institutions, fewer than 2 lines, or more lines than the catalogue
     *                                  has distinct products
     */
    public static DemoData generate(long seed, int institutions, int linesPerInstitution) {
        if (institutions < 1 || institutions > MAX_INSTITUTIONS) {
            throw new IllegalArgumentException("institutions must be 1 to " + MAX_INSTITUTIONS + ": " + institutions);
        }
        if (linesPerInstitution < 2) {
            throw new IllegalArgumentException("an institution needs at least a 中选 and a 待分配 line: "
                    + linesPerInstitution);
        }
        Dice dice = new Dice(seed);
        int groupCount = Math.max(24, Math.min(40, 20 + institutions / 25));
        List<Group> groups = draftGroups(dice, groupCount);
        List<Winner> winners = groups.stream().flatMap(g -> g.winners.stream()).toList();
        List<NonWinner> nonWinners = groups.stream().flatMap(g -> g.nonWinners.stream()).toList();
        if (linesPerInstitution > winners.size() + nonWinners.size()) {
            throw new IllegalArgumentException("at most " + (winners.size() + nonWinners.size())
                    + " lines per institution fit a catalogue of " + groupCount + " groups: " + linesPerInstitution);
        }
        List<Planned> planned = WuhanInstitutions.plan(institutions);
        List<DemandRow> demands = demands(dice, planned, linesPerInstitution, winners, nonWinners);
        List<CatalogueRow> catalogue = catalogue(dice, winners);
        return new DemoData(catalogue, demands, WuhanInstitutions.districts(institutions),
                planned.stream().map(Planned::institution).toList());
    }

    // ---- catalogue -------------------------------------------------------------------------------

    /** A product group while it is drafted; {@code pendingDays} sums P / U_d over its pending lines. */
    private static final class Group {
        final String code;
        final String name;
        final List<Winner> winners = new ArrayList<>();
        final List<NonWinner> nonWinners = new ArrayList<>();
        double pendingDays;

        Group(String code, String name) {
            this.code = code;
            this.name = name;
        }
    }

    /** A winning product while drafted: its capacity is only set once the demand is known. */
    private static final class Winner {
        final Group group;
        final String drugCode;
        final Variant variant;
        final String enterprise;
        final int packageQuantity;
        long packagePrice;     // 1/10,000 yuan
        int priceScale;        // 2 or 4 decimals, as printed
        long reduction;        // 1/100 percent
        boolean tight;
        long selectedVolume;   // Σ volumes of the 中选 lines naming this product

        Winner(Group group, String drugCode, Variant variant, String enterprise, int packageQuantity) {
            this.group = group;
            this.drugCode = drugCode;
            this.variant = variant;
            this.enterprise = enterprise;
            this.packageQuantity = packageQuantity;
        }

        BigDecimal dailyUsage() {
            return variant.dailyUsage().minUnitsPerDay();
        }
    }

    /** A product of the group that did not win: the subject of pending lines (待分配量). */
    private record NonWinner(Group group, String drugCode, Variant variant, String enterprise) {
    }

    private static List<Group> draftGroups(Dice dice, int groupCount) {
        List<Family> families = MedicineFamilies.FAMILIES.subList(0, Math.min(groupCount, MedicineFamilies.FAMILIES.size()));
        int[] enterprises = new int[MedicineFamilies.ENTERPRISES.size()];
        for (int i = 0; i < enterprises.length; i++) {
            enterprises[i] = i;
        }
        // Drug codes rise through the catalogue with random gaps: unique, and winners before non-winners.
        long drugNumber = dice.between(10_000_000L, 39_999_999L);
        boolean tightChosen = false;
        List<Group> groups = new ArrayList<>(families.size());
        for (int g = 0; g < families.size(); g++) {
            Family family = families.get(g);
            Group group = new Group(String.format(Locale.ROOT, "ZCY-G%03d", g + 1), family.groupName());
            int winnerCount = dice.between(2, 5);
            int nonWinnerCount = dice.between(2, 4);
            dice.shuffleFront(enterprises, winnerCount + nonWinnerCount);
            for (int w = 0; w < winnerCount; w++) {
                drugNumber += dice.between(1, 999);
                Variant variant = dice.pick(family.variants());
                Winner winner = new Winner(group, "ZC" + drugNumber, variant,
                        MedicineFamilies.ENTERPRISES.get(enterprises[w]), dice.pick(variant.packageQuantities()));
                price(dice, winner);
                group.winners.add(winner);
            }
            for (int n = 0; n < nonWinnerCount; n++) {
                drugNumber += dice.between(1, 999);
                group.nonWinners.add(new NonWinner(group, "ZC" + drugNumber, dice.pick(family.variants()),
                        MedicineFamilies.ENTERPRISES.get(enterprises[winnerCount + n])));
            }
            separateDailyCosts(group.winners);
            drawReductions(dice, group.winners);
            boolean sameEnterprise = g == 0 || (g != 1 && dice.chance(55));
            arrangeLeaders(group.winners, sameEnterprise);
            tightChosen |= chooseTight(dice, group.winners);
            groups.add(group);
        }
        if (!tightChosen) {
            // The demo must show a capacity conflict somewhere: take the first winner that may be tight.
            groups.stream().flatMap(g -> others(g.winners).stream()).findFirst().ifPresent(w -> w.tight = true);
        }
        return groups;
    }

    /** Package price = a plausible unit price × package quantity, kept within 10–300 yuan. */
    private static void price(Dice dice, Winner w) {
        long unit = dice.between(w.variant.lowUnitPrice(), w.variant.highUnitPrice());
        long packagePrice = Math.max(MIN_PACKAGE_PRICE, Math.min(MAX_PACKAGE_PRICE, unit * w.packageQuantity));
        // Most bid prices are in fen; some carry 4 decimals so exact arithmetic is exercised.
        if (dice.chance(70)) {
            w.priceScale = 2;
            w.packagePrice = packagePrice / ONE_FEN * ONE_FEN;
        } else {
            w.priceScale = 4;
            w.packagePrice = packagePrice;
        }
    }

    /** Daily costs must differ so the lowest-daily-cost winner does not hang on the tie-break. */
    private static void separateDailyCosts(List<Winner> winners) {
        for (int i = 1; i < winners.size(); i++) {
            Winner w = winners.get(i);
            while (true) {
                boolean tie = false;
                for (int j = 0; j < i; j++) {
                    tie |= compareDailyCost(w, winners.get(j)) == 0;
                }
                if (!tie) {
                    break;
                }
                // Step away from the tie, downwards at the 300-yuan ceiling; the scale (fen) is kept.
                w.packagePrice += w.packagePrice + ONE_FEN > MAX_PACKAGE_PRICE ? -ONE_FEN : ONE_FEN;
            }
        }
    }

    /** Distinct reductions of 10–70 % with two decimals, so the highest-reduction winner is unambiguous. */
    private static void drawReductions(Dice dice, List<Winner> winners) {
        Set<Long> used = new HashSet<>();
        for (Winner w : winners) {
            long r;
            do {
                r = dice.between(10_00L, 70_00L);
            } while (!used.add(r));
            w.reduction = r;
        }
    }

    /**
     * Makes the lowest-daily-cost winner also the highest-reduction one, or not, by swapping
     * reductions; prices stay as drawn, so the daily-cost ranking is untouched.
     */
    private static void arrangeLeaders(List<Winner> winners, boolean sameEnterprise) {
        Winner cheapest = lowestDailyCost(winners);
        Winner highest = highestReduction(winners);
        if (sameEnterprise && cheapest != highest) {
            swapReductions(cheapest, highest);
        } else if (!sameEnterprise && cheapest == highest) {
            Winner runnerUp = winners.stream().filter(w -> w != cheapest)
                    .max(Comparator.comparingLong((Winner w) -> w.reduction)).orElseThrow();
            swapReductions(cheapest, runnerUp);
        }
    }

    private static void swapReductions(Winner a, Winner b) {
        long r = a.reduction;
        a.reduction = b.reduction;
        b.reduction = r;
    }

    /** At most one tight product per group, never one that rule 4 forces every pending line to use. */
    private static boolean chooseTight(Dice dice, List<Winner> winners) {
        List<Winner> others = others(winners);
        if (others.isEmpty() || !dice.chance(30)) {
            return false;
        }
        dice.pick(others).tight = true;
        return true;
    }

    /** The winners other than the lowest-daily-cost and the highest-reduction one (其他中选企业). */
    private static List<Winner> others(List<Winner> winners) {
        Winner cheapest = lowestDailyCost(winners);
        Winner highest = highestReduction(winners);
        return winners.stream().filter(w -> w != cheapest && w != highest).toList();
    }

    /** packPrice / packQty × U compared exactly, by cross-multiplying; ties to the lower drug code. */
    private static Winner lowestDailyCost(List<Winner> winners) {
        return winners.stream().min((a, b) -> {
            int c = compareDailyCost(a, b);
            return c != 0 ? c : a.drugCode.compareTo(b.drugCode);
        }).orElseThrow();
    }

    private static Winner highestReduction(List<Winner> winners) {
        return winners.stream().min((a, b) -> {
            int c = Long.compare(b.reduction, a.reduction);
            return c != 0 ? c : a.drugCode.compareTo(b.drugCode);
        }).orElseThrow();
    }

    private static int compareDailyCost(Winner a, Winner b) {
        BigDecimal left = BigDecimal.valueOf(a.packagePrice).multiply(a.dailyUsage())
                .multiply(BigDecimal.valueOf(b.packageQuantity));
        BigDecimal right = BigDecimal.valueOf(b.packagePrice).multiply(b.dailyUsage())
                .multiply(BigDecimal.valueOf(a.packageQuantity));
        return left.compareTo(right);
    }

    /**
     * The catalogue rows, once the demand is known. A generous product can take its own 中选 volume
     * plus the whole group's pending demand half as much again, and never less than a few million
     * units; a tight one its 中选 volume plus 15–35 % of the group's pending demand.
     */
    private static List<CatalogueRow> catalogue(Dice dice, List<Winner> winners) {
        List<CatalogueRow> rows = new ArrayList<>(winners.size());
        int row = 2;
        for (Winner w : winners) {
            double pendingUnits = w.group.pendingDays * w.dailyUsage().doubleValue();
            long capacity;
            if (w.tight) {
                capacity = w.selectedVolume + roundUp((long) Math.ceil(pendingUnits * dice.between(15, 35) / 100.0), 1_000);
            } else {
                long floor = dice.between(20, 90) * 100_000L;
                capacity = Math.max(floor, roundUp((long) Math.ceil((w.selectedVolume + pendingUnits) * 1.5), 10_000));
            }
            BigDecimal price = BigDecimal.valueOf(w.packagePrice, 4).setScale(w.priceScale);
            rows.add(new CatalogueRow(row++, new WinningProduct(w.group.code, w.group.name, w.drugCode,
                    w.variant.variety(), w.variant.dosageForm(), w.variant.specification(), w.enterprise,
                    new Money(price), w.packageQuantity, w.variant.minUnit(), w.variant.dailyUsage(),
                    new Percentage(BigDecimal.valueOf(w.reduction, 2)), Volume.of(capacity))));
        }
        return rows;
    }

    private static long roundUp(long value, long step) {
        return Math.max(step, (value + step - 1) / step * step);
    }

    // ---- demand ----------------------------------------------------------------------------------

    /** One line of an institution before it is sorted into file order. */
    private record Line(String groupCode, DemandKind kind, String drugCode, String variety, String enterprise,
                        long volume, DailyUsage dailyUsage) {
    }

    private static final Comparator<Line> FILE_ORDER = Comparator.comparing(Line::groupCode)
            .thenComparing(Line::kind).thenComparing(Line::drugCode);

    /**
     * Each institution reports distinct winners as 中选 lines and distinct non-winners as 待分配
     * lines, about half and half; volumes are the product's daily usage × patient-days sized by the
     * institution's tier, 中选 volumes in whole packages as hospitals order them.
     */
    private static List<DemandRow> demands(Dice dice, List<Planned> planned, int linesPerInstitution,
                                           List<Winner> winners, List<NonWinner> nonWinners) {
        int[] winnerOrder = indexes(winners.size());
        int[] nonWinnerOrder = indexes(nonWinners.size());
        List<DemandRow> rows = new ArrayList<>(planned.size() * linesPerInstitution);
        List<Line> lines = new ArrayList<>(linesPerInstitution);
        int row = 2;
        for (Planned p : planned) {
            int low = Math.max(1, linesPerInstitution - nonWinners.size());
            int high = Math.min(winners.size(), linesPerInstitution - 1);
            int spread = Math.max(1, linesPerInstitution / 6);
            int selected = Math.max(low, Math.min(high, linesPerInstitution / 2 + dice.between(-spread, spread)));
            int pending = linesPerInstitution - selected;
            dice.shuffleFront(winnerOrder, selected);
            dice.shuffleFront(nonWinnerOrder, pending);
            lines.clear();
            for (int i = 0; i < selected; i++) {
                Winner w = winners.get(winnerOrder[i]);
                double units = w.dailyUsage().doubleValue() * days(dice, p);
                long volume = Math.max(1, (long) Math.ceil(units / w.packageQuantity)) * w.packageQuantity;
                w.selectedVolume += volume;
                // 日均使用量 may be left empty on a 中选 line; a quarter of them do, as real files vary.
                DailyUsage usage = dice.chance(75) ? w.variant.dailyUsage() : null;
                lines.add(new Line(w.group.code, DemandKind.SELECTED, w.drugCode, w.variant.variety(), w.enterprise,
                        volume, usage));
            }
            for (int i = 0; i < pending; i++) {
                NonWinner n = nonWinners.get(nonWinnerOrder[i]);
                double usage = n.variant().dailyUsage().minUnitsPerDay().doubleValue();
                long volume = Math.max(1, Math.round(usage * days(dice, p)));
                n.group().pendingDays += volume / usage;
                lines.add(new Line(n.group().code, DemandKind.PENDING, n.drugCode(), n.variant().variety(),
                        n.enterprise(), volume, n.variant().dailyUsage()));
            }
            lines.sort(FILE_ORDER);
            Institution institution = p.institution();
            for (Line l : lines) {
                rows.add(new DemandRow(row++, institution.code(), institution.name(), institution.districtCode(),
                        l.groupCode(), l.kind(), l.drugCode(), l.variety(), l.enterprise(), Volume.of(l.volume()),
                        l.dailyUsage()));
            }
        }
        return rows;
    }

    private static int days(Dice dice, Planned p) {
        return dice.between(p.tier().lowDays, p.tier().highDays);
    }

    private static int[] indexes(int size) {
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = i;
        }
        return result;
    }
}
