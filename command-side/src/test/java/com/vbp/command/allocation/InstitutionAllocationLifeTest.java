package com.vbp.command.allocation;

import com.vbp.command.common.MutableClock;
import com.vbp.events.allocation.AllocationCommands.AllocationCheck;
import com.vbp.events.allocation.AllocationCommands.AllocationFigures;
import com.vbp.events.allocation.AllocationCommands.CheckAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmAllocation;
import com.vbp.events.allocation.AllocationCommands.ConfirmSelectedLine;
import com.vbp.events.allocation.AllocationCommands.EntryRequest;
import com.vbp.events.allocation.AllocationCommands.ReportAllocation;
import com.vbp.events.allocation.AllocationCommands.SaveAllocation;
import com.vbp.events.allocation.AllocationCommands.WithdrawAllocation;
import com.vbp.events.allocation.AllocationEvents.AllocationConfirmed;
import com.vbp.events.allocation.AllocationEvents.AllocationReported;
import com.vbp.events.allocation.AllocationEvents.AllocationSaved;
import com.vbp.events.allocation.AllocationEvents.AllocationWithdrawn;
import com.vbp.events.allocation.AllocationEvents.SelectedLineConfirmed;
import com.vbp.events.allocation.ContractEntry;
import com.vbp.events.common.AllocatedVolume;
import com.vbp.events.common.Money;
import com.vbp.events.common.Volume;
import com.vbp.events.procurement.WinningProduct;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.vbp.command.common.RefusalMatchers.refused;
import static com.vbp.command.allocation.AllocationTestData.ALLOCATION;
import static com.vbp.command.allocation.AllocationTestData.BATCH;
import static com.vbp.command.allocation.AllocationTestData.CLOSES;
import static com.vbp.command.allocation.AllocationTestData.D001;
import static com.vbp.command.allocation.AllocationTestData.D002;
import static com.vbp.command.allocation.AllocationTestData.D004;
import static com.vbp.command.allocation.AllocationTestData.INSTITUTION;
import static com.vbp.command.allocation.AllocationTestData.N001;
import static com.vbp.command.allocation.AllocationTestData.NOW;
import static com.vbp.command.allocation.AllocationTestData.OPENS;
import static com.vbp.command.allocation.AllocationTestData.PENDING;
import static com.vbp.command.allocation.AllocationTestData.d001;
import static com.vbp.command.allocation.AllocationTestData.d002;
import static com.vbp.command.allocation.AllocationTestData.d004;
import static com.vbp.command.allocation.AllocationTestData.entry;
import static com.vbp.command.allocation.AllocationTestData.minShares;
import static com.vbp.command.allocation.AllocationTestData.registered;
import static com.vbp.command.allocation.AllocationTestData.winners;
import static com.vbp.command.common.RefusalMatchers.violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

/**
 * Given/when/then tests of the life of an institution's lines (DOMAIN.md Part A): confirm a selected line, save,
 * confirm and withdraw an allocation, report. Capacity is an in-memory ledger here; ProductCapacityTest and
 * CapacityConcurrencyTest cover the real one.
 */
class InstitutionAllocationLifeTest {

    private final MutableClock clock = new MutableClock(NOW);
    private InMemoryCapacityLedger ledger;
    private FixtureConfiguration<InstitutionAllocation> fixture;

    @BeforeEach
    void setUp() {
        ledger = new InMemoryCapacityLedger();
        fixture = new AggregateTestFixture<>(InstitutionAllocation.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(ledger);
    }

    private static ContractEntry contract(WinningProduct p, long c, String allocated, String amount,
                                          long remaining) {
        return new ContractEntry(p.drugCode(), p.groupCode(), p.variety(), p.enterprise(), p.packagePrice(),
                p.packageQuantity(), p.dailyUsage(), Volume.of(c), new AllocatedVolume(new BigDecimal(allocated)),
                Money.of(amount), Volume.of(remaining));
    }

    /** D001 1200 (allocated 300, 625.00 yuan) and D002 1200 absorbing (300, 630.00 yuan): 1164 < C_D002 < 1236. */
    private static final List<EntryRequest> VALID = List.of(entry(D001, 1200), entry(D002, 1200));

    private static List<ContractEntry> validEntries() {
        return List.of(contract(d001().build(), 1200, "300", "625.00", 1_000_000),
                contract(d002().build(), 1200, "300", "630.00", 1_000_000));
    }

    private static AllocationSaved saved() {
        return new AllocationSaved(BATCH, INSTITUTION, N001, validEntries(), new AllocatedVolume(new BigDecimal("600")),
                new com.vbp.events.allocation.ContractBounds(2, D002, new BigDecimal("300"), new BigDecimal("1164"),
                        new BigDecimal("1236")), "h001.user", NOW);
    }

    private static AllocationConfirmed confirmed() {
        return new AllocationConfirmed(BATCH, INSTITUTION, N001, "G01", PENDING.pendingVolume(), PENDING.dailyUsage(),
                validEntries(), new AllocatedVolume(new BigDecimal("600")), Money.of("1255.00"), "h001.user", NOW);
    }

    private static SelectedLineConfirmed selectedConfirmed() {
        WinningProduct p = d001().build();
        // 12.5000 / 24 × 1000 = 520.8333… → 520.83
        return new SelectedLineConfirmed(BATCH, INSTITUTION, D001, "G01", D001, p.variety(), p.enterprise(),
                p.packagePrice(), 24, Volume.of(1000), Money.of("520.83"), "h001.user", NOW);
    }

    private static AllocationReported reportedEvent() {
        return new AllocationReported(BATCH, INSTITUTION, 1, 1, Money.of("1775.83"), "h001.user", NOW);
    }

    private static ConfirmSelectedLine confirmSelected() {
        return new ConfirmSelectedLine(ALLOCATION, D001, "h001.user");
    }

    private static SaveAllocation save(EntryRequest... entries) {
        return new SaveAllocation(ALLOCATION, N001, List.of(entries), "h001.user");
    }

    private static SaveAllocation save(List<EntryRequest> entries) {
        return new SaveAllocation(ALLOCATION, N001, entries, "h001.user");
    }

    private static ConfirmAllocation confirm() {
        return new ConfirmAllocation(ALLOCATION, N001, "h001.user");
    }

    private static WithdrawAllocation withdraw() {
        return new WithdrawAllocation(ALLOCATION, N001, "h001.user");
    }

    private static ReportAllocation report() {
        return new ReportAllocation(ALLOCATION, "h001.user");
    }

    @Nested
    class Confirming_a_selected_line {

        @Test
        void books_its_volume_on_its_product_at_its_rounded_contract_amount() {
            fixture.given(registered())
                    .when(confirmSelected())
                    .expectEvents(selectedConfirmed());
            assertThat(ledger.log).containsExactly("reserve " + D001 + " " + D001 + " 1000");
        }

        @Test
        void is_refused_when_the_product_has_not_enough_capacity_left() {
            ledger.capacity(D001, 5_000).held(D001, "H009", D001, 4_001);
            fixture.given(registered())
                    .when(confirmSelected())
                    .expectNoEvents()
                    .expectException(refused("CAPACITY_EXCEEDED", Map.of("requested", 1000, "remaining", 999)));
        }

        @Test
        void a_second_confirm_of_the_line_is_refused_and_books_nothing_more() {
            fixture.given(registered(), selectedConfirmed())
                    .when(confirmSelected())
                    .expectNoEvents()
                    .expectException(violation("LINE_ALREADY_CONFIRMED"));
            assertThat(ledger.log).isEmpty();
        }

        @Test
        void an_unknown_line_is_refused() {
            fixture.given(registered())
                    .when(new ConfirmSelectedLine(ALLOCATION, "ZZ99", "h001.user"))
                    .expectException(violation("UNKNOWN_LINE"));
            fixture.given(registered())
                    .when(new ConfirmSelectedLine(ALLOCATION, N001, "h001.user"))
                    .expectException(violation("UNKNOWN_LINE"));
        }

        @Test
        void is_refused_after_the_institution_reported() {
            fixture.given(registered(), selectedConfirmed(), saved(), confirmed(), reportedEvent())
                    .when(confirmSelected())
                    .expectException(violation("ALREADY_REPORTED"));
        }
    }

    @Nested
    class The_allocation_window {

        @Test
        void is_closed_at_exactly_its_closing_instant() {
            clock.set(CLOSES);
            fixture.given(registered())
                    .when(confirmSelected())
                    .expectNoEvents()
                    .expectException(refused("WINDOW_CLOSED", Map.of("allocationClosesAt", CLOSES.toString(),
                            "now", CLOSES.toString())));
        }

        @Test
        void is_open_until_just_before_its_closing_instant() {
            clock.set(CLOSES.minusNanos(1));
            fixture.given(registered())
                    .when(confirmSelected())
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void is_closed_before_it_opens_and_open_at_exactly_its_opening_instant() {
            clock.set(OPENS.minusNanos(1));
            fixture.given(registered())
                    .when(save(VALID))
                    .expectException(violation("WINDOW_CLOSED"));
            clock.set(OPENS);
            fixture.given(registered())
                    .when(save(VALID))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void closes_confirm_and_withdraw_of_an_allocation_too_but_not_the_report() {
            clock.set(CLOSES);
            fixture.given(registered(), saved())
                    .when(confirm())
                    .expectException(violation("WINDOW_CLOSED"));
            fixture.given(registered(), saved(), confirmed())
                    .when(withdraw())
                    .expectException(violation("WINDOW_CLOSED"));
            fixture.given(registered(), selectedConfirmed(), saved(), confirmed())
                    .when(report())
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Saving_an_allocation {

        @Test
        void records_the_entries_with_their_figures_and_the_bounds_and_answers_them() {
            fixture.given(registered())
                    .when(save(entry(D002, 1200), entry(D001, 1200)))
                    .expectEvents(saved())
                    .expectResultMessagePayload(new AllocationFigures(N001, saved().bounds(), validEntries(),
                            saved().allocatedTotal(), Volume.of(600)));
        }

        @Test
        void answers_the_capacity_left_by_other_institutions() {
            ledger.held(D001, "H009", "X", 400_000);
            fixture.given(registered())
                    .when(save(VALID))
                    .expectResultMessagePayloadMatching(matches((AllocationFigures f) ->
                            f.entries().get(0).remainingCapacity().equals(Volume.of(600_000))
                                    && f.entries().get(1).remainingCapacity().equals(Volume.of(1_000_000))));
        }

        @Test
        void a_later_save_replaces_the_draft() {
            fixture.given(registered(), saved())
                    .when(save(entry(D001, 2400)))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((AllocationSaved s) -> s.entries().size() == 1 && s.bounds().rule() == 1
                                    && s.allocatedTotal().minUnits().compareTo(new BigDecimal("600")) == 0),
                            andNoMore())));
        }

        @Test
        void a_single_entry_on_a_bound_of_rule_1_is_refused_and_just_inside_accepted() {
            fixture.given(registered())
                    .when(save(entry(D001, 2424)))
                    .expectNoEvents()
                    .expectException(refused("CONTRACT_VOLUME_OUT_OF_RANGE", Map.of("rule", 1, "drugCode", D001,
                            "lower", 2376, "upper", 2424, "remainder", 600, "contractVolume", 2424)));
            fixture.given(registered())
                    .when(save(entry(D001, 2423)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void the_absorbing_entry_on_a_bound_of_rule_2_is_refused_and_just_inside_accepted() {
            fixture.given(registered())
                    .when(save(entry(D001, 1200), entry(D002, 1164)))
                    .expectNoEvents()
                    .expectException(refused("CONTRACT_VOLUME_OUT_OF_RANGE", Map.of("rule", 2, "drugCode", D002,
                            "lower", 1164, "upper", 1236, "remainder", 300)));
            fixture.given(registered())
                    .when(save(entry(D001, 1200), entry(D002, 1165)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void an_entry_beyond_the_capacity_left_is_refused() {
            ledger.capacity(D002, 2_000).held(D002, "H009", "X", 801);
            fixture.given(registered())
                    .when(save(VALID))
                    .expectNoEvents()
                    .expectException(refused("CAPACITY_EXCEEDED", Map.of("drugCode", D002, "requested", 1200,
                            "remaining", 1199)));
        }

        @Test
        void a_draft_without_the_required_winners_may_be_saved() {
            // D004 alone: 600 / 3 × 9 = 1800, neither the lowest-daily-cost nor the highest-reduction winner
            fixture.given(registered())
                    .when(save(entry(D004, 1800)))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((AllocationSaved s) -> s.entries().get(0).drugCode().equals(D004)),
                            andNoMore())));
        }

        @Test
        void refuses_unknown_products_duplicates_and_empty_entries() {
            fixture.given(registered()).when(save()).expectException(violation("NO_ENTRIES"));
            fixture.given(registered()).when(save(entry("ZA01AAL0901", 600)))
                    .expectException(violation("UNKNOWN_PRODUCT"));
            fixture.given(registered()).when(save(entry(D001, 1200), entry(D001, 1200)))
                    .expectException(violation("DUPLICATE_ENTRY"));
            fixture.given(registered()).when(save(entry(D001, 0)))
                    .expectException(violation("INVALID_CONTRACT_VOLUME"));
            fixture.given(registered()).when(new SaveAllocation(ALLOCATION, "ZZ99", VALID, "h001.user"))
                    .expectException(violation("UNKNOWN_LINE"));
        }

        @Test
        void a_confirmed_line_cannot_be_allocated_again() {
            fixture.given(registered(), saved(), confirmed())
                    .when(save(entry(D001, 2400)))
                    .expectNoEvents()
                    .expectException(violation("LINE_ALREADY_CONFIRMED"));
        }
    }

    /** 检查: the rule of 保存 on what is being typed, answered with the same figures, storing nothing. */
    @Nested
    class Checking_an_allocation {

        private CheckAllocation check(EntryRequest... entries) {
            return new CheckAllocation(ALLOCATION, N001, List.of(entries), "h001.user");
        }

        @Test
        void answers_the_figures_a_save_answers_and_stores_no_event() {
            fixture.given(registered())
                    .when(check(entry(D002, 1200), entry(D001, 1200)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new AllocationCheck(new AllocationFigures(N001, saved().bounds(),
                            validEntries(), saved().allocatedTotal(), Volume.of(600)), null));
        }

        @Test
        void reports_the_out_of_range_refusal_with_its_figures_and_still_answers_the_bounds() {
            fixture.given(registered())
                    .when(check(entry(D001, 1200), entry(D002, 1164)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(matches((AllocationCheck c) ->
                            c.problem().code().equals("CONTRACT_VOLUME_OUT_OF_RANGE")
                                    && c.problem().figures().get("rule").equals(2)
                                    && c.problem().figures().get("drugCode").equals(D002)
                                    && c.problem().figures().get("contractVolume").equals(1164L)
                                    && c.figures().bounds().equals(saved().bounds())
                                    && c.figures().allocatedTotal().minUnits().compareTo(new BigDecimal("591")) == 0
                                    && c.figures().entries().get(1).contractVolume().equals(Volume.of(1164))));
        }

        @Test
        void reports_the_capacity_refusal_with_the_capacity_left() {
            ledger.capacity(D002, 2_000).held(D002, "H009", "X", 801);
            fixture.given(registered())
                    .when(check(VALID.toArray(EntryRequest[]::new)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(matches((AllocationCheck c) ->
                            c.problem().code().equals("CAPACITY_EXCEEDED")
                                    && c.figures().entries().get(1).remainingCapacity().equals(Volume.of(1199))));
        }

        @Test
        void reports_refusals_without_figures_when_there_are_none_to_make() {
            fixture.given(registered())
                    .when(check())
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(matches((AllocationCheck c) -> c.figures() == null
                            && c.problem().code().equals("NO_ENTRIES")));
            fixture.given(registered(), saved(), confirmed())
                    .when(check(entry(D001, 2400)))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(matches((AllocationCheck c) -> c.figures() == null
                            && c.problem().code().equals("LINE_ALREADY_CONFIRMED")));
        }

        @Test
        void a_save_of_the_checked_entries_answers_the_same_figures() {
            AllocationFigures[] checked = new AllocationFigures[1];
            fixture.given(registered())
                    .when(check(entry(D001, 2400)))
                    .expectResultMessagePayloadMatching(matches((AllocationCheck c) -> {
                        checked[0] = c.figures();
                        return c.problem() == null;
                    }));
            fixture.given(registered())
                    .when(save(entry(D001, 2400)))
                    .expectResultMessagePayload(checked[0]);
        }
    }

    @Nested
    class Confirming_an_allocation {

        @Test
        void reserves_every_entry_in_drug_code_order_and_records_the_entries_and_the_sum_of_rounded_amounts() {
            fixture.given(registered(), saved())
                    .when(confirm())
                    .expectEvents(confirmed());
            assertThat(ledger.log).containsExactly("reserve " + D001 + " " + N001 + " 1200",
                    "reserve " + D002 + " " + N001 + " 1200");
        }

        @Test
        void needs_a_saved_draft() {
            fixture.given(registered())
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(violation("NO_DRAFT"));
        }

        @Test
        void needs_the_lowest_daily_cost_winner() {
            fixture.given(registered())
                    .andGivenCommands(save(entry(D002, 2400)))
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(refused("MISSING_REQUIRED_WINNER", Map.of("winner", "LOWEST_DAILY_COST",
                            "drugCode", D001)));
            assertThat(ledger.log).isEmpty();
        }

        @Test
        void needs_the_highest_reduction_winner_when_its_column_is_shown() {
            fixture.given(registered())
                    .andGivenCommands(save(entry(D001, 2400)))
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(refused("MISSING_REQUIRED_WINNER", Map.of("winner", "HIGHEST_REDUCTION",
                            "drugCode", D002)));
        }

        @Test
        void does_not_need_the_hidden_highest_reduction_column() {
            List<WinningProduct> sameEnterprise = List.of(d001().build(),
                    d002().enterprise(d001().build().enterprise()).build(), d004().build());
            fixture.given(registered(AllocationTestData.TERMS, sameEnterprise))
                    .andGivenCommands(save(entry(D001, 2400)))
                    .when(confirm())
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((AllocationConfirmed c) -> c.entries().size() == 1
                                    && c.contractAmount().equals(Money.of("1250.00"))),
                            andNoMore())));
        }

        @Test
        void checks_the_minimum_shares_of_the_batch() {
            fixture.given(registered(minShares("0.5", null), winners()))
                    .andGivenCommands(save(entry(D001, 1196), entry(D002, 1204)))
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(refused("MIN_SHARE_NOT_MET", Map.of("winner", "LOWEST_DAILY_COST",
                            "required", 300, "allocated", 299)));
            fixture.given(registered(minShares("0.5", null), winners()))
                    .andGivenCommands(save(VALID))
                    .when(confirm())
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void is_refused_whole_when_one_product_lacks_capacity() {
            ledger.capacity(D002, 1_199);
            fixture.given(registered(), saved())
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(refused("CAPACITY_EXCEEDED", Map.of("drugCode", D002, "requested", 1200)));
        }

        @Test
        void a_confirmed_line_is_not_confirmed_twice() {
            fixture.given(registered(), saved(), confirmed())
                    .when(confirm())
                    .expectNoEvents()
                    .expectException(violation("LINE_ALREADY_CONFIRMED"));
            assertThat(ledger.log).isEmpty();
        }
    }

    @Nested
    class Withdrawing_an_allocation {

        private final AllocationWithdrawn withdrawn =
                new AllocationWithdrawn(BATCH, INSTITUTION, N001, validEntries(), "h001.user", NOW);

        @Test
        void releases_every_entry_and_makes_the_line_a_draft_again() {
            ledger.held(D001, INSTITUTION, N001, 1200).held(D002, INSTITUTION, N001, 1200);
            fixture.given(registered(), saved(), confirmed())
                    .when(withdraw())
                    .expectEvents(withdrawn);
            assertThat(ledger.log).containsExactly("release " + D001 + " " + N001 + " 1200",
                    "release " + D002 + " " + N001 + " 1200");
        }

        @Test
        void a_withdrawn_line_can_be_confirmed_again_from_its_entries_or_allocated_anew() {
            fixture.given(registered(), saved(), confirmed(), withdrawn)
                    .when(confirm())
                    .expectEvents(confirmed());
            fixture.given(registered(), saved(), confirmed(), withdrawn)
                    .when(save(entry(D001, 2400)))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_line_that_is_not_confirmed_cannot_be_withdrawn() {
            fixture.given(registered(), saved())
                    .when(withdraw())
                    .expectException(violation("LINE_NOT_CONFIRMED"));
            fixture.given(registered(), saved(), confirmed(), withdrawn)
                    .when(withdraw())
                    .expectException(violation("LINE_NOT_CONFIRMED"));
        }

        @Test
        void nothing_can_be_withdrawn_after_the_report() {
            fixture.given(registered(), selectedConfirmed(), saved(), confirmed(), reportedEvent())
                    .when(withdraw())
                    .expectNoEvents()
                    .expectException(violation("ALREADY_REPORTED"));
            assertThat(ledger.log).isEmpty();
        }
    }

    @Nested
    class Reporting {

        @Test
        void reports_the_counts_and_the_sum_of_the_rounded_amounts_once_every_line_is_confirmed() {
            clock.advance(Duration.ZERO);
            fixture.given(registered(), selectedConfirmed(), saved(), confirmed())
                    .when(report())
                    .expectEvents(reportedEvent());
        }

        @Test
        void is_refused_while_lines_are_open_and_says_how_many() {
            fixture.given(registered())
                    .when(report())
                    .expectNoEvents()
                    .expectException(refused("NOT_ALL_CONFIRMED", Map.of("openSelectedLines", 1,
                            "openPendingLines", 1)));
            fixture.given(registered(), selectedConfirmed(), saved())
                    .when(report())
                    .expectException(refused("NOT_ALL_CONFIRMED", Map.of("openSelectedLines", 0,
                            "openPendingLines", 1)));
            fixture.given(registered(), selectedConfirmed(), saved(), confirmed(),
                            new AllocationWithdrawn(BATCH, INSTITUTION, N001, validEntries(), "h001.user", NOW))
                    .when(report())
                    .expectException(refused("NOT_ALL_CONFIRMED", Map.of("openPendingLines", 1)));
        }

        @Test
        void a_second_report_is_refused() {
            fixture.given(registered(), selectedConfirmed(), saved(), confirmed(), reportedEvent())
                    .when(report())
                    .expectNoEvents()
                    .expectException(violation("ALREADY_REPORTED"));
        }

        @Test
        void no_allocation_can_be_saved_after_the_report() {
            fixture.given(registered(), selectedConfirmed(), saved(), confirmed(), reportedEvent())
                    .when(save(VALID))
                    .expectException(violation("ALREADY_REPORTED"));
        }
    }
}
