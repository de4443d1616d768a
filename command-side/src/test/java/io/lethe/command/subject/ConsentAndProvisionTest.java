package io.lethe.command.subject;

import io.lethe.core.consent.ConsentGrantedEvent;
import io.lethe.core.consent.ConsentType;
import io.lethe.core.consent.ConsentWithdrawnEvent;
import io.lethe.core.consent.GrantConsentCommand;
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
import io.lethe.core.provision.ProvisionRecordsKeptLongerEvent;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.LegalHoldPlacedEvent;
import io.lethe.core.personaldata.UsagePeriods;
import io.lethe.core.provision.ShredReceiptRecordCommand;
import io.lethe.core.provision.ReceiptRecordShreddedEvent;
import io.lethe.core.provision.ReceiptConfirmationRecordedEvent;
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
import io.lethe.core.subject.SubjectRefusals;
import io.lethe.core.request.ResponseRule;
import io.lethe.core.request.RequestFulfilledEvent;
import io.lethe.core.request.PrivacyRequestSubmittedEvent;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
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
                .expectExceptionMessage("A child can only be registered with a parent's verifiable consent: under 13 "
                        + "(policy §13), in the EU under the member state's age of digital consent (GDPR Art. 8, 16 by default).");
    }

    @Test
    @DisplayName("GDPR Art. 8: an EU child under 16 needs a parent, or under the member state's own age")
    void anEuChildIsUnderTheMemberStatesAgeOfDigitalConsent() {
        LocalDate fourteen = TODAY.minusYears(14);
        fixture.givenCurrentTime(NOW)
                .when(register(Jurisdiction.EU, fourteen, null, null))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW)
                .when(register(Jurisdiction.EU, fourteen, null, "DE"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW)
                .when(register(Jurisdiction.EU, fourteen, null, "AT"))
                .expectEvents(new AccountRegisteredEvent(SUBJECT, Jurisdiction.EU, "Sam Doe", fourteen, null,
                        "sam@example.com", null, null, "AT"));
        fixture.givenCurrentTime(NOW)
                .when(register(Jurisdiction.EU, fourteen, "consent-form-9", "DE"))
                .expectEvents(new AccountRegisteredEvent(SUBJECT, Jurisdiction.EU, "Sam Doe", fourteen, null,
                        "sam@example.com", null, null, "DE"),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN, "consent-form-9"));
        fixture.givenCurrentTime(NOW)
                .when(register(Jurisdiction.UK, fourteen, null, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aMemberStateIsAnEuOrEeaStateOfAnEuSubject() {
        fixture.givenCurrentTime(NOW)
                .when(register(Jurisdiction.EU, LocalDate.of(1990, 1, 1), null, "US"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW)
                .when(register(Jurisdiction.US_CA, LocalDate.of(1990, 1, 1), null, "DE"))
                .expectNoEvents()
                .expectExceptionMessage("memberState is given for subjects in the EU jurisdiction only.");
    }

    @Test
    @DisplayName("RULES.md rule 7: under 13, only a parent opts in to sale or sharing (CCPA 1798.120(c))")
    void aChildUnder13CannotOptInToSaleOrSharingThemselves() {
        LocalDate twelve = TODAY.minusYears(12);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, twelve),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN, "form-1"))
                .when(new GrantConsentCommand(SUBJECT, ConsentType.SALE_SHARING_OPT_IN, Requester.SUBJECT, "opt-in-1"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, twelve),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN, "form-1"))
                .when(new GrantConsentCommand(SUBJECT, ConsentType.SALE_SHARING_OPT_IN, Requester.PARENT_OR_GUARDIAN, "opt-in-1"))
                .expectEvents(new ConsentGrantedEvent(SUBJECT, ConsentType.SALE_SHARING_OPT_IN, Requester.PARENT_OR_GUARDIAN,
                        "opt-in-1"));
        // an opt-in the child gave before the grant refused it does not count for a provision
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, twelve),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.SALE_SHARING_OPT_IN, Requester.SUBJECT, "opt-in-0"))
                .when(provision("p-1", AD_PARTNER, true, true))
                .expectNoEvents()
                .expectExceptionMessage("The subject is under 16 and did not opt in (under 13: a parent did not) to sale or sharing.");
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, twelve),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.SALE_SHARING_OPT_IN, Requester.PARENT_OR_GUARDIAN, "opt-in-0"))
                .when(provision("p-1", AD_PARTNER, true, true))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void onlyAParentGivesAParentalConsent() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, TODAY.minusYears(15)))
                .when(new GrantConsentCommand(SUBJECT, ConsentType.PARENTAL, Requester.SUBJECT, "form-2"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aChildWithParentalConsentIsRegisteredAndTheConsentRecorded() {
        fixture.givenCurrentTime(NOW)
                .when(registerBornOn(LocalDate.of(2016, 1, 1), "consent-form-17"))
                .expectEvents(bornOn(Jurisdiction.US_CA, LocalDate.of(2016, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.PARENTAL, Requester.PARENT_OR_GUARDIAN, "consent-form-17"));
    }

    @Test
    @DisplayName("RULES.md rule 8: a child found under 13 without parental consent is deactivated and shredded")
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
    @DisplayName("RULES.md rule 6: after an opt-out (or Sec-GPC: 1) no provision for sale or sharing")
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
    @DisplayName("RULES.md rule 7: under 16, a provision for sale or sharing without an opt-in is refused")
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
                        true, true, TODAY, TODAY.plusYears(1), "contract-1"));
    }

    @Test
    @DisplayName("RULES.md rule 16: a JP subject's data goes to a foreign third party only with consent")
    void aJapaneseSubjectsDataGoesAbroadOnlyWithConsentOrToAnEquivalentSystem() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(provision("p-1", AD_PARTNER, false, false))
                .expectNoEvents()
                .expectException(RefusedException.class);
        ThirdParty equivalent = new ThirdParty("EU Cloud GmbH", null, "DE", RecipientCategory.SERVICE_PROVIDER, true);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(provision("p-2", equivalent, false, false))
                .expectEvents(new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-2", equivalent, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                        false, true, TODAY, TODAY.plusYears(3), null));
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.FOREIGN_THIRD_PARTY_PROVISION, Requester.SUBJECT, "c-1"))
                .when(provision("p-3", AD_PARTNER, false, false))
                .expectSuccessfulHandlerExecution();
        ThirdParty domestic = new ThirdParty("Tokyo Mail KK", null, "JP", RecipientCategory.SERVICE_PROVIDER, false);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(provision("p-4", domestic, false, true))
                .expectEvents(new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-4", domestic, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                        false, false, TODAY, TODAY.plusYears(1), "contract-1"));
    }

    @Test
    @DisplayName("RULES.md rule 19: a contract record is kept one year from the last provision under its contract")
    void aLaterProvisionUnderTheSameContractKeepsTheEarlierRecordsLonger() {
        ThirdParty domestic = new ThirdParty("Tokyo Mail KK", null, "JP", RecipientCategory.SERVICE_PROVIDER, false);
        LocalDate march = LocalDate.of(2026, 3, 2);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)),
                        new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-1", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                                false, false, march, march.plusYears(1), "contract-1"),
                        new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-2", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                                false, false, march.plusDays(1), march.plusDays(1).plusYears(1), "contract-1"),
                        new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-other", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                                false, false, march, march.plusYears(1), "contract-2"))
                .when(provision("p-3", domestic, false, true))
                .expectEvents(new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-3", domestic, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                                false, false, TODAY, TODAY.plusYears(1), "contract-1"),
                        new ProvisionRecordsKeptLongerEvent(SUBJECT, "contract-1", List.of("p-1", "p-2"), TODAY.plusYears(1)));
        // a back-dated record under the contract is kept as long as the last one, and moves nothing
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)),
                        new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-1", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                                false, false, TODAY, TODAY.plusYears(1), "contract-1"))
                .when(new RecordThirdPartyProvisionCommand(SUBJECT, "p-0", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                        false, true, march, "contract-1"))
                .expectEvents(new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-0", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                        false, false, march, TODAY.plusYears(1), "contract-1"));
    }

    @Test
    void aContractRecordNamesItsContract() {
        ThirdParty domestic = new ThirdParty("Tokyo Mail KK", null, "JP", RecipientCategory.SERVICE_PROVIDER, false);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)))
                .when(new RecordThirdPartyProvisionCommand(SUBJECT, "p-1", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                        false, true, TODAY, null))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    @DisplayName("CCPA 1798.121: a limit request takes effect when recorded; sensitive data then only under an exception")
    void aLimitOnSensitiveUseIsFulfilledAtOnceAndRefusesConsentBasedSensitiveData() {
        RequestId limit = RequestId.of("0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a");
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, LocalDate.of(1990, 1, 1)))
                .when(new SubmitPrivacyRequestCommand(SUBJECT, limit, RequestType.LIMIT_SENSITIVE_USE, Requester.SUBJECT,
                        RequestChannel.WEB_FORM, null))
                .expectEvents(new PrivacyRequestSubmittedEvent(SUBJECT, limit, Jurisdiction.US_CA,
                                RequestType.LIMIT_SENSITIVE_USE, Requester.SUBJECT, RequestChannel.WEB_FORM, NOW, false,
                                // received 24 November in Los Angeles: 15 business days, Thanksgiving not counted
                                LocalDate.of(2026, 12, 16), ResponseRule.endOf(LocalDate.of(2026, 12, 16),
                                Jurisdiction.US_CA.zone()), null, null, false),
                        new RequestFulfilledEvent(SUBJECT, limit, RequestType.LIMIT_SENSITIVE_USE, "limit-recorded", null));
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, LocalDate.of(1990, 1, 1)),
                        new ConsentGrantedEvent(SUBJECT, ConsentType.SENSITIVE_PERSONAL_INFORMATION, Requester.SUBJECT, "c-2"),
                        submittedAndFulfilled(Jurisdiction.US_CA, RequestType.LIMIT_SENSITIVE_USE)[0],
                        submittedAndFulfilled(Jurisdiction.US_CA, RequestType.LIMIT_SENSITIVE_USE)[1])
                .when(sensitive(null))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.US_CA, LocalDate.of(1990, 1, 1)),
                        submittedAndFulfilled(Jurisdiction.US_CA, RequestType.LIMIT_SENSITIVE_USE)[0],
                        submittedAndFulfilled(Jurisdiction.US_CA, RequestType.LIMIT_SENSITIVE_USE)[1])
                .when(sensitive(SensitiveDataException.REQUIRED_BY_LAW))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("GDPR Art. 18 / PDPA Art. 11: a fulfilled restriction stops provisions but to an authority")
    void aFulfilledRestrictionStopsProvisions() {
        ThirdParty authority = new ThirdParty("Tax Office", null, "DE", RecipientCategory.LEGAL_AUTHORITY, true);
        ThirdParty processor = new ThirdParty("EU Cloud GmbH", null, "DE", RecipientCategory.SERVICE_PROVIDER, true);
        for (var restriction : List.of(submittedAndFulfilled(Jurisdiction.EU, RequestType.RESTRICTION),
                submittedAndFulfilled(Jurisdiction.TW, RequestType.CESSATION_OF_PROCESSING))) {
            Jurisdiction jurisdiction = ((PrivacyRequestSubmittedEvent) restriction[0]).jurisdiction();
            fixture.givenCurrentTime(NOW).andGiven(bornOn(jurisdiction, LocalDate.of(1990, 1, 1)), restriction[0], restriction[1])
                    .when(provision("p-1", processor, false, false))
                    .expectNoEvents()
                    .expectExceptionMessage(SubjectRefusals.processingRestricted().getMessage());
            fixture.givenCurrentTime(NOW).andGiven(bornOn(jurisdiction, LocalDate.of(1990, 1, 1)), restriction[0], restriction[1])
                    .when(provision("p-1", authority, false, false))
                    .expectSuccessfulHandlerExecution();
        }
        // submitted but not fulfilled: no effect yet
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.EU, LocalDate.of(1990, 1, 1)),
                        submittedAndFulfilled(Jurisdiction.EU, RequestType.RESTRICTION)[0])
                .when(provision("p-1", processor, false, false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("APPI Art. 35(3): a fulfilled cessation of provision stops provision to third parties, not entrustment")
    void aFulfilledCessationOfProvisionStopsThirdPartiesButNotServiceProviders() {
        ThirdParty affiliate = new ThirdParty("Group KK", null, "JP", RecipientCategory.CORPORATE_AFFILIATE, false);
        ThirdParty processor = new ThirdParty("Tokyo Mail KK", null, "JP", RecipientCategory.SERVICE_PROVIDER, false);
        Object[] cessation = submittedAndFulfilled(Jurisdiction.JP, RequestType.CESSATION_OF_PROVISION);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)), cessation[0], cessation[1])
                .when(provision("p-1", affiliate, false, false))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)), cessation[0], cessation[1])
                .when(provision("p-1", processor, false, false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("GDPR Art. 21(3): after a fulfilled objection, no sale, sharing or advertising provision")
    void aFulfilledObjectionStopsSaleSharingAndAdvertising() {
        Object[] objection = submittedAndFulfilled(Jurisdiction.EU, RequestType.OBJECTION);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.EU, LocalDate.of(1990, 1, 1)), objection[0], objection[1])
                .when(provision("p-1", AD_PARTNER, false, false))
                .expectNoEvents()
                .expectExceptionMessage(SubjectRefusals.objectedTo().getMessage());
        ThirdParty processor = new ThirdParty("EU Cloud GmbH", null, "DE", RecipientCategory.SERVICE_PROVIDER, true);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.EU, LocalDate.of(1990, 1, 1)), objection[0], objection[1])
                .when(provision("p-1", processor, false, false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aProvisionRecordIdIsUsedOnce() {
        ThirdParty domestic = new ThirdParty("Tokyo Mail KK", null, "JP", RecipientCategory.SERVICE_PROVIDER, false);
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1990, 1, 1)),
                        new ThirdPartyProvisionRecordedEvent(SUBJECT, "p-4", domestic, Set.of(DataCategory.A_IDENTIFIERS),
                                false, false, TODAY, TODAY.plusYears(1), "contract-1"))
                .when(provision("p-4", domestic, false, true))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    @DisplayName("RULES.md rule 17: sensitive information without prior consent or an exception is refused")
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

    /** A request of the type, submitted and fulfilled. */
    @Test
    void aReceiptRecordsKeyIsShreddedWhenItsKeepingPeriodEnds() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1980, 1, 1)), receipt("r-1"))
                .when(new ShredReceiptRecordCommand(SUBJECT, "r-1", "saga:retention"))
                .expectEvents(new ReceiptRecordShreddedEvent(SUBJECT, "r-1", "saga:retention"));
        assertThat(keys.shredded).containsExactly(UsagePeriods.recordHolder(SUBJECT.toString(), "r-1") + "/PROFILE");
    }

    @Test
    void aReceiptRecordOutlivesAnErasureOfTheProfileAndIsShreddedOnlyOnce() {
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1980, 1, 1)), receipt("r-1"),
                        shredded(RetentionClass.PROFILE, "request-1"),
                        new ReceiptRecordShreddedEvent(SUBJECT, "r-1", "saga:retention"))
                .when(new ShredReceiptRecordCommand(SUBJECT, "r-1", "saga:retention"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aHoldOnTheProfileKeepsAReceiptRecordPastItsPeriodUntilItIsReleased() {
        ShreddingWithheldEvent withheld = new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.PROFILE),
                List.of("hold-1"), ShreddingReason.RETENTION_EXPIRED, "saga:retention", null, "r-1");
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1980, 1, 1)), receipt("r-1"),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.PROFILE), "case-1"))
                .when(new ShredReceiptRecordCommand(SUBJECT, "r-1", "saga:retention"))
                .expectEvents(withheld);
        assertThat(keys.shredded).isEmpty();
        fixture.givenCurrentTime(NOW).andGiven(bornOn(Jurisdiction.JP, LocalDate.of(1980, 1, 1)), receipt("r-1"),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.PROFILE), "case-1"), withheld)
                .when(new ReleaseLegalHoldCommand(SUBJECT, "hold-1"))
                .expectEvents(new LegalHoldReleasedEvent(SUBJECT, "hold-1"),
                        new ReceiptRecordShreddedEvent(SUBJECT, "r-1", "saga:retention"));
    }

    private static ReceiptConfirmationRecordedEvent receipt(String id) {
        return new ReceiptConfirmationRecordedEvent(SUBJECT, id, AD_PARTNER, "bought from a list broker in 2025",
                Set.of(DataCategory.A_IDENTIFIERS), TODAY, TODAY.plusYears(3), null);
    }

    private static Object[] submittedAndFulfilled(Jurisdiction jurisdiction, RequestType type) {
        RequestId request = RequestId.of("5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c");
        LocalDate due = TODAY.plusDays(30);
        return new Object[] {
                new PrivacyRequestSubmittedEvent(SUBJECT, request, jurisdiction, type, Requester.SUBJECT,
                        RequestChannel.WEB_FORM, NOW, false, due, ResponseRule.endOf(due, jurisdiction.zone()), null, null,
                        false),
                new RequestFulfilledEvent(SUBJECT, request, type, "response-1", null)};
    }

    private static RecordSensitiveInformationCommand sensitive(SensitiveDataException exception) {
        return new RecordSensitiveInformationCommand(SUBJECT, "s-1", SensitiveCategory.HEALTH, "health check 2026: fit", exception);
    }

    private static RecordThirdPartyProvisionCommand provision(String id, ThirdParty recipient, boolean saleOrSharing,
                                                              boolean contract) {
        return new RecordThirdPartyProvisionCommand(SUBJECT, id, recipient, Set.of(DataCategory.D_NETWORK_ACTIVITY),
                saleOrSharing, contract, TODAY, contract ? "contract-1" : null);
    }

    private static PersonalDataShreddedEvent shredded(RetentionClass retentionClass, String reference) {
        return new PersonalDataShreddedEvent(SUBJECT, retentionClass, ShreddingReason.UNDERAGE_WITHOUT_PARENTAL_CONSENT, reference);
    }

    private static RegisterAccountCommand registerBornOn(LocalDate dateOfBirth, String parentalConsent) {
        return new RegisterAccountCommand(SUBJECT, Jurisdiction.US_CA, "Sam Doe", dateOfBirth, null, "sam@example.com",
                null, null, parentalConsent);
    }

    private static RegisterAccountCommand register(Jurisdiction jurisdiction, LocalDate dateOfBirth, String parentalConsent,
                                                   String memberState) {
        return new RegisterAccountCommand(SUBJECT, jurisdiction, "Sam Doe", dateOfBirth, null, "sam@example.com",
                null, null, parentalConsent, memberState);
    }

    private static AccountRegisteredEvent bornOn(Jurisdiction jurisdiction, LocalDate dateOfBirth) {
        return new AccountRegisteredEvent(SUBJECT, jurisdiction, "Sam Doe", dateOfBirth, null, "sam@example.com", null, null);
    }
}
