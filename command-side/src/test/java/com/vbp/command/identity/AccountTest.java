package com.vbp.command.identity;

import com.vbp.command.common.MutableClock;
import com.vbp.command.common.RuleViolation;
import com.vbp.events.common.Role;
import com.vbp.events.identity.IdentityCommands.Authenticate;
import com.vbp.events.identity.IdentityCommands.ChangePassword;
import com.vbp.events.identity.IdentityCommands.ChangeProfile;
import com.vbp.events.identity.IdentityCommands.CreateAccount;
import com.vbp.events.identity.IdentityCommands.DisableAccount;
import com.vbp.events.identity.IdentityCommands.LoginOutcome;
import com.vbp.events.identity.IdentityCommands.ResetPassword;
import com.vbp.events.identity.IdentityCommands.RevokeToken;
import com.vbp.events.identity.IdentityEvents.AccountCreated;
import com.vbp.events.identity.IdentityEvents.AccountDisabled;
import com.vbp.events.identity.IdentityEvents.AccountLocked;
import com.vbp.events.identity.IdentityEvents.LoginFailed;
import com.vbp.events.identity.IdentityEvents.LoginSucceeded;
import com.vbp.events.identity.IdentityEvents.PasswordChanged;
import com.vbp.events.identity.IdentityEvents.PasswordReset;
import com.vbp.events.identity.IdentityEvents.ProfileChanged;
import com.vbp.events.identity.IdentityEvents.TokenRevoked;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.vbp.command.common.RefusalMatchers.violation;
import static com.vbp.events.common.RefusalCode.ACCOUNT_DISABLED;
import static com.vbp.events.common.RefusalCode.ACCOUNT_LOCKED;
import static com.vbp.events.common.RefusalCode.BAD_CREDENTIALS;
import static com.vbp.events.common.RefusalCode.CAPTCHA_REQUIRED;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given/when/then tests of the {@link Account} aggregate: creation, login with captcha and lockout,
 * password and its history, profile, logout, disabling.
 */
class AccountTest {

    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
    private static final String USER = "wh.hospital1";
    private static final String INITIAL = "Initial2024";
    private static final String NEW_PASSWORD = "Changed2024x";

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private final MutableClock clock = new MutableClock(T0);
    private FixtureConfiguration<Account> fixture;
    private String initialHash;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(encoder);
        initialHash = encoder.encode(INITIAL);
    }

    private AccountCreated created() {
        return new AccountCreated(USER, Role.INSTITUTION, "H001", "420102", initialHash, "admin", T0);
    }

    private static CreateAccount create(String username, Role role, String organisation, String district,
                                        String password) {
        return new CreateAccount(username, role, organisation, district, password, "admin");
    }

    private static CreateAccount createInstitutionAccount(String password) {
        return create(USER, Role.INSTITUTION, "H001", "420102", password);
    }

    private static List<Object> failures(int count, Instant at) {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(new LoginFailed(USER, i, at));
        }
        return events;
    }

    @Nested
    class Creation {

        @Test
        void creating_an_account_records_a_bcrypt_hash_of_the_initial_password_and_the_obligation_to_change_it() {
            fixture.givenNoPriorActivity()
                    .when(createInstitutionAccount(INITIAL))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof AccountCreated c
                                    && c.username().equals(USER)
                                    && c.role() == Role.INSTITUTION
                                    && c.organisation().equals("H001")
                                    && c.district().equals("420102")
                                    && c.createdBy().equals("admin")
                                    && c.createdAt().equals(T0)
                                    && !c.passwordHash().contains(INITIAL)
                                    && encoder.matches(INITIAL, c.passwordHash())),
                            andNoMore())))
                    .expectState(account -> assertTrue(account.mustChangePassword(),
                            "a new account must change its initial password"));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullSource
        @ValueSource(strings = {
                "Short1abc",          // 9 characters: too short
                "NoDigitsHere",       // no digit
                "1234567890",         // no letter
                "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1b" // 73 characters
        })
        void an_initial_password_against_the_policy_is_refused(String password) {
            fixture.givenNoPriorActivity()
                    .when(createInstitutionAccount(password))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("PASSWORD_POLICY"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] length {0}")
        @ValueSource(ints = {10, 72})
        void a_password_of_ten_or_of_seventy_two_characters_is_accepted(int length) {
            String password = "1" + "a".repeat(length - 1);
            fixture.givenNoPriorActivity()
                    .when(createInstitutionAccount(password))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof AccountCreated c
                                    && encoder.matches(password, c.passwordHash())),
                            andNoMore())));
        }

        @Test
        void a_password_of_more_than_72_utf8_bytes_is_refused_by_the_policy_even_under_72_characters() {
            // 30 Chinese characters and 2 digits: 32 characters, but 92 bytes, which BCrypt cannot hash.
            String password = "医保带量采购平台密码".repeat(3) + "12";
            fixture.givenNoPriorActivity()
                    .when(createInstitutionAccount(password))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("PASSWORD_POLICY"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullSource
        @ValueSource(strings = {"", "a", "-alice", ".alice", "alice smith", "张三", "alice@h001",
                "a2345678901234567890123456789012345678901234567890123456789012345"}) // 65 characters
        void an_invalid_username_is_refused(String username) {
            fixture.givenNoPriorActivity()
                    .when(create(username, Role.INSTITUTION, "H001", "420102", INITIAL))
                    .expectException(violation("INVALID_USERNAME"))
                    .expectExceptionMessage(containsString("INVALID_USERNAME"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"ab", "wh.hospital_1-a",
                "a234567890123456789012345678901234567890123456789012345678901234"}) // 64 characters
        void a_username_of_two_to_sixty_four_allowed_characters_is_accepted(String username) {
            fixture.givenNoPriorActivity()
                    .when(create(username, Role.INSTITUTION, "H001", "420102", INITIAL))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof AccountCreated c && c.username().equals(username)),
                            andNoMore())));
        }

        static Stream<Arguments> mismatches() {
            return Stream.of(
                    Arguments.of(Role.ADMIN, "420102", "420102"),       // an administrator of a district
                    Arguments.of(Role.AUDITOR, "420102", "420102"),
                    Arguments.of(Role.ANALYST, "H001", "420102"),
                    Arguments.of(Role.INSTITUTION, "CITY", null),       // an institution account of the city
                    Arguments.of(Role.DISTRICT_BUREAU, "CITY", null));
        }

        @ParameterizedTest(name = "[{index}] {0} of {1}")
        @MethodSource("mismatches")
        void a_role_that_does_not_fit_its_organisation_is_refused(Role role, String organisation, String district) {
            fixture.givenNoPriorActivity()
                    .when(create("someone", role, organisation, district, INITIAL))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("ROLE_ORGANISATION_MISMATCH"))
                    .expectNoEvents();
        }

        static Stream<Arguments> fits() {
            return Stream.of(
                    Arguments.of(Role.ADMIN, "CITY", null),
                    Arguments.of(Role.AUDITOR, "CITY", null),
                    Arguments.of(Role.ANALYST, "CITY", null),
                    Arguments.of(Role.INSTITUTION, "H001", "420102"),
                    Arguments.of(Role.DISTRICT_BUREAU, "420102", "420102"));
        }

        @ParameterizedTest(name = "[{index}] {0} of {1}")
        @MethodSource("fits")
        void a_role_that_fits_its_organisation_is_accepted(Role role, String organisation, String district) {
            fixture.givenNoPriorActivity()
                    .when(create("someone", role, organisation, district, INITIAL))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof AccountCreated c && c.role() == role
                                    && c.organisation().equals(organisation)),
                            andNoMore())));
        }

        @Test
        void an_account_without_an_organisation_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(create("someone", Role.INSTITUTION, " ", null, INITIAL))
                    .expectException(violation("INVALID_ORGANISATION"))
                    .expectNoEvents();
        }

        @Test
        void an_account_without_a_role_is_refused() {
            fixture.givenNoPriorActivity()
                    .when(create("someone", null, "H001", "420102", INITIAL))
                    .expectException(violation("INVALID_ROLE"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Login {

        @Test
        void a_correct_login_is_recorded_and_succeeds() {
            fixture.given(created())
                    .when(new Authenticate(USER, INITIAL))
                    .expectEvents(new LoginSucceeded(USER, T0))
                    .expectResultMessagePayload(new LoginOutcome(true, null, 0, null, 0, false));
        }

        @Test
        void a_wrong_password_is_recorded_as_the_first_failure_and_answered_bad_credentials() {
            fixture.given(created())
                    .when(new Authenticate(USER, "Wrong2024xx"))
                    .expectEvents(new LoginFailed(USER, 1, T0))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 0, false));
        }

        @Test
        void a_login_without_a_password_counts_as_a_failure() {
            fixture.given(created())
                    .when(new Authenticate(USER, null))
                    .expectEvents(new LoginFailed(USER, 1, T0))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 0, false));
        }

        @Test
        void a_further_wrong_password_counts_on_from_the_earlier_failures() {
            fixture.given(created())
                    .andGiven(failures(3, T0))
                    .when(new Authenticate(USER, "Wrong2024xx", true))
                    .expectEvents(new LoginFailed(USER, 4, T0))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 4, null, 0, true));
        }

        @Test
        void the_fifth_consecutive_failure_locks_the_account_for_fifteen_minutes() {
            Instant now = T0.plusSeconds(60);
            clock.set(now);
            Instant until = now.plus(Duration.ofMinutes(15));
            fixture.given(created())
                    .andGiven(failures(4, T0))
                    .when(new Authenticate(USER, "Wrong2024xx", true))
                    .expectEvents(new LoginFailed(USER, 5, now), new AccountLocked(USER, until))
                    .expectResultMessagePayload(new LoginOutcome(false, ACCOUNT_LOCKED, 5, until, 0, true));
        }

        @Test
        void five_wrong_logins_in_a_row_lock_the_account() {
            Authenticate wrong = new Authenticate(USER, "Wrong2024xx");
            Authenticate wrongWithCaptcha = new Authenticate(USER, "Wrong2024xx", true);
            fixture.givenCommands(createInstitutionAccount(INITIAL), wrong, wrong, wrong, wrongWithCaptcha)
                    .when(wrongWithCaptcha)
                    .expectEvents(new LoginFailed(USER, 5, T0), new AccountLocked(USER, T0.plus(Account.LOCK_DURATION)));
        }

        @Test
        void a_login_while_locked_is_refused_without_a_new_event_even_with_the_right_password() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            clock.set(until.minusSeconds(1));
            fixture.given(created())
                    .andGiven(failures(5, T0))
                    .andGiven(new AccountLocked(USER, until))
                    .when(new Authenticate(USER, INITIAL))
                    .expectNoEvents()
                    .expectResultMessagePayload(new LoginOutcome(false, ACCOUNT_LOCKED, 5, until, 0, true));
        }

        @Test
        void a_sixth_login_while_locked_is_refused_without_a_new_event() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            clock.set(T0.plusSeconds(30));
            fixture.given(created())
                    .andGiven(failures(5, T0))
                    .andGiven(new AccountLocked(USER, until))
                    .when(new Authenticate(USER, "Wrong2024xx"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new LoginOutcome(false, ACCOUNT_LOCKED, 5, until, 0, true));
        }

        @Test
        void once_the_lock_has_run_out_a_correct_login_succeeds() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            clock.set(until); // the lock ends at lockedUntil itself
            fixture.given(created())
                    .andGiven(failures(5, T0))
                    .andGiven(new AccountLocked(USER, until))
                    .when(new Authenticate(USER, INITIAL))
                    .expectEvents(new LoginSucceeded(USER, until))
                    .expectResultMessagePayload(new LoginOutcome(true, null, 0, null, 0, false));
        }

        @Test
        void once_the_lock_has_run_out_a_wrong_password_starts_counting_from_one() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            Instant now = until.plusSeconds(5);
            clock.set(now);
            fixture.given(created())
                    .andGiven(failures(5, T0))
                    .andGiven(new AccountLocked(USER, until))
                    .when(new Authenticate(USER, "Wrong2024xx"))
                    .expectEvents(new LoginFailed(USER, 1, now))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 0, false));
        }

        @Test
        void after_a_lock_has_run_out_five_new_failures_lock_the_account_again() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            Instant later = until.plusSeconds(60);
            clock.set(later);
            List<Object> afterLock = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                afterLock.add(new LoginFailed(USER, i, later));
            }
            fixture.given(created())
                    .andGiven(failures(5, T0))
                    .andGiven(new AccountLocked(USER, until))
                    .andGiven(afterLock)
                    .when(new Authenticate(USER, "Wrong2024xx", true))
                    .expectEvents(new LoginFailed(USER, 5, later),
                            new AccountLocked(USER, later.plus(Duration.ofMinutes(15))));
        }

        @Test
        void a_successful_login_resets_the_failure_count() {
            fixture.given(created())
                    .andGiven(failures(4, T0))
                    .andGiven(new LoginSucceeded(USER, T0))
                    .when(new Authenticate(USER, "Wrong2024xx"))
                    .expectEvents(new LoginFailed(USER, 1, T0))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 0, false));
        }

        @Test
        void a_login_to_a_disabled_account_is_refused_as_disabled_without_an_event() {
            fixture.given(created(), new AccountDisabled(USER, "admin", 1, T0))
                    .when(new Authenticate(USER, INITIAL))
                    .expectNoEvents()
                    .expectResultMessagePayload(new LoginOutcome(false, ACCOUNT_DISABLED, 0, null, 1, false));
        }

        @Test
        void after_a_password_change_only_the_new_password_logs_in() {
            String newHash = encoder.encode(NEW_PASSWORD);
            fixture.given(created(), new PasswordChanged(USER, newHash, 1, T0))
                    .when(new Authenticate(USER, INITIAL))
                    .expectEvents(new LoginFailed(USER, 1, T0))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 1, false));
        }

        @Test
        void after_a_password_change_the_new_password_logs_in_with_the_new_credentials_version() {
            String newHash = encoder.encode(NEW_PASSWORD);
            fixture.given(created(), new PasswordChanged(USER, newHash, 1, T0))
                    .when(new Authenticate(USER, NEW_PASSWORD))
                    .expectEvents(new LoginSucceeded(USER, T0))
                    .expectResultMessagePayload(new LoginOutcome(true, null, 0, null, 1, false));
        }
    }

    @Nested
    class PasswordChange {

        @Test
        void a_change_with_a_wrong_current_password_is_refused() {
            fixture.given(created())
                    .when(new ChangePassword(USER, "NotMine2024", NEW_PASSWORD))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("WRONG_PASSWORD"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullSource
        @ValueSource(strings = {"Short1abc", "NoDigitsHere", "1234567890",
                "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1b"})
        void a_new_password_against_the_policy_is_refused(String newPassword) {
            fixture.given(created())
                    .when(new ChangePassword(USER, INITIAL, newPassword))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("PASSWORD_POLICY"))
                    .expectNoEvents();
        }

        @Test
        void a_new_password_of_more_than_72_utf8_bytes_is_refused_by_the_policy() {
            fixture.given(created())
                    .when(new ChangePassword(USER, INITIAL, "医保带量采购平台密码".repeat(3) + "12"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("PASSWORD_POLICY"))
                    .expectNoEvents();
        }

        @Test
        void a_password_of_exactly_72_utf8_bytes_is_accepted() {
            String password = "医保带量采购平台密码医保带量采购平台密码医保带" + "123"; // 23 x 3 + 3 = 72 bytes
            fixture.given(created())
                    .when(new ChangePassword(USER, INITIAL, password))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof PasswordChanged c
                                    && encoder.matches(password, c.passwordHash())),
                            andNoMore())));
        }

        @Test
        void a_new_password_equal_to_the_current_one_is_refused() {
            fixture.given(created())
                    .when(new ChangePassword(USER, INITIAL, INITIAL))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("PASSWORD_REUSED"))
                    .expectNoEvents();
        }

        @Test
        void a_change_records_the_new_hash_with_the_next_credentials_version_and_lifts_the_obligation() {
            clock.set(T0.plusSeconds(120));
            fixture.given(created())
                    .when(new ChangePassword(USER, INITIAL, NEW_PASSWORD))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof PasswordChanged c
                                    && c.username().equals(USER)
                                    && c.credentialsVersion() == 1
                                    && c.changedAt().equals(T0.plusSeconds(120))
                                    && encoder.matches(NEW_PASSWORD, c.passwordHash())
                                    && !encoder.matches(INITIAL, c.passwordHash())),
                            andNoMore())))
                    .expectResultMessagePayload(1L)
                    .expectState(account -> assertFalse(account.mustChangePassword(),
                            "a changed password lifts the first-login obligation"));
        }

        @Test
        void a_second_change_raises_the_credentials_version_again() {
            String newHash = encoder.encode(NEW_PASSWORD);
            fixture.given(created(), new PasswordChanged(USER, newHash, 1, T0))
                    .when(new ChangePassword(USER, NEW_PASSWORD, "Third2024pass"))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof PasswordChanged c && c.credentialsVersion() == 2
                                    && encoder.matches("Third2024pass", c.passwordHash())),
                            andNoMore())))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void a_disabled_account_cannot_change_its_password() {
            fixture.given(created(), new AccountDisabled(USER, "admin", 1, T0))
                    .when(new ChangePassword(USER, INITIAL, NEW_PASSWORD))
                    .expectException(violation("ACCOUNT_DISABLED"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Disabling {

        @Test
        void disabling_records_who_and_when_with_the_next_credentials_version() {
            clock.set(T0.plusSeconds(300));
            fixture.given(created())
                    .when(new DisableAccount(USER, "admin"))
                    .expectEvents(new AccountDisabled(USER, "admin", 1, T0.plusSeconds(300)));
        }

        @Test
        void disabling_after_a_password_change_raises_the_credentials_version_past_it() {
            fixture.given(created(), new PasswordChanged(USER, encoder.encode(NEW_PASSWORD), 1, T0))
                    .when(new DisableAccount(USER, "admin"))
                    .expectEvents(new AccountDisabled(USER, "admin", 2, T0));
        }

        @Test
        void disabling_twice_emits_nothing_the_second_time() {
            fixture.given(created(), new AccountDisabled(USER, "admin", 1, T0))
                    .when(new DisableAccount(USER, "admin"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void an_administrator_cannot_disable_their_own_account() {
            AccountCreated admin = new AccountCreated("boss", Role.ADMIN, "CITY", null, initialHash, "root", T0);
            fixture.given(admin)
                    .when(new DisableAccount("boss", "boss"))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(containsString("CANNOT_DISABLE_SELF"))
                    .expectNoEvents();
        }
    }

    /** 重置密码 by the administrator: a new initial password, to be changed at the next login. */
    @Nested
    class ResetByAdministrator {

        private static final String RESET = "Reset2026pass";

        @Test
        void a_reset_records_the_new_hash_who_and_when_with_the_next_credentials_version_and_the_obligation() {
            clock.set(T0.plusSeconds(600));
            fixture.given(created(), new PasswordChanged(USER, encoder.encode(NEW_PASSWORD), 1, T0))
                    .when(new ResetPassword(USER, RESET, "admin"))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof PasswordReset r
                                    && r.username().equals(USER)
                                    && r.credentialsVersion() == 2
                                    && r.resetBy().equals("admin")
                                    && r.resetAt().equals(T0.plusSeconds(600))
                                    && encoder.matches(RESET, r.passwordHash())),
                            andNoMore())))
                    .expectState(account -> assertTrue(account.mustChangePassword(),
                            "a reset password must be changed at the next login"));
        }

        @Test
        void after_a_reset_the_old_password_no_longer_logs_in() {
            fixture.given(created(), new PasswordChanged(USER, encoder.encode(NEW_PASSWORD), 1, T0),
                            new PasswordReset(USER, encoder.encode(RESET), 2, "admin", T0))
                    .when(new Authenticate(USER, NEW_PASSWORD))
                    .expectEvents(new LoginFailed(USER, 1, T0));
        }

        @Test
        void after_a_reset_the_user_changes_the_reset_password_and_the_obligation_is_lifted() {
            fixture.given(created(), new PasswordChanged(USER, encoder.encode(NEW_PASSWORD), 1, T0),
                            new PasswordReset(USER, encoder.encode(RESET), 2, "admin", T0))
                    .when(new ChangePassword(USER, RESET, "Mine2026again"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(3L)
                    .expectState(account -> assertFalse(account.mustChangePassword()));
        }

        @Test
        void the_user_may_not_keep_the_reset_password() {
            fixture.given(created(), new PasswordReset(USER, encoder.encode(RESET), 1, "admin", T0))
                    .when(new ChangePassword(USER, RESET, RESET))
                    .expectException(violation("PASSWORD_REUSED"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"short1", "onlyletterss", "1234567890"})
        @NullSource
        void a_reset_password_against_the_policy_is_refused(String password) {
            fixture.given(created())
                    .when(new ResetPassword(USER, password, "admin"))
                    .expectException(violation("PASSWORD_POLICY"))
                    .expectNoEvents();
        }

        @Test
        void a_disabled_account_is_not_reset() {
            fixture.given(created(), new AccountDisabled(USER, "admin", 1, T0))
                    .when(new ResetPassword(USER, RESET, "admin"))
                    .expectException(violation("ACCOUNT_IS_DISABLED"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Captcha {

        @Test
        void the_third_failure_answers_that_the_next_attempt_needs_a_captcha() {
            fixture.given(created())
                    .andGiven(failures(2, T0))
                    .when(new Authenticate(USER, "Wrong2024xx"))
                    .expectEvents(new LoginFailed(USER, 3, T0))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 3, null, 0, true));
        }

        @Test
        void after_two_failures_a_login_needs_no_captcha() {
            fixture.given(created())
                    .andGiven(failures(2, T0))
                    .when(new Authenticate(USER, INITIAL))
                    .expectEvents(new LoginSucceeded(USER, T0))
                    .expectResultMessagePayload(new LoginOutcome(true, null, 0, null, 0, false));
        }

        @ParameterizedTest(name = "[{index}] password \"{0}\"")
        @ValueSource(strings = {INITIAL, "Wrong2024xx"})
        void after_three_failures_a_login_without_a_captcha_is_refused_unchecked_and_uncounted(String password) {
            fixture.given(created())
                    .andGiven(failures(3, T0))
                    .when(new Authenticate(USER, password))
                    .expectNoEvents()
                    .expectResultMessagePayload(new LoginOutcome(false, CAPTCHA_REQUIRED, 3, null, 0, true));
        }

        @Test
        void after_three_failures_the_right_password_with_a_solved_captcha_logs_in_and_clears_the_count() {
            fixture.given(created())
                    .andGiven(failures(3, T0))
                    .when(new Authenticate(USER, INITIAL, true))
                    .expectEvents(new LoginSucceeded(USER, T0))
                    .expectResultMessagePayload(new LoginOutcome(true, null, 0, null, 0, false));
        }

        @Test
        void after_a_success_the_next_login_needs_no_captcha_again() {
            fixture.given(created())
                    .andGiven(failures(4, T0))
                    .andGiven(new LoginSucceeded(USER, T0))
                    .when(new Authenticate(USER, INITIAL))
                    .expectEvents(new LoginSucceeded(USER, T0))
                    .expectResultMessagePayload(new LoginOutcome(true, null, 0, null, 0, false));
        }

        @Test
        void while_locked_a_solved_captcha_does_not_help() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            fixture.given(created())
                    .andGiven(failures(5, T0))
                    .andGiven(new AccountLocked(USER, until))
                    .when(new Authenticate(USER, INITIAL, true))
                    .expectNoEvents()
                    .expectResultMessagePayload(new LoginOutcome(false, ACCOUNT_LOCKED, 5, until, 0, true));
        }

        @Test
        void once_a_lock_has_run_out_no_captcha_is_needed_until_three_new_failures() {
            Instant until = T0.plus(Duration.ofMinutes(15));
            clock.set(until.plusSeconds(1));
            fixture.given(created())
                    .andGiven(failures(5, T0))
                    .andGiven(new AccountLocked(USER, until))
                    .when(new Authenticate(USER, "Wrong2024xx"))
                    .expectEvents(new LoginFailed(USER, 1, until.plusSeconds(1)))
                    .expectResultMessagePayload(new LoginOutcome(false, BAD_CREDENTIALS, 1, null, 0, false));
        }
    }

    @Nested
    class PasswordHistory {

        private static final String SECOND = "Second2024pw";
        private static final String THIRD = "Third2024pw";
        private static final String FOURTH = "Fourth2024pw";

        /** The initial password, then three changes: the current password is the fourth. */
        private List<Object> history() {
            return List.of(created(),
                    new PasswordChanged(USER, encoder.encode(SECOND), 1, T0),
                    new PasswordChanged(USER, encoder.encode(THIRD), 2, T0),
                    new PasswordChanged(USER, encoder.encode(FOURTH), 3, T0));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {FOURTH, THIRD, SECOND}) // the current one and the two before it
        void each_of_the_last_three_passwords_is_refused(String reused) {
            fixture.given(history())
                    .when(new ChangePassword(USER, FOURTH, reused))
                    .expectException(violation("PASSWORD_REUSED"))
                    .expectNoEvents();
        }

        @Test
        void the_fourth_last_password_may_be_used_again() {
            fixture.given(history())
                    .when(new ChangePassword(USER, FOURTH, INITIAL))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof PasswordChanged c && c.credentialsVersion() == 4
                                    && encoder.matches(INITIAL, c.passwordHash())),
                            andNoMore())));
        }

        @Test
        void with_a_single_change_both_the_initial_and_the_current_password_are_refused() {
            fixture.given(created(), new PasswordChanged(USER, encoder.encode(SECOND), 1, T0))
                    .when(new ChangePassword(USER, SECOND, INITIAL))
                    .expectException(violation("PASSWORD_REUSED"))
                    .expectNoEvents();
        }

        @Test
        void the_history_moves_on_with_each_change() {
            // initial, 2nd, 3rd, 4th, then the initial again: now the 2nd is the 4th-last and may come back.
            List<Object> events = new ArrayList<>(history());
            events.add(new PasswordChanged(USER, encoder.encode(INITIAL), 4, T0));
            fixture.given(events)
                    .when(new ChangePassword(USER, INITIAL, SECOND))
                    .expectSuccessfulHandlerExecution()
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof PasswordChanged), andNoMore())));
        }
    }

    @Nested
    class Profile {

        private ChangeProfile change(String name, String phone, String email) {
            return new ChangeProfile(USER, name, phone, email, USER);
        }

        @Test
        void a_change_records_the_new_profile_with_the_changed_fields_who_and_when() {
            clock.set(T0.plusSeconds(42));
            fixture.given(created())
                    .when(change("张三", "13812345678", "zhang.san@hospital.wh.cn"))
                    .expectEvents(new ProfileChanged(USER, "张三", "13812345678", "zhang.san@hospital.wh.cn",
                            List.of("displayName", "contactPhone", "email"), USER, T0.plusSeconds(42)));
        }

        @Test
        void only_the_fields_that_changed_are_named() {
            fixture.given(created(), new ProfileChanged(USER, "张三", "13812345678", "a@163.com",
                            List.of("displayName", "contactPhone", "email"), USER, T0))
                    .when(change("张三", "13812345678", "zhang.san@qq.com"))
                    .expectEvents(new ProfileChanged(USER, "张三", "13812345678", "zhang.san@qq.com",
                            List.of("email"), USER, T0));
        }

        @Test
        void a_blank_phone_or_email_clears_it_and_text_is_trimmed() {
            fixture.given(created(), new ProfileChanged(USER, "张三", "13812345678", "a@163.com",
                            List.of("displayName", "contactPhone", "email"), USER, T0))
                    .when(change("  张三  ", " ", null))
                    .expectEvents(new ProfileChanged(USER, "张三", null, null, List.of("contactPhone", "email"),
                            USER, T0));
        }

        @Test
        void saving_an_unchanged_profile_records_nothing() {
            fixture.given(created(), new ProfileChanged(USER, "张三", "13812345678", null,
                            List.of("displayName", "contactPhone"), USER, T0))
                    .when(change("张三", "13812345678", ""))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"13012345678", "15987654321", "16612345678", "19912345678"})
        void a_mainland_mobile_number_is_accepted(String phone) {
            fixture.given(created())
                    .when(change("张三", phone, null))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof ProfileChanged c && phone.equals(c.contactPhone())),
                            andNoMore())));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"1381234567", "138123456789", "12812345678", "10012345678", "23812345678",
                "1381234567a", "+8613812345678", "138 1234 5678", "138-1234-5678", "027-88886666", "１３８１２３４５６７８"})
        void anything_but_a_mainland_mobile_number_is_refused(String phone) {
            fixture.given(created())
                    .when(change("张三", phone, null))
                    .expectException(violation("INVALID_PHONE"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"x@qq.com", "zhang.san@hospital.wh.cn", "li_si+vbp@163.com", "A-B@Example-1.COM.CN",
                "a234567890123456789012345678901234567890123456789012345678901234@x.cn"}) // 64-character local part
        void an_email_of_the_usual_shape_is_accepted(String email) {
            fixture.given(created())
                    .when(change("张三", null, email))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof ProfileChanged c && email.equals(c.email())),
                            andNoMore())));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(strings = {"plain", "a@b", "a@b.c", "@x.cn", "a@", "a@@x.cn", "a..b@x.cn", ".a@x.cn", "a.@x.cn",
                "a@-x.cn", "a@x-.cn", "a@x..cn", "a b@x.cn", "张三@x.cn", "a@x.c1", "a@x.cn.",
                "a2345678901234567890123456789012345678901234567890123456789012345@x.cn"}) // 65-character local part
        void an_email_of_another_shape_is_refused(String email) {
            fixture.given(created())
                    .when(change("张三", null, email))
                    .expectException(violation("INVALID_EMAIL"))
                    .expectNoEvents();
        }

        @Test
        void an_email_of_254_characters_is_accepted_and_of_255_refused() {
            String domain = String.join(".", "b".repeat(60), "c".repeat(60), "d".repeat(60), "e".repeat(60)) + ".cn";
            String longest = "abcdefg@" + domain;
            assertEquals(254, longest.length());
            fixture.given(created())
                    .when(change("张三", null, longest))
                    .expectSuccessfulHandlerExecution();
            fixture.given(created())
                    .when(change("张三", null, "h" + longest))
                    .expectException(violation("INVALID_EMAIL"))
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @NullSource
        @ValueSource(strings = {"", "   ", "名\n字", "tab\there"})
        void an_empty_display_name_or_one_with_control_characters_is_refused(String name) {
            fixture.given(created())
                    .when(change(name, null, null))
                    .expectException(violation("INVALID_DISPLAY_NAME"))
                    .expectNoEvents();
        }

        @Test
        void a_display_name_of_fifty_characters_is_accepted_and_of_fifty_one_refused() {
            String fifty = "武汉市江岸区人民医院药剂科".repeat(4).substring(0, 50);
            fixture.given(created())
                    .when(change(fifty, null, null))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            matches((Object p) -> p instanceof ProfileChanged c && fifty.equals(c.displayName())),
                            andNoMore())));
            fixture.given(created())
                    .when(change(fifty + "张", null, null))
                    .expectException(violation("INVALID_DISPLAY_NAME"));
        }

        @Test
        void a_disabled_account_cannot_change_its_profile() {
            fixture.given(created(), new AccountDisabled(USER, "admin", 1, T0))
                    .when(change("张三", null, null))
                    .expectException(violation("ACCOUNT_DISABLED"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Logout {

        @Test
        void logging_out_records_the_revoked_token_with_its_expiry_and_when() {
            Instant expires = T0.plus(Duration.ofHours(8));
            clock.set(T0.plusSeconds(10));
            fixture.given(created())
                    .when(new RevokeToken(USER, "jti-1", expires))
                    .expectEvents(new TokenRevoked(USER, "jti-1", expires, T0.plusSeconds(10)));
        }

        @Test
        void a_revocation_without_a_token_identifier_is_refused() {
            fixture.given(created())
                    .when(new RevokeToken(USER, " ", T0))
                    .expectException(violation("INVALID_REQUEST"))
                    .expectNoEvents();
        }

        @Test
        void revoking_one_token_leaves_the_credentials_version_and_so_the_other_tokens_alone() {
            fixture.given(created(), new TokenRevoked(USER, "jti-1", T0.plusSeconds(3600), T0))
                    .when(new Authenticate(USER, INITIAL))
                    .expectResultMessagePayload(new LoginOutcome(true, null, 0, null, 0, false));
        }
    }
}
