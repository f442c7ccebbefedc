package com.vbp.query.allocation;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationReported;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.InstitutionDemandRegistered;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.AllocationQueries.AllocationProgress;
import com.vbp.events.allocation.AllocationQueries.AmountGrouping;
import com.vbp.events.allocation.AllocationQueries.ContractAmounts;
import com.vbp.events.allocation.AllocationQueries.FetchAllocationProgress;
import com.vbp.events.allocation.AllocationQueries.FetchContractAmounts;
import com.vbp.events.allocation.AllocationTerms;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.allocation.DemandLines.PendingLine;
import com.vbp.events.allocation.DemandLines.SelectedLine;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.DailyUsage;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import com.vbp.query.config.EmbeddedMongo;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pre-aggregated summaries ({@link SummaryTotals}) answer exactly what summing every institution's document
 * at query time answered ({@link SummariesByScan}), on seeded random histories over three batches (B1, B2 and
 * B10, whose codes share a prefix), four districts and three product groups: enterprises winning in two groups
 * and twice in one, amounts drawn from a few values so keys tie, amounts with more than two decimals, allocated
 * totals of every scale, withdrawals, confirmations again, reports, demand registered again, events for
 * unknown institutions and events delivered twice. Also after a crash after any single write followed by the
 * events handled again from an earlier token, and after a replay.
 */
class SummaryTotalsTest {

    private static final List<String> BATCHES = List.of("B1", "B2", "B10");
    private static final List<String> FILTERS = Arrays.asList(null, "B1", "B2", "B10", "B", "NOPE", " ");
    private static final List<String> DISTRICTS = List.of("420102", "420103", "420104", "420105");
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<String> AMOUNTS = List.of("100.00", "250.50", "0.01", "999.99", "12.345", "100",
            "77.5", "3000.125");
    private static final List<String> ALLOCATED = List.of("900", "450.5", "333.333333", "0.25", "1200.000001", "75");

    private static WinningProduct winner(String group, String groupName, String drug, String enterprise) {
        return new WinningProduct(group, groupName, drug, "品种" + drug, "片剂", "每片0.25g", enterprise,
                Money.of("12.5"), 10, "片", DailyUsage.of("3"), com.vbp.events.common.Percentage.of("30"),
                Volume.of(1_000_000));
    }

    private static final List<WinningProduct> WINNERS = List.of(
            winner("G1", "银杏叶口服常释剂型", "D11", "甲制药"),
            winner("G1", "银杏叶口服常释剂型", "D12", "乙制药"),
            winner("G1", "银杏叶口服常释剂型", "D13", "丙制药"),
            winner("G2", "复方丹参滴丸", "D21", "丁制药"),
            winner("G2", "复方丹参滴丸", "D22", "丁制药"),
            winner("G3", "连花清瘟胶囊", "D31", "甲制药"),
            winner("G3", "连花清瘟胶囊", "D32", "戊制药|分厂"));
    private static final Map<String, String> NON_WINNERS = Map.of("X1", "G1", "X2", "G2", "X3", "G3");

    @TempDir
    Path dataDir;

    private EmbeddedMongo embedded;
    private MongoClient client;
    private int databases;

    @BeforeEach
    void open() {
        embedded = new EmbeddedMongo(dataDir);
        client = MongoClients.create(embedded.connectionString());
    }

    @AfterEach
    void close() {
        client.close();
        embedded.close();
    }

    private MongoDatabase freshDatabase() {
        return client.getDatabase("totals" + databases++);
    }

    @Test
    void the_totals_answer_exactly_what_summing_every_institution_document_answered() {
        for (long seed = 1; seed <= 4; seed++) {
            MongoDatabase db = freshDatabase();
            AllocationSummaryProjection summary = new AllocationSummaryProjection(db);
            SummariesByScan scan = new SummariesByScan(db.getCollection("allocation_summary"));
            List<Object> history = history(seed, 300);
            for (int i = 0; i < history.size(); i++) {
                handle(summary, history.get(i));
                if (i % 25 == 24 || i == history.size() - 1) {
                    assertSameAsScan(summary, scan, "seed " + seed + ", after event " + i);
                }
            }
            assertThat(summary.handle(new FetchContractAmounts(null, AmountGrouping.INSTITUTION)).items())
                    .as("a non-trivial history").hasSizeGreaterThan(10);
        }
    }

    @Test
    void the_same_totals_after_a_crash_after_any_write_and_the_events_handled_again_from_an_earlier_token() {
        List<Object> history = history(7, 80);
        MongoDatabase clean = freshDatabase();
        AllocationSummaryProjection cleanSummary = new AllocationSummaryProjection(clean);
        history.forEach(e -> handle(cleanSummary, e));
        AtomicInteger counter = new AtomicInteger();
        AllocationSummaryProjection counting = new AllocationSummaryProjection(
                crashingAfter(freshDatabase(), Integer.MAX_VALUE, counter));
        history.forEach(e -> handle(counting, e));
        int writes = counter.get();
        assertThat(writes).isGreaterThan(300);

        SplittableRandom dice = new SplittableRandom(11);
        for (int crashAt = 1; crashAt <= writes; crashAt += 1 + dice.nextInt(writes / 12)) {
            MongoDatabase db = freshDatabase();
            AllocationSummaryProjection crashing = new AllocationSummaryProjection(
                    crashingAfter(db, crashAt - 1, new AtomicInteger()));
            int interrupted = 0;
            try {
                for (; interrupted < history.size(); interrupted++) {
                    handle(crashing, history.get(interrupted));
                }
            } catch (Crash expected) {
                // the store keeps every write before this one
            }
            int token = Math.max(0, interrupted - dice.nextInt(6));
            AllocationSummaryProjection restarted = new AllocationSummaryProjection(db);
            for (int i = token; i < history.size(); i++) {
                handle(restarted, history.get(i));
            }
            String why = "crash before write " + crashAt + " (event " + interrupted + "), again from event " + token;
            assertThat(documents(db)).as(why).isEqualTo(documents(clean));
            assertSameAsScan(restarted, new SummariesByScan(db.getCollection("allocation_summary")), why);
        }
    }

    @Test
    void in_processor_batches_the_same_totals_and_after_a_crash_at_any_write_of_a_batch_the_batch_handled_again() {
        List<Object> history = history(5, 80);
        MongoDatabase clean = freshDatabase();
        AllocationSummaryProjection cleanSummary = new AllocationSummaryProjection(clean);
        history.forEach(e -> handle(cleanSummary, e));
        AtomicInteger counter = new AtomicInteger();
        MongoDatabase counted = crashingAfter(freshDatabase(), Integer.MAX_VALUE, counter);
        assertThat(inBatches(new AllocationSummaryProjection(counted), history, 0, 16)).isEqualTo(history.size());
        assertThat(documents(counted)).as("batched as one by one").isEqualTo(documents(clean));
        int writes = counter.get();
        assertThat(writes).as("a batch writes each document once").isLessThan(300).isGreaterThan(40);

        SplittableRandom dice = new SplittableRandom(13);
        for (int crashAt = 1; crashAt <= writes; crashAt += 1 + dice.nextInt(Math.max(1, writes / 15))) {
            MongoDatabase db = freshDatabase();
            int interrupted = inBatches(new AllocationSummaryProjection(crashingAfter(db, crashAt - 1,
                    new AtomicInteger())), history, 0, 16);
            // the token is where the interrupted batch began, or a batch earlier when the store lost the last one
            int token = Math.max(0, interrupted - 16 * dice.nextInt(2));
            assertThat(inBatches(new AllocationSummaryProjection(db), history, token, 16)).isEqualTo(history.size());
            String why = "crash before write " + crashAt + " (batch from event " + interrupted + "), again from "
                    + token;
            assertThat(documents(db)).as(why).isEqualTo(documents(clean));
            assertSameAsScan(new AllocationSummaryProjection(db), new SummariesByScan(db.getCollection(
                    "allocation_summary")), why);
        }
    }

    /**
     * Handles the history from {@code from} in batches of {@code size}, each in a batching unit of work as a
     * tracking processor would (its writes flushed when it commits); the first event of the batch that failed, or
     * the history's size.
     */
    private static int inBatches(AllocationSummaryProjection summary, List<Object> history, int from, int size) {
        for (int start = from; start < history.size(); start += size) {
            List<EventMessage<?>> batch = history.subList(start, Math.min(history.size(), start + size)).stream()
                    .<EventMessage<?>>map(GenericEventMessage::asEventMessage).toList();
            BatchingUnitOfWork<EventMessage<?>> uow = new BatchingUnitOfWork<>(batch);
            ResultMessage<?> result = uow.executeWithResult(() -> {
                handle(summary, uow.getMessage().getPayload());
                return null;
            });
            if (result.isExceptional()) {
                assertThat(result.exceptionResult()).isInstanceOf(Crash.class);
                return start;
            }
        }
        return history.size();
    }

    @Test
    void a_replay_from_empty_collections_and_every_event_handled_twice_leave_the_same_documents() {
        List<Object> history = history(3, 200);
        MongoDatabase db = freshDatabase();
        AllocationSummaryProjection summary = new AllocationSummaryProjection(db);
        history.forEach(e -> handle(summary, e));
        Map<String, List<Document>> once = documents(db);
        assertThat(once.get("allocation_summary_totals")).isNotEmpty();

        summary.reset();
        assertThat(documents(db).values()).allMatch(List::isEmpty);
        history.forEach(e -> {
            handle(summary, e);
            handle(summary, e);
        });

        assertThat(documents(db)).isEqualTo(once);
    }

    @Test
    void a_summary_reads_only_its_own_documents_by_key() {
        MongoDatabase db = freshDatabase();
        AllocationSummaryProjection summary = new AllocationSummaryProjection(db);
        history(5, 150).forEach(e -> handle(summary, e));
        db.getCollection("allocation_summary").drop();
        db.getCollection("allocation_summary_parts").drop();

        ContractAmounts byDistrict = summary.handle(new FetchContractAmounts("B1", AmountGrouping.DISTRICT));
        assertThat(byDistrict.items()).as("answered from the totals alone").isNotEmpty();
        AllocationProgress progress = summary.handle(new FetchAllocationProgress(null));
        assertThat(progress.items()).extracting(p -> p.batchCode()).containsExactly("B1", "B10", "B2");
    }

    // ---- the history ----------------------------------------------------------------------------------------

    /** What an institution of a batch has, as far as the history goes. */
    private record Registered(String batch, String institution, List<String> selected, List<String> pending) {
    }

    private static List<Object> history(long seed, int length) {
        SplittableRandom dice = new SplittableRandom(seed);
        List<Object> events = new ArrayList<>();
        List<Registered> registered = new ArrayList<>();
        Map<String, List<ContractEntry>> confirmed = new HashMap<>();
        while (events.size() < length) {
            int roll = dice.nextInt(100);
            if (registered.isEmpty() || roll < 12) {
                Registered r = register(dice);
                registered.removeIf(o -> o.batch().equals(r.batch()) && o.institution().equals(r.institution()));
                registered.add(r);
                events.add(registration(r, dice));
                continue;
            }
            Registered r = registered.get(dice.nextInt(registered.size()));
            String line = r.batch() + "|" + r.institution() + "|";
            if (roll < 40 && !r.selected().isEmpty()) {
                WinningProduct w = product(r.selected().get(dice.nextInt(r.selected().size())));
                events.add(new SelectedLineConfirmed(r.batch(), r.institution(), w.drugCode(), w.groupCode(),
                        w.drugCode(), w.variety(), w.enterprise(), w.packagePrice(), w.packageQuantity(),
                        Volume.of(100 * (1 + dice.nextInt(5))), amount(dice), "inst", AT));
            } else if (roll < 70 && !r.pending().isEmpty()) {
                String lineId = r.pending().get(dice.nextInt(r.pending().size()));
                List<WinningProduct> group = WINNERS.stream()
                        .filter(w -> w.groupCode().equals(NON_WINNERS.get(lineId))).toList();
                List<ContractEntry> entries = new ArrayList<>();
                for (WinningProduct w : group) {
                    if (entries.isEmpty() || dice.nextBoolean()) {
                        entries.add(new ContractEntry(w.drugCode(), dice.nextInt(4) == 0 ? null : w.groupCode(),
                                w.variety(), w.enterprise(), w.packagePrice(), w.packageQuantity(), w.dailyUsage(),
                                Volume.of(10 * (1 + dice.nextInt(50))), new AllocatedVolume(new BigDecimal("1")),
                                amount(dice), Volume.of(1000)));
                    }
                }
                confirmed.put(line + lineId, entries);
                events.add(new AllocationConfirmed(r.batch(), r.institution(), lineId, NON_WINNERS.get(lineId),
                        Volume.of(900), DailyUsage.of("3"), entries,
                        new AllocatedVolume(new BigDecimal(ALLOCATED.get(dice.nextInt(ALLOCATED.size())))),
                        amount(dice), "inst", AT));
            } else if (roll < 82 && !r.pending().isEmpty()) {
                String lineId = r.pending().get(dice.nextInt(r.pending().size()));
                events.add(new AllocationWithdrawn(r.batch(), r.institution(), lineId,
                        confirmed.getOrDefault(line + lineId, List.of()), "inst", AT));
            } else if (roll < 88) {
                events.add(new AllocationReported(r.batch(), r.institution(), 1, 1, amount(dice), "inst", AT));
            } else if (roll < 94 && !events.isEmpty()) {
                events.add(events.get(Math.max(0, events.size() - 1 - dice.nextInt(10)))); // delivered again
            } else {
                events.add(new AllocationReported(r.batch(), "UNKNOWN", 1, 1, amount(dice), "inst", AT));
            }
        }
        return events;
    }

    private static Registered register(SplittableRandom dice) {
        String batch = BATCHES.get(dice.nextInt(BATCHES.size()));
        String institution = String.format("H%03d", dice.nextInt(24));
        List<String> selected = WINNERS.stream().map(WinningProduct::drugCode).filter(d -> dice.nextInt(3) == 0)
                .toList();
        List<String> pending = NON_WINNERS.keySet().stream().sorted().filter(x -> dice.nextBoolean()).toList();
        return new Registered(batch, institution, selected, pending);
    }

    private static InstitutionDemandRegistered registration(Registered r, SplittableRandom dice) {
        int n = Integer.parseInt(r.institution().substring(1));
        List<SelectedLine> selected = r.selected().stream().map(d -> {
            WinningProduct w = product(d);
            return new SelectedLine(d, w.groupCode(), d, w.variety(), w.enterprise(), Volume.of(4800));
        }).toList();
        List<PendingLine> pending = r.pending().stream().map(x -> new PendingLine(x, NON_WINNERS.get(x), x,
                "非中选" + x, "某非中选厂", Volume.of(100L * (1 + dice.nextInt(20))), DailyUsage.of("3"))).toList();
        return new InstitutionDemandRegistered(r.batch(), r.institution(), r.institution() + "医院",
                DISTRICTS.get(n % DISTRICTS.size()), selected, pending, new AllocationTerms(AT, AT.plusSeconds(86_400),
                null, null), WINNERS, AT);
    }

    private static WinningProduct product(String drugCode) {
        return WINNERS.stream().filter(w -> w.drugCode().equals(drugCode)).findFirst().orElseThrow();
    }

    private static Money amount(SplittableRandom dice) {
        return Money.of(AMOUNTS.get(dice.nextInt(AMOUNTS.size())));
    }

    private static void handle(AllocationSummaryProjection summary, Object event) {
        if (event instanceof InstitutionDemandRegistered e) {
            summary.on(e);
        } else if (event instanceof SelectedLineConfirmed e) {
            summary.on(e);
        } else if (event instanceof AllocationConfirmed e) {
            summary.on(e);
        } else if (event instanceof AllocationWithdrawn e) {
            summary.on(e);
        } else if (event instanceof AllocationReported e) {
            summary.on(e);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    // ---- checks ---------------------------------------------------------------------------------------------

    private static void assertSameAsScan(AllocationSummaryProjection summary, SummariesByScan scan, String when) {
        for (String batch : FILTERS) {
            String wanted = batch == null || batch.isBlank() ? null : batch;
            for (AmountGrouping g : AmountGrouping.values()) {
                assertThat(summary.handle(new FetchContractAmounts(batch, g))).as(when + ", " + g + " of " + batch)
                        .isEqualTo(scan.contractAmounts(wanted, g));
            }
            assertThat(summary.handle(new FetchAllocationProgress(batch))).as(when + ", progress of " + batch)
                    .isEqualTo(scan.progress(wanted));
        }
    }

    private static Map<String, List<Document>> documents(MongoDatabase db) {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String c : List.of("allocation_summary", "allocation_summary_parts", "allocation_summary_totals")) {
            List<Document> docs = new ArrayList<>();
            db.getCollection(c).find().sort(new Document("_id", 1)).forEach(docs::add);
            all.put(c, docs);
        }
        return all;
    }

    // ---- a store that stops after a number of writes --------------------------------------------------------

    private static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash", null, false, false);
        }
    }

    /**
     * The database, except that every write after the first {@code allowed} throws {@link Crash} without being
     * done; a bulk write counts (and may stop) write by write, as the embedded store applies it.
     */
    private static MongoDatabase crashingAfter(MongoDatabase db, int allowed, AtomicInteger writes) {
        return (MongoDatabase) Proxy.newProxyInstance(SummaryTotalsTest.class.getClassLoader(),
                new Class<?>[]{MongoDatabase.class}, (proxy, method, args) -> {
                    Object result = call(db, method, args);
                    return result instanceof MongoCollection<?> c && method.getName().equals("getCollection")
                            ? crashing(c, allowed, writes) : result;
                });
    }

    @SuppressWarnings("unchecked")
    private static MongoCollection<Document> crashing(MongoCollection<?> collection, int allowed,
                                                      AtomicInteger writes) {
        MongoCollection<Document> c = (MongoCollection<Document>) collection;
        return (MongoCollection<Document>) Proxy.newProxyInstance(SummaryTotalsTest.class.getClassLoader(),
                new Class<?>[]{MongoCollection.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("bulkWrite")) {
                        for (WriteModel<Document> w : (List<WriteModel<Document>>) args[0]) {
                            count(allowed, writes);
                            if (w instanceof ReplaceOneModel<Document> r) {
                                c.replaceOne(r.getFilter(), r.getReplacement(), r.getReplaceOptions());
                            } else if (w instanceof DeleteOneModel<Document> d) {
                                c.deleteOne(d.getFilter());
                            } else {
                                throw new UnsupportedOperationException(w.toString());
                            }
                        }
                        return null;
                    }
                    if (name.startsWith("insert") || name.startsWith("replace") || name.startsWith("update")
                            || name.startsWith("delete") || name.startsWith("findOneAnd") || name.equals("drop")) {
                        count(allowed, writes);
                    }
                    return call(c, method, args);
                });
    }

    private static void count(int allowed, AtomicInteger writes) {
        if (writes.incrementAndGet() > allowed) {
            throw new Crash();
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void the_crashing_store_stops_at_the_write_after_the_allowed_ones_even_inside_a_bulk_write() {
        MongoCollection<Document> c = crashingAfter(freshDatabase(), 2, new AtomicInteger()).getCollection("c");
        c.insertOne(new Document("_id", 1));
        assertThatThrownBy(() -> c.bulkWrite(List.of(
                new ReplaceOneModel<>(new Document("_id", 1), new Document("_id", 1).append("x", 2)),
                new DeleteOneModel<>(new Document("_id", 1))))).isInstanceOf(Crash.class);
        assertThat(c.find().into(new ArrayList<>())).containsExactly(new Document("_id", 1).append("x", 2));
        assertThatThrownBy(() -> c.insertOne(new Document("_id", 3))).isInstanceOf(Crash.class);
    }
}
