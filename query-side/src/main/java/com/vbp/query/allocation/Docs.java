package com.vbp.query.allocation;

import com.vbp.events.allocation.AllocationEvents;
import com.vbp.events.allocation.CapacityEvents;
import com.vbp.events.allocation.ContractBounds;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Percentage;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * How the allocation projections store the contract's values: decimals as exact strings, volumes as
 * longs, instants as dates; one place so every projection reads back what it wrote.
 */
final class Docs {

    private Docs() {
    }

    static String id(String batch, String key) {
        return batch + "|" + key;
    }

    /** The {@code batch|institution} document an institution allocation's event is about, or null. */
    static String institutionOf(Object event) {
        return event instanceof AllocationEvents e ? id(e.batchCode(), e.institutionCode()) : null;
    }

    /** The {@code batch|drug} document a product capacity's event is about, or null. */
    static String capacityOf(Object event) {
        return event instanceof CapacityEvents e ? id(e.batchCode(), e.drugCode()) : null;
    }

    static String dec(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    static BigDecimal dec(Document d, String field) {
        String s = d.getString(field);
        return s == null ? null : new BigDecimal(s);
    }

    static Money money(Document d, String field) {
        BigDecimal v = dec(d, field);
        return v == null ? null : new Money(v);
    }

    static long lng(Document d, String field) {
        Object v = d.get(field);
        return v == null ? 0 : ((Number) v).longValue();
    }

    static Volume volume(Document d, String field) {
        Object v = d.get(field);
        return v == null ? null : Volume.of(((Number) v).longValue());
    }

    static Date date(Instant at) {
        return at == null ? null : Date.from(at);
    }

    static Instant instant(Document d, String field) {
        Date v = d.getDate(field);
        return v == null ? null : v.toInstant();
    }

    static boolean contains(String value, String wanted) {
        return wanted == null || wanted.isBlank() || (value != null
                && value.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT)));
    }

    static Document entry(ContractEntry e) {
        return new Document("drugCode", e.drugCode()).append("groupCode", e.groupCode())
                .append("variety", e.variety()).append("enterprise", e.enterprise())
                .append("packagePrice", dec(e.packagePrice().yuan())).append("packageQuantity", e.packageQuantity())
                .append("dailyUsage", e.dailyUsage() == null ? null : dec(e.dailyUsage().minUnitsPerDay()))
                .append("contractVolume", e.contractVolume().minUnits())
                .append("allocatedVolume", e.allocatedVolume() == null ? null : dec(e.allocatedVolume().minUnits()))
                .append("contractAmount", e.contractAmount() == null ? null : dec(e.contractAmount().yuan()))
                .append("remainingCapacity", e.remainingCapacity() == null ? null : e.remainingCapacity().minUnits());
    }

    static ContractEntry entry(Document d) {
        BigDecimal usage = dec(d, "dailyUsage");
        BigDecimal allocated = dec(d, "allocatedVolume");
        return new ContractEntry(d.getString("drugCode"), d.getString("groupCode"), d.getString("variety"),
                d.getString("enterprise"), money(d, "packagePrice"), d.getInteger("packageQuantity"),
                usage == null ? null : new DailyUsage(usage), volume(d, "contractVolume"),
                allocated == null ? null : new AllocatedVolume(allocated), money(d, "contractAmount"),
                volume(d, "remainingCapacity"));
    }

    static List<Document> entries(List<ContractEntry> entries) {
        return entries == null ? List.of() : entries.stream().map(Docs::entry).toList();
    }

    static List<ContractEntry> entries(Document d, String field) {
        return d.getList(field, Document.class, List.of()).stream().map(Docs::entry).toList();
    }

    static Document bounds(ContractBounds b) {
        return b == null ? null : new Document("rule", b.rule()).append("drugCode", b.drugCode())
                .append("remainder", dec(b.remainder())).append("lower", dec(b.lower()))
                .append("upper", dec(b.upper()));
    }

    static ContractBounds bounds(Document d) {
        return d == null ? null : new ContractBounds(d.getInteger("rule"), d.getString("drugCode"),
                dec(d, "remainder"), dec(d, "lower"), dec(d, "upper"));
    }

    static Document product(WinningProduct p) {
        return new Document("groupCode", p.groupCode()).append("groupName", p.groupName())
                .append("drugCode", p.drugCode()).append("variety", p.variety())
                .append("dosageForm", p.dosageForm()).append("specification", p.specification())
                .append("enterprise", p.enterprise()).append("packagePrice", dec(p.packagePrice().yuan()))
                .append("packageQuantity", p.packageQuantity()).append("minUnit", p.minUnit())
                .append("dailyUsage", dec(p.dailyUsage().minUnitsPerDay()))
                .append("reduction", dec(p.reduction().percent()))
                .append("maxCapacity", p.maxCapacity().minUnits());
    }

    static WinningProduct product(Document d) {
        return new WinningProduct(d.getString("groupCode"), d.getString("groupName"), d.getString("drugCode"),
                d.getString("variety"), d.getString("dosageForm"), d.getString("specification"),
                d.getString("enterprise"), money(d, "packagePrice"), d.getInteger("packageQuantity"),
                d.getString("minUnit"), new DailyUsage(dec(d, "dailyUsage")), new Percentage(dec(d, "reduction")),
                volume(d, "maxCapacity"));
    }
}
