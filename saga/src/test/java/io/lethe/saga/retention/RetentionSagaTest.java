package io.lethe.saga.retention;

import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.provision.ThirdParty;
import io.lethe.core.provision.ShredReceiptRecordCommand;
import io.lethe.core.provision.ProvisionRecordsKeptLongerEvent;
import io.lethe.core.provision.ReceiptConfirmationRecordedEvent;
import io.lethe.core.activity.UsagePeriodOpenedEvent;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.RetentionExceptionGround;
import io.lethe.core.subject.RetentionExceptionRecordedEvent;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.TerminationReason;
import org.axonframework.test.saga.FixtureConfiguration;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionSagaTest {

    private static final SubjectId SUBJECT = SubjectId.of("3c1b2a4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    private static final String REFERENCE = "saga:retention:" + SUBJECT;

    private FixtureConfiguration fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(RetentionSaga.class);
        fixture.registerResource(new RetentionPolicy(Map.of(), RetentionPeriod.valueOf("30d")));
    }

    @Test
    void nothingIsShreddedBeforeAClassesRetentionEnds() {
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.JP),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .whenTimeElapses(Duration.ofDays(29))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    @DisplayName("RULES.md, retention: FINANCIAL is kept seven calendar years after termination, not 2,555 days")
    void financialRecordsAreKeptSevenCalendarYears() {
        Instant terminatedAt = fixture.currentTime();
        Instant sevenYears = terminatedAt.atZone(Jurisdiction.JP.zone()).plusYears(7).toInstant();
        assertThat(Duration.between(terminatedAt, sevenYears)).as("two leap days in seven years")
                .isGreaterThan(Duration.ofDays(2555));
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.JP))
                .whenAggregate(SUBJECT.toString()).publishes(new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .expectScheduledDeadline(sevenYears, new RetentionDue(RetentionClass.FINANCIAL));
    }

    @Test
    void anActiveAccountHasNoRetentionDeadline() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBJECT.toString()).publishes(registered(Jurisdiction.JP))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlines();
    }

    @Test
    void whenUsageRetentionEndsItsKeyIsShreddedAndTheProfileWaits() {
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.EU),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.INACTIVITY))
                .whenTimeElapses(Duration.ofDays(31))
                .expectTriggeredDeadlinesWithName(RetentionSaga.RETENTION_DUE)
                .expectDispatchedCommands(shred(ShreddingReason.RETENTION_EXPIRED, RetentionClass.USAGE));
    }

    @Test
    @DisplayName("RULES.md rule 10: a terminated TW account is shredded within the configured period")
    void aTerminatedTaiwanAccountHasEveryClassShreddedAfterTheDeletionPeriod() {
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.TW),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .whenTimeElapses(Duration.ofDays(30).plusMinutes(1))
                .expectDispatchedCommands(
                        shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.PROFILE),
                        shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.FINANCIAL),
                        shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.USAGE),
                        shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.COMMUNICATIONS));
    }

    @Test
    void aTaiwanExceptionKeepsItsClassesUntilItsReviewDate() {
        LocalDate reviewBy = fixture.currentTime().atZone(ZoneOffset.UTC).toLocalDate().plusDays(100);
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.TW),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST),
                        new RetentionExceptionRecordedEvent(SUBJECT, Set.of(RetentionClass.FINANCIAL),
                                RetentionExceptionGround.SPECIAL_PROVISION_OF_LAW, "tax-act-art-11", reviewBy))
                .whenTimeElapses(Duration.ofDays(31))
                .expectDispatchedCommands(
                        shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.PROFILE),
                        shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.USAGE),
                        shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.COMMUNICATIONS));
    }

    @Test
    void anExceptionLapsesAtItsReviewDateAndTheClassIsShredded() throws Exception {
        LocalDate reviewBy = fixture.currentTime().atZone(ZoneOffset.UTC).toLocalDate().plusDays(40);
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.TW),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST),
                        new RetentionExceptionRecordedEvent(SUBJECT, Set.of(RetentionClass.FINANCIAL),
                                RetentionExceptionGround.WRITTEN_CONSENT, "contract-2026-17", reviewBy))
                .andThenTimeElapses(Duration.ofDays(31))
                .whenTimeElapses(Duration.ofDays(10))
                .expectDispatchedCommands(shred(ShreddingReason.TERMINATION_DELETION, RetentionClass.FINANCIAL));
    }

    @Test
    void aReleasedHoldIsLeftToTheSubjectWhichShredsWhatTheHoldKeptBack() {
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.EU),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.INACTIVITY),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.USAGE), List.of("hold-1"),
                                ShreddingReason.RETENTION_EXPIRED, REFERENCE))
                .whenAggregate(SUBJECT.toString()).publishes(new LegalHoldReleasedEvent(SUBJECT, "hold-1"))
                .expectNoDispatchedCommands();
    }

    @Test
    void theSagaEndsWhenEveryClassIsShredded() {
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.TW),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST),
                        shredded(RetentionClass.PROFILE), shredded(RetentionClass.FINANCIAL), shredded(RetentionClass.USAGE))
                .whenAggregate(SUBJECT.toString()).publishes(shredded(RetentionClass.COMMUNICATIONS))
                .expectActiveSagas(0);
    }

    /** The rolling retention of a usage period is its period's job (UsagePeriodRetention), not a deadline per subject. */
    @Test
    void aUsagePeriodOpeningSchedulesNothingForTheSubject() {
        String period = "2026-11-01T00:00:00Z";
        Instant shredAt = fixture.currentTime().plus(Duration.ofDays(400));
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.US_CA))
                .whenAggregate(SUBJECT.toString()).publishes(new UsagePeriodOpenedEvent(SUBJECT, period, shredAt))
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    /** What the period's job names as the ground, as the subject's own deadline did before it. */
    @Test
    void aUsagePeriodsShreddingNamesTheRetentionOfItsSubjectAndPeriod() {
        assertThat(RetentionSaga.usagePeriodReference(SUBJECT.toString(), "2026-11-01T00:00:00Z"))
                .isEqualTo(REFERENCE + ":usage-period:2026-11-01T00:00:00Z");
    }

    @Test
    void aReceiptRecordsKeyIsShreddedTheDayAfterItIsKeptUntilAndExtendedWithItsContract() {
        LocalDate today = LocalDate.ofInstant(fixture.currentTime(), java.time.ZoneId.of("Asia/Tokyo"));
        LocalDate keepUntil = today.plusDays(10);
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.JP),
                        new ReceiptConfirmationRecordedEvent(SUBJECT, "r-1", new ThirdParty("Listco", null, "JP",
                                RecipientCategory.CORPORATE_AFFILIATE, true), "from a list broker",
                                Set.of(DataCategory.A_IDENTIFIERS), today, keepUntil, "contract-1"),
                        new ProvisionRecordsKeptLongerEvent(SUBJECT, "contract-1", List.of("r-1"), keepUntil.plusDays(30)))
                .whenTimeElapses(Duration.ofDays(12))
                .expectNoDispatchedCommands();
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.JP),
                        new ReceiptConfirmationRecordedEvent(SUBJECT, "r-1", new ThirdParty("Listco", null, "JP",
                                RecipientCategory.CORPORATE_AFFILIATE, true), "from a list broker",
                                Set.of(DataCategory.A_IDENTIFIERS), today, keepUntil, "contract-1"))
                .whenTimeElapses(Duration.ofDays(12))
                .expectTriggeredDeadlinesWithName(RetentionSaga.RECEIPT_RECORD_DUE)
                .expectDispatchedCommands(new ShredReceiptRecordCommand(SUBJECT, "r-1", REFERENCE));
    }

    @Test
    void theSagaOutlivesEveryClassWhileAReceiptRecordIsStillKept() {
        LocalDate today = LocalDate.ofInstant(fixture.currentTime(), java.time.ZoneId.of("Asia/Tokyo"));
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.JP),
                        new ReceiptConfirmationRecordedEvent(SUBJECT, "r-1", new ThirdParty("Listco", null, "JP",
                                RecipientCategory.CORPORATE_AFFILIATE, true), "from a list broker",
                                Set.of(DataCategory.A_IDENTIFIERS), today, today.plusYears(3), null),
                        shredded(RetentionClass.PROFILE), shredded(RetentionClass.FINANCIAL), shredded(RetentionClass.USAGE))
                .whenAggregate(SUBJECT.toString()).publishes(shredded(RetentionClass.COMMUNICATIONS))
                .expectActiveSagas(1);
    }

    @Test
    void aReceiptRecordedAfterTheSubjectsProcessEndedStartsOneThatShredsItAndEnds() {
        LocalDate today = LocalDate.ofInstant(fixture.currentTime(), java.time.ZoneId.of("Asia/Tokyo"));
        fixture.givenAggregate(SUBJECT.toString()).published(registered(Jurisdiction.EU),
                        shredded(RetentionClass.PROFILE), shredded(RetentionClass.FINANCIAL), shredded(RetentionClass.USAGE),
                        shredded(RetentionClass.COMMUNICATIONS))
                .whenAggregate(SUBJECT.toString()).publishes(new ReceiptConfirmationRecordedEvent(SUBJECT, "r-9",
                        new ThirdParty("Listco", null, "JP", RecipientCategory.CORPORATE_AFFILIATE, true), "from a list broker",
                        Set.of(DataCategory.A_IDENTIFIERS), today, today.plusDays(3), null))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(today.plusDays(4).atStartOfDay(java.time.ZoneId.of("Asia/Tokyo")).toInstant(),
                        RetentionSaga.RECEIPT_RECORD_DUE);
    }

    private static AccountRegisteredEvent registered(Jurisdiction jurisdiction) {
        return new AccountRegisteredEvent(SUBJECT, jurisdiction, "Mei Lin", LocalDate.of(1990, 1, 1), null,
                "mei@example.tw", null, null);
    }

    private static PersonalDataShreddedEvent shredded(RetentionClass retentionClass) {
        return new PersonalDataShreddedEvent(SUBJECT, retentionClass, ShreddingReason.TERMINATION_DELETION, REFERENCE);
    }

    private static ShredPersonalDataCommand shred(ShreddingReason reason, RetentionClass retentionClass) {
        return new ShredPersonalDataCommand(SUBJECT, Set.of(retentionClass), reason, REFERENCE);
    }
}
