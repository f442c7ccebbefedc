package com.vbp.command.appeal;

import com.vbp.command.common.MutableClock;
import com.vbp.events.appeal.AppealCommands.ReopenAppeal;
import com.vbp.events.appeal.AppealCommands.ReplyToAppeal;
import com.vbp.events.appeal.AppealEvents.AppealReopened;
import com.vbp.events.appeal.AppealEvents.AppealReplied;
import com.vbp.events.appeal.AppealValues.Actor;
import com.vbp.events.common.Role;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static com.vbp.command.appeal.AppealMatchers.refused;
import static com.vbp.command.appeal.AppealTestData.ADMIN;
import static com.vbp.command.appeal.AppealTestData.APPEAL;
import static com.vbp.command.appeal.AppealTestData.H001;
import static com.vbp.command.appeal.AppealTestData.H001_USER;
import static com.vbp.command.appeal.AppealTestData.H002_USER;
import static com.vbp.command.appeal.AppealTestData.JIANGAN;
import static com.vbp.command.appeal.AppealTestData.JIANGAN_BUREAU;
import static com.vbp.command.appeal.AppealTestData.NOW;
import static com.vbp.command.appeal.AppealTestData.WUCHANG_BUREAU;
import static com.vbp.command.appeal.AppealTestData.chars;
import static com.vbp.command.appeal.AppealTestData.filed;
import static com.vbp.command.appeal.AppealTestData.reopen;
import static com.vbp.command.appeal.AppealTestData.reopened;
import static com.vbp.command.appeal.AppealTestData.replied;
import static com.vbp.command.appeal.AppealTestData.reply;
import static com.vbp.command.appeal.AppealTestData.resolved;
import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.events.appeal.AppealValues.AppealStatus.IN_PROGRESS;
import static com.vbp.events.appeal.AppealValues.AppealStatus.RESOLVED;

/**
 * Given/when/then tests of an appeal's handling: NEW 待处理 → IN_PROGRESS 处理中 → RESOLVED 已处理, reopened once by
 * its institution. H001's appeal is in district 420102 (江岸区).
 */
class AppealLifeTest {

    private final MutableClock clock = new MutableClock(NOW);
    private FixtureConfiguration<Appeal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Appeal.class);
        fixture.registerInjectableResource(clock);
    }

    @Nested
    class A_reply {

        @Test
        void by_the_administrator_answers_a_new_appeal_which_is_then_in_progress() {
            fixture.given(filed())
                    .when(reply(ADMIN, false))
                    .expectEvents(replied(1, ADMIN, IN_PROGRESS));
        }

        @Test
        void by_the_district_bureau_of_the_appeals_district_is_accepted() {
            fixture.given(filed())
                    .when(reply(JIANGAN_BUREAU, false))
                    .expectEvents(replied(1, JIANGAN_BUREAU, IN_PROGRESS));
        }

        @Test
        void that_resolves_is_followed_by_the_resolution() {
            fixture.given(filed())
                    .when(reply(JIANGAN_BUREAU, true))
                    .expectEvents(replied(1, JIANGAN_BUREAU, RESOLVED), resolved(JIANGAN_BUREAU));
        }

        @Test
        void to_an_appeal_in_progress_is_numbered_after_the_earlier_ones_and_may_resolve_it() {
            fixture.given(filed(), replied(1, JIANGAN_BUREAU, IN_PROGRESS))
                    .when(reply(ADMIN, false))
                    .expectEvents(replied(2, ADMIN, IN_PROGRESS));
            fixture.given(filed(), replied(1, JIANGAN_BUREAU, IN_PROGRESS), replied(2, ADMIN, IN_PROGRESS))
                    .when(reply(ADMIN, true))
                    .expectEvents(replied(3, ADMIN, RESOLVED), resolved(ADMIN));
        }

        @Test
        void by_the_bureau_of_another_district_is_refused() {
            fixture.given(filed())
                    .when(reply(WUCHANG_BUREAU, false))
                    .expectNoEvents()
                    .expectException(refused("NOT_YOUR_APPEAL", Map.of("appealId", APPEAL)));
        }

        @ParameterizedTest
        @EnumSource(value = Role.class, names = {"INSTITUTION", "AUDITOR", "ANALYST"})
        void by_anyone_else_is_refused_even_from_the_appeals_own_organisation(Role role) {
            String organisation = role == Role.INSTITUTION ? H001 : JIANGAN;
            fixture.given(filed())
                    .when(reply(new Actor("someone", role, organisation), false))
                    .expectException(violation("NOT_YOUR_APPEAL"));
        }

        @Test
        void without_an_actor_is_refused() {
            fixture.given(filed())
                    .when(reply(null, false))
                    .expectException(violation("NOT_YOUR_APPEAL"));
            fixture.given(filed())
                    .when(reply(new Actor("someone", null, JIANGAN), false))
                    .expectException(violation("NOT_YOUR_APPEAL"));
        }

        @Test
        void to_a_resolved_appeal_is_refused() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reply(ADMIN, false))
                    .expectNoEvents()
                    .expectException(refused("APPEAL_RESOLVED", Map.of("appealId", APPEAL)));
        }

        @Test
        void to_a_resolved_appeal_by_someone_else_says_only_that_it_is_not_theirs() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reply(WUCHANG_BUREAU, false))
                    .expectException(violation("NOT_YOUR_APPEAL"));
        }

        @Test
        void is_recorded_stripped() {
            fixture.given(filed())
                    .when(new ReplyToAppeal(APPEAL, "\u3000 已核实，将重新测算。\n", false, ADMIN))
                    .expectEvents(replied(1, ADMIN, IN_PROGRESS));
        }

        @Test
        void of_2000_characters_is_accepted_and_of_2001_refused() {
            fixture.given(filed())
                    .when(new ReplyToAppeal(APPEAL, chars(2000), false, ADMIN))
                    .expectSuccessfulHandlerExecution();
            fixture.given(filed())
                    .when(new ReplyToAppeal(APPEAL, chars(2001), true, ADMIN))
                    .expectNoEvents()
                    .expectException(refused("INVALID_REPLY", Map.of("length", 2001, "max", 2000)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "\u3000"})
        void that_is_empty_is_refused(String message) {
            fixture.given(filed())
                    .when(new ReplyToAppeal(APPEAL, message, true, ADMIN))
                    .expectException(refused("INVALID_REPLY", Map.of("length", 0)));
        }

        @Test
        void without_a_message_is_refused() {
            fixture.given(filed())
                    .when(new ReplyToAppeal(APPEAL, null, false, ADMIN))
                    .expectException(violation("INVALID_REPLY"));
        }
    }

    @Nested
    class Reopening {

        @Test
        void by_the_institution_puts_its_resolved_appeal_back_in_progress() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reopen(H001_USER))
                    .expectEvents(reopened());
        }

        @Test
        void leaves_the_appeal_open_to_replies_numbered_after_the_earlier_ones() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN), reopened())
                    .when(reply(JIANGAN_BUREAU, false))
                    .expectEvents(replied(2, JIANGAN_BUREAU, IN_PROGRESS));
        }

        @Test
        void by_another_institution_is_refused() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reopen(H002_USER))
                    .expectNoEvents()
                    .expectException(refused("NOT_YOUR_APPEAL", Map.of("appealId", APPEAL)));
        }

        @Test
        void by_staff_is_refused() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reopen(ADMIN))
                    .expectException(violation("NOT_YOUR_APPEAL"));
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reopen(JIANGAN_BUREAU))
                    .expectException(violation("NOT_YOUR_APPEAL"));
            // a district bureau whose organisation code happened to equal the institution's is still no institution
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reopen(new Actor("odd", Role.DISTRICT_BUREAU, H001)))
                    .expectException(violation("NOT_YOUR_APPEAL"));
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reopen(null))
                    .expectException(violation("NOT_YOUR_APPEAL"));
        }

        @Test
        void of_an_appeal_not_resolved_is_refused() {
            fixture.given(filed())
                    .when(reopen(H001_USER))
                    .expectNoEvents()
                    .expectException(refused("APPEAL_NOT_RESOLVED", Map.of("status", "NEW")));
            fixture.given(filed(), replied(1, ADMIN, IN_PROGRESS))
                    .when(reopen(H001_USER))
                    .expectException(refused("APPEAL_NOT_RESOLVED", Map.of("status", "IN_PROGRESS")));
        }

        @Test
        void happens_once_even_when_the_appeal_is_resolved_again() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN), reopened(),
                            replied(2, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(reopen(H001_USER))
                    .expectNoEvents()
                    .expectException(refused("ALREADY_REOPENED", Map.of("appealId", APPEAL)));
        }

        @Test
        void a_second_time_before_the_next_resolution_is_refused_as_already_reopened() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN), reopened())
                    .when(reopen(H001_USER))
                    .expectException(violation("ALREADY_REOPENED"));
        }

        @Test
        void needs_a_reason_of_at_most_500_characters() {
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(new ReopenAppeal(APPEAL, chars(500), H001_USER))
                    .expectEvents(new AppealReopened(APPEAL, chars(500), H001_USER, NOW));
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(new ReopenAppeal(APPEAL, chars(501), H001_USER))
                    .expectException(refused("INVALID_REASON", Map.of("length", 501, "max", 500)));
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(new ReopenAppeal(APPEAL, " \u3000 ", H001_USER))
                    .expectException(refused("INVALID_REASON", Map.of("length", 0)));
            fixture.given(filed(), replied(1, ADMIN, RESOLVED), resolved(ADMIN))
                    .when(new ReopenAppeal(APPEAL, null, H001_USER))
                    .expectException(violation("INVALID_REASON"));
        }
    }

    @Test
    void the_whole_life_new_answered_resolved_reopened_answered_resolved() {
        fixture.given(filed(), replied(1, JIANGAN_BUREAU, IN_PROGRESS), replied(2, JIANGAN_BUREAU, RESOLVED),
                        resolved(JIANGAN_BUREAU), reopened(), replied(3, ADMIN, IN_PROGRESS))
                .when(reply(ADMIN, true))
                .expectEvents(new AppealReplied(APPEAL, 4, "已核实，将重新测算。", ADMIN, RESOLVED, NOW), resolved(ADMIN));
    }

    @Test
    void replies_and_reopening_are_stamped_with_the_clock() {
        clock.set(NOW.plusSeconds(3_600));
        fixture.given(filed())
                .when(reply(ADMIN, false))
                .expectEvents(new AppealReplied(APPEAL, 1, "已核实，将重新测算。", ADMIN, IN_PROGRESS, NOW.plusSeconds(3_600)));
    }
}
