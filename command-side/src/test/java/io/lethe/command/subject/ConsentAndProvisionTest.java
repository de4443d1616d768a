package io.lethe.command.subject;

import io.lethe.core.consent.ConsentGrantedEvent;
import io.lethe.core.consent.ConsentType;
import io.lethe.core.consent.ConsentWithdrawnEvent;
import io.lethe.core.consent.OptOutOfSaleSharingCommand;
import io.lethe.core.consent.OptedOutOfSaleSharingEvent;
import io.lethe.core.consent.RecordSensitiveInformationCommand;
import io.lethe.core.consent.SensitiveCategory;
import io.lethe.core.consent.SensitiveDataException;
import io.lethe.core.consent.SensitiveInformationRecordedEvent;
import io.lethe.core.consent.WithdrawConsentCommand;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.DataCategory;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.provision.RecipientCategory;
import io.lethe.core.provision.RecordThirdPartyProvisionCommand;
import io.lethe.core.provision.ThirdParty;
import io.lethe.core.provision.ThirdPartyProvisionRecordedEvent;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.purpose.ConfirmPurposeChangeNoticeCommand;
import io.lethe.core.purpose.PurposeChangeNoticeOwedEvent;
import io.lethe.core.purpose.PurposeChangeNotifiedEvent;
import io.lethe.core.purpose.RecordPurposeChangeNoticeCommand;
import io.lethe.core.request.RequestChannel;
import io.lethe.core.request.RequestId;
import io.lethe.core.request.RequestType;
import io.lethe.core.request.SubmitPrivacyRequestCommand;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.ReportUnderageSubjectCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.subject.SubjectFoundUnderageEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.TerminationReason;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Consents, children and minors, opt-out, sensitive information and APPI provision records. */
class ConsentAndProvisionTest {

    private static final SubjectId SUBJECT = SubjectId.of("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f");
    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final ThirdParty AD_PARTNER = new ThirdParty("Adnet Inc.", "1 Market St, San Francisco", "US",
            RecipientCategory.ADVERTISING_PARTNER, false);

    private FixtureConfiguration<DataSubject> fixture;
    private final DataSubjectTest.RecordingKeys keys = new DataSubjectTest.RecordingKeys();

    @BeforeEach
    void setUp() {
        fixture = Fixtures.dataSubject(keys);
    }

    @Test
    void aChildUnder13IsNotRegisteredWithoutParentalConsent() {
        fixture.givenCurrentTime(NOW)
                .when(registerBornOn(LocalDate.of(2016, 1, 1), null))
                .expectNoEvents()
                .expectExceptionMessage("A child under 13 can only be registered with a parent's verifiable consent (policy §13).");
    }

    @Test
    void aChildWithParentalConsentIsRegisteredAndTheConsentRecorded() {
        fixture.givenCurrentTime(NOW)
                .when(registerBornOn(LocalDate.of(2016, 1, 1), "consent-form-17"))
                .expectEvents(bornOn(Jurisdiction.US_CA, LocalDate.of(2016, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN, "consent-form-17"));
    }

    @Test
    void aSubjectFoundUnderageWithoutParentalConsentIsDeactivatedAndShredded() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.EU, LocalDate.of(1990, 1, 1)))
                .when(new ReportUnderageSubjectCommand(SUBJECT, "finding-3"))
                .expectEvents(new SubjectFoundUnderageEvent(SUBJECT, "finding-3", false),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.UNDERAGE),
                        shredded(RetentionClass.PROFILE, "finding-3"), shredded(RetentionClass.FINANCIAL, "finding-3"),
                        shredded(RetentionClass.USAGE, "finding-3"), shredded(RetentionClass.COMMUNICATIONS, "finding-3"));
        assertThat(keys.shredded).hasSize(4);
    }

    @Test
    void aSubjectFoundUnderageWithParentalConsentKeepsTheAccount() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.EU, LocalDate.of(2016, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN, "form-1"))
                .when(new ReportUnderageSubjectCommand(SUBJECT, "finding-4"))
                .expectEvents(new SubjectFoundUnderageEvent(SUBJECT, "finding-4", true));
    }

    @Test
    void withdrawingAChildsParentalConsentDeactivatesAndShredsTheAccount() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, LocalDate.of(2016, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN, "form-1"))
                .when(new WithdrawConsentCommand(SUBJECT, ConsentType.PARENTAL))
                .expectEvents(new ConsentWithdrawnEvent(SUBJECT, ConsentType.PARENTAL),
                        new AccountTerminatedEvent(SUBJECT, TerminationReason.UNDERAGE),
                        shredded(RetentionClass.PROFILE, "consent-withdrawn:parental"),
                        shredded(RetentionClass.FINANCIAL, "consent-withdrawn:parental"),
                        shredded(RetentionClass.USAGE, "consent-withdrawn:parental"),
                        shredded(RetentionClass.COMMUNICATIONS, "consent-withdrawn:parental"));
    }

    @Test
    void noSaleOrSharingAfterAnOptOut() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, LocalDate.of(1990, 1, 1)),
                        new OptedOutOfSaleSharingEvent(SUBJECT, RequestChannel.GLOBAL_PRIVACY_CONTROL))
                .when(provision("p-1", AD_PARTNER, true, true))
                .expectNoEvents()
                .expectExceptionMessage("The subject opted out of the sale and sharing of their personal information.");
    }

    @Test
    void anOptOutIsRecordedOnce() {
        fixture.given(bornOn(Jurisdiction.US_CA, LocalDate.of(1990, 1, 1)),
                        new OptedOutOfSaleSharingEvent(SUBJECT, RequestChannel.GLOBAL_PRIVACY_CONTROL))
                .when(new OptOutOfSaleSharingCommand(SUBJECT, RequestChannel.GLOBAL_PRIVACY_CONTROL))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void noSaleOrSharingUnder16WithoutAnOptIn() {
        LocalDate fifteen = TODAY.minusYears(15);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, fifteen))
                .when(provision("p-1", AD_PARTNER, true, true))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, fifteen),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.SALE_SHARING_OPT_IN, Requester.SUBJECT, "opt-in-1"))
                .when(provision("p-1", AD_PARTNER, true, true))
                .expectEvents(new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-1", AD_PARTNER, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                        true, true, TODAY, TODAY.plusYears(1)));
    }

    @Test
    void aJapaneseSubjectsDataGoesAbroadOnlyWithConsentOrToAnEquivalentSystem() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(provision("p-1", AD_PARTNER, false, false))
                .expectNoEvents()
                .expectException(RefusedException.class);
        ThirdParty equivalent = new ThirdParty("EU Cloud GmbH", null, "DE", RecipientCategory.SERVICE_PROVIDER, true);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(provision("p-2", equivalent, false, false))
                .expectEvents(new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-2", equivalent, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                        false, true, TODAY, TODAY.plusYears(3)));
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.FOREIGN_THIRD_PARTY_PROVISION, Requester.SUBJECT, "c-1"))
                .when(provision("p-3", AD_PARTNER, false, false))
                .expectSuccessfulHandlerExecution();
        ThirdParty domestic = new ThirdParty("Tokyo Mail KK", null, "JP", RecipientCategory.SERVICE_PROVIDER, false);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(provision("p-4", domestic, false, true))
                .expectEvents(new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-4", domestic, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                        false, false, TODAY, TODAY.plusYears(1)));
    }

    @Test
    void aProvisionRecordIdIsUsedOnce() {
        ThirdParty domestic = new ThirdParty("Tokyo Mail KK", null, "JP", RecipientCategory.SERVICE_PROVIDER, false);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)),
                        new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-4", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                                false, false, TODAY, TODAY.plusYears(1)))
                .when(provision("p-4", domestic, false, true))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void sensitiveInformationNeedsPriorConsentOrANamedException() {
        fixture.given(bornOn(Jurisdiction.TW, LocalDate.of(1990, 1, 1)))
                .when(sensitive(null))
                .expectNoEvents()
                .expectExceptionMessage("Sensitive personal information is acquired only with the subject's prior consent (policy §5).");
        fixture.given(bornOn(Jurisdiction.TW, LocalDate.of(1990, 1, 1)))
                .when(sensitive(SensitiveDataException.REQUIRED_BY_LAW))
                .expectEvents(new SensitiveInformationRecordedEvent(SUBJECT, "s-1", SensitiveCategory.HEALTH,
                        "health check 2026: fit", SensitiveDataException.REQUIRED_BY_LAW));
        fixture.given(bornOn(Jurisdiction.TW, LocalDate.of(1990, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.SENSITIVE_PERSONAL_INFORMATION, Requester.SUBJECT, "c-2"))
                .when(sensitive(null))
                .expectEvents(new SensitiveInformationRecordedEvent(SUBJECT, "s-1", SensitiveCategory.HEALTH,
                        "health check 2026: fit", null));
    }

    @Test
    void aConsentIsGrantedOnceAndOnlyAStandingOneWithdrawn() {
        fixture.given(bornOn(Jurisdiction.TW, LocalDate.of(1990, 1, 1)))
                .when(new WithdrawConsentCommand(SUBJECT, ConsentType.SENSITIVE_PERSONAL_INFORMATION))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aPurposeChangeNoticeIsOwedOnceAndConfirmedOnce() {
        fixture.given(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(new RecordPurposeChangeNoticeCommand(SUBJECT, "change-1"))
                .expectEvents(new PurposeChangeNoticeOwedEvent(SUBJECT, "change-1"));
        fixture.given(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)), new PurposeChangeNoticeOwedEvent(SUBJECT, "change-1"))
                .when(new RecordPurposeChangeNoticeCommand(SUBJECT, "change-1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)), new PurposeChangeNoticeOwedEvent(SUBJECT, "change-1"))
                .when(new ConfirmPurposeChangeNoticeCommand(SUBJECT, "change-1", RequestChannel.EMAIL))
                .expectEvents(new PurposeChangeNotifiedEvent(SUBJECT, "change-1", RequestChannel.EMAIL));
        fixture.given(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(new ConfirmPurposeChangeNoticeCommand(SUBJECT, "change-2", RequestChannel.EMAIL))
                .expectNoEvents().expectException(RefusedException.class);
    }

    @Test
    void anErasedSubjectIsOwedNoPurposeChangeNotice() {
        fixture.given(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)),
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE, ShreddingReason.ERASURE_REQUEST, "r-1"))
                .when(new RecordPurposeChangeNoticeCommand(SUBJECT, "change-1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aParentCanActForAMinorOnly() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, LocalDate.of(1990, 1, 1)))
                .when(new SubmitPrivacyRequestCommand(SUBJECT, RequestId.random(), RequestType.DELETION,
                        Requester.PARENT_OR_GUARDIAN, RequestChannel.MAIL, null))
                .expectNoEvents()
                .expectExceptionMessage("A parent or guardian can act only for a minor; the subject is an adult.");
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, TODAY.minusYears(15)))
                .when(new SubmitPrivacyRequestCommand(SUBJECT, RequestId.random(), RequestType.DELETION,
                        Requester.PARENT_OR_GUARDIAN, RequestChannel.MAIL, null))
                .expectSuccessfulHandlerExecution();
    }

    private static RecordSensitiveInformationCommand sensitive(SensitiveDataException exception) {
        return new RecordSensitiveInformationCommand(SUBJECT, "s-1", SensitiveCategory.HEALTH, "health check 2026: fit", exception);
    }

    private static RecordThirdPartyProvisionCommand provision(String id, ThirdParty recipient, boolean saleOrSharing,
                                                              boolean contract) {
        return new RecordThirdPartyProvisionCommand(SUBJECT, id, recipient, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                saleOrSharing, contract, TODAY);
    }

    private static PersonalDataShreddedEvent shredded(RetentionClass retentionClass, String reference) {
        return new PersonalDataShreddedEvent(SUBJECT, retentionClass, ShreddingReason.UNDERAGE_WITHOUT_PARENTAL_CONSENT, reference);
    }

    private static RegisterAccountCommand registerBornOn(LocalDate dateOfBirth, String parentalConsent) {
        return new RegisterAccountCommand(SUBJECT, Jurisdiction.US_CA, "Sam Doe", dateOfBirth, null, "sam@example.com",
                null, null, parentalConsent);
    }

    private static AccountRegisteredEvent bornOn(Jurisdiction jurisdiction, LocalDate dateOfBirth) {
        return new AccountRegisteredEvent(SUBJECT, jurisdiction, "Sam Doe", dateOfBirth, null, "sam@example.com", null, null);
    }
}
