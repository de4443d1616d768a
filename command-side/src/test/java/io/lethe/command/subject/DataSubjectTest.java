package io.lethe.command.subject;

import io.lethe.core.crypto.DataKeys;
import io.lethe.core.jurisdiction.Jurisdiction;
import io.lethe.core.personaldata.RetentionClass;
import io.lethe.core.subject.LegalHoldPlacedEvent;
import io.lethe.core.subject.LegalHoldReleasedEvent;
import io.lethe.core.subject.PersonalDataShreddedEvent;
import io.lethe.core.subject.PlaceLegalHoldCommand;
import io.lethe.core.subject.RecordRetentionExceptionCommand;
import io.lethe.core.subject.RecordLostShreddingCommand;
import io.lethe.core.subject.ReleaseLegalHoldCommand;
import io.lethe.core.subject.RetentionExceptionGround;
import io.lethe.core.subject.RetentionExceptionRecordedEvent;
import io.lethe.core.subject.ShreddingOutcome;
import io.lethe.core.subject.ShreddingWithheldEvent;
import io.lethe.core.subject.ShredPersonalDataCommand;
import io.lethe.core.subject.ShreddingReason;
import io.lethe.core.refusal.RefusedException;
import io.lethe.core.subject.AccountRegisteredEvent;
import io.lethe.core.subject.AccountTerminatedEvent;
import io.lethe.core.subject.CardHint;
import io.lethe.core.subject.LinkSocialLoginCommand;
import io.lethe.core.subject.Money;
import io.lethe.core.subject.PurchaseId;
import io.lethe.core.subject.PurchaseRecordedEvent;
import io.lethe.core.subject.RecordPurchaseCommand;
import io.lethe.core.subject.RegisterAccountCommand;
import io.lethe.core.subject.Requester;
import io.lethe.core.subject.SocialLoginLinkedEvent;
import io.lethe.core.subject.SubjectId;
import io.lethe.core.subject.TerminateAccountCommand;
import io.lethe.core.subject.TerminationReason;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The account lifecycle decisions, with commands validated by the same interceptor the platform uses. */
class DataSubjectTest {

    private static final SubjectId SUBJECT = SubjectId.of("0b6f3f5e-8d0e-4d5b-9a7e-2f1c3b4a5d6e");
    private static final PurchaseId ORDER = PurchaseId.of("5a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c4d");

    private FixtureConfiguration<DataSubject> fixture;

    @BeforeEach
    void setUp() {
        fixture = Fixtures.dataSubject(keys);
    }

    /** Records which keys the aggregate destroys; the real vault is tested against PostgreSQL. */
    private final RecordingKeys keys = new RecordingKeys();

    static final class RecordingKeys implements DataKeys {
        final List<String> shredded = new ArrayList<>();
        final List<String> created = new ArrayList<>();
        final List<String> begun = new ArrayList<>();

        @Override
        public void createKeys(String holder) {
            begun.add(holder);
        }

        @Override
        public javax.crypto.SecretKey keyForEncryption(String subject, RetentionClass retentionClass) {
            // the aggregate never encrypts; it makes a usage period's key when it opens the period
            created.add(subject + "/" + retentionClass);
            return new javax.crypto.spec.SecretKeySpec(new byte[32], "AES");
        }

        @Override
        public Optional<javax.crypto.SecretKey> keyForDecryption(String subject, RetentionClass retentionClass) {
            throw new UnsupportedOperationException("the aggregate never decrypts");
        }

        @Override
        public void preload(Collection<String> subjects) {
        }

        @Override
        public boolean shred(String subject, RetentionClass retentionClass) {
            shredded.add(subject + "/" + retentionClass);
            return true;
        }
    }

    @Test
    void shreddingDestroysTheKeyOfEachClassAndRecordsItAsAnEvent() {
        fixture.given(registered())
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.FINANCIAL, RetentionClass.PROFILE),
                        ShreddingReason.ERASURE_REQUEST, "request-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE, ShreddingReason.ERASURE_REQUEST, "request-1"),
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.FINANCIAL, ShreddingReason.ERASURE_REQUEST, "request-1"));
        assertThat(keys.shredded).containsExactly(SUBJECT + "/PROFILE", SUBJECT + "/FINANCIAL");
    }

    @Test
    @DisplayName("RULES.md rule 12: a legal hold keeps its classes and is reported")
    void aLegalHoldWithholdsTheShreddingOfItsClassesAndReportsIt() {
        fixture.given(registered(), new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-2026-9"))
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.PROFILE, RetentionClass.FINANCIAL),
                        ShreddingReason.ERASURE_REQUEST, "request-1"))
                .expectEvents(
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE, ShreddingReason.ERASURE_REQUEST, "request-1"),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.FINANCIAL), List.of("hold-1"),
                                ShreddingReason.ERASURE_REQUEST, "request-1"));
        assertThat(keys.shredded).containsExactly(SUBJECT + "/PROFILE");
    }

    @Test
    void aReleasedHoldNoLongerWithholdsAnything() {
        fixture.given(registered(), new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-2026-9"),
                        new LegalHoldReleasedEvent(SUBJECT, "hold-1"))
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.FINANCIAL), ShreddingReason.RETENTION_EXPIRED, "saga-1"))
                .expectEvents(new PersonalDataShreddedEvent(SUBJECT, RetentionClass.FINANCIAL, ShreddingReason.RETENTION_EXPIRED, "saga-1"));
    }

    @Test
    void aShreddingPartlyWithheldSaysWhatWasDestroyedAndWhatAHoldKeeps() {
        fixture.given(registered(), new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-2026-9"),
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.USAGE, ShreddingReason.RETENTION_EXPIRED, "saga-1"))
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.PROFILE, RetentionClass.FINANCIAL,
                        RetentionClass.USAGE), ShreddingReason.ERASURE_REQUEST, "request-1"))
                .expectResultMessagePayload(new ShreddingOutcome(Set.of(RetentionClass.PROFILE), Set.of(RetentionClass.USAGE),
                        Set.of(RetentionClass.FINANCIAL), List.of("hold-1")));
    }

    @Test
    @DisplayName("RULES.md rule 12: releasing the hold lets the staff shredding it kept back through, on its ground")
    void releasingTheHoldShredsWhatAStaffShreddingWithheld() {
        fixture.given(registered(), new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-2026-9"),
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE, ShreddingReason.ERASURE_REQUEST, "request-1"),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.FINANCIAL), List.of("hold-1"),
                                ShreddingReason.ERASURE_REQUEST, "request-1"))
                .when(new ReleaseLegalHoldCommand(SUBJECT, "hold-1"))
                .expectEvents(new LegalHoldReleasedEvent(SUBJECT, "hold-1"),
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.FINANCIAL, ShreddingReason.ERASURE_REQUEST, "request-1"));
        assertThat(keys.shredded).containsExactly(SUBJECT + "/FINANCIAL");
    }

    @Test
    void aWithheldShreddingWaitsForTheLastHoldOnItsClass() {
        fixture.given(registered(), new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-1"),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-2", Set.of(RetentionClass.FINANCIAL, RetentionClass.PROFILE), "case-2"),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.FINANCIAL, RetentionClass.PROFILE),
                                List.of("hold-1", "hold-2"), ShreddingReason.ERASURE_REQUEST, "request-1"))
                .when(new ReleaseLegalHoldCommand(SUBJECT, "hold-1"))
                .expectEvents(new LegalHoldReleasedEvent(SUBJECT, "hold-1"));
        assertThat(keys.shredded).isEmpty();
    }

    @Test
    void aRetentionShreddingStaysKeptWhileATaiwanExceptionCoversTheClassWhenTheHoldIsReleased() {
        LocalDate reviewBy = LocalDate.now().plusYears(1);
        fixture.given(registeredIn(Jurisdiction.TW), terminated(),
                        new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL, RetentionClass.PROFILE), "case-1"),
                        new ShreddingWithheldEvent(SUBJECT, EnumSet.of(RetentionClass.FINANCIAL, RetentionClass.PROFILE),
                                List.of("hold-1"), ShreddingReason.TERMINATION_DELETION, "saga:retention"),
                        new RetentionExceptionRecordedEvent(SUBJECT, Set.of(RetentionClass.FINANCIAL),
                                RetentionExceptionGround.SPECIAL_PROVISION_OF_LAW, "tax-act-art-11", reviewBy))
                .when(new ReleaseLegalHoldCommand(SUBJECT, "hold-1"))
                .expectEvents(new LegalHoldReleasedEvent(SUBJECT, "hold-1"),
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE, ShreddingReason.TERMINATION_DELETION,
                                "saga:retention"));
        assertThat(keys.shredded).containsExactly(SUBJECT + "/PROFILE");
    }

    @Test
    void aShreddingWhoseEventWasLostIsRecordedOnceWhateverHoldsCameSinceAndNoKeyIsTouched() {
        fixture.given(registered(), new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.PROFILE), "case-1"))
                .when(new RecordLostShreddingCommand(SUBJECT, RetentionClass.PROFILE, null, null,
                        ShreddingReason.ERASURE_REQUEST, "request-1"))
                .expectEvents(new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE, ShreddingReason.ERASURE_REQUEST, "request-1"));
        assertThat(keys.shredded).isEmpty();
        fixture.given(registered(),
                        new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE, ShreddingReason.ERASURE_REQUEST, "request-1"))
                .when(new RecordLostShreddingCommand(SUBJECT, RetentionClass.PROFILE, null, null,
                        ShreddingReason.ERASURE_REQUEST, "request-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameHoldCannotBePlacedTwiceNorAnUnknownOneReleased() {
        fixture.given(registered(), new LegalHoldPlacedEvent(SUBJECT, "hold-1", Set.of(RetentionClass.FINANCIAL), "case-2026-9"))
                .when(new PlaceLegalHoldCommand(SUBJECT, "hold-1", Set.of(RetentionClass.PROFILE), "case-2026-10"))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.given(registered())
                .when(new ReleaseLegalHoldCommand(SUBJECT, "hold-9"))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aRetentionExceptionIsRecordedForATerminatedTaiwanAccount() {
        LocalDate reviewBy = LocalDate.now().plusYears(1);
        fixture.given(registeredIn(Jurisdiction.TW), terminated())
                .when(new RecordRetentionExceptionCommand(SUBJECT, Set.of(RetentionClass.FINANCIAL),
                        RetentionExceptionGround.SPECIAL_PROVISION_OF_LAW, "tax-act-art-11", reviewBy))
                .expectEvents(new RetentionExceptionRecordedEvent(SUBJECT, Set.of(RetentionClass.FINANCIAL),
                        RetentionExceptionGround.SPECIAL_PROVISION_OF_LAW, "tax-act-art-11", reviewBy));
    }

    @Test
    void aRetentionExceptionIsRefusedOutsideTaiwanOrBeforeTermination() {
        LocalDate reviewBy = LocalDate.now().plusYears(1);
        fixture.given(registered(), terminated())
                .when(new RecordRetentionExceptionCommand(SUBJECT, Set.of(RetentionClass.FINANCIAL),
                        RetentionExceptionGround.BUSINESS_NECESSITY, "memo-7", reviewBy))
                .expectNoEvents()
                .expectException(RefusedException.class);
        fixture.given(registeredIn(Jurisdiction.TW))
                .when(new RecordRetentionExceptionCommand(SUBJECT, Set.of(RetentionClass.FINANCIAL),
                        RetentionExceptionGround.BUSINESS_NECESSITY, "memo-7", reviewBy))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void shreddingAClassAgainChangesNothing() {
        fixture.given(registered(), new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE,
                        ShreddingReason.ERASURE_REQUEST, "request-1"))
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.PROFILE), ShreddingReason.ERASURE_REQUEST, "request-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(keys.shredded).isEmpty();
    }

    @Test
    void shreddingAnUnknownSubjectIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.PROFILE), ShreddingReason.ERASURE_REQUEST, "request-1"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
        assertThat(keys.shredded).isEmpty();
    }

    @Test
    void shreddingWithAFreeTextReferenceIsRefused() {
        fixture.given(registered())
                .when(new ShredPersonalDataCommand(SUBJECT, Set.of(RetentionClass.PROFILE), ShreddingReason.ERASURE_REQUEST,
                        "asked by Hanako on the phone"))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void aLoginCannotBeLinkedOnceTheProfileWasShredded() {
        fixture.given(registered(), new PersonalDataShreddedEvent(SUBJECT, RetentionClass.PROFILE,
                        ShreddingReason.ERASURE_REQUEST, "request-1"))
                .when(new LinkSocialLoginCommand(SUBJECT, "google", "g-1", "hanako", null, null))
                .expectNoEvents()
                .expectException(RefusedException.class)
                .expectExceptionMessage("The subject's PROFILE data was erased; no new data of that kind can be recorded.");
    }

    @Test
    void aPurchaseCannotBeRecordedOnceTheFinancialDataWasShredded() {
        fixture.given(registered(), new PersonalDataShreddedEvent(SUBJECT, RetentionClass.FINANCIAL,
                        ShreddingReason.RETENTION_EXPIRED, "saga-retention-1"))
                .when(purchase("Ticket", new CardHint("12/29", "4242")))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void registeringAnAccountRecordsTheProvidedData() {
        fixture.givenNoPriorActivity()
                .when(register("hanako@example.jp", LocalDate.of(1990, 4, 1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    /**
     * A registration begins the stream without reading it: a second one is refused by the store, whose
     * sequence already has the first event (the fixture's store says so as the JDBC store and Axon Server
     * do in their own words), and its caller is told the subject is registered (RetriesEndToEndTest).
     */
    @Test
    void registeringTheSameSubjectTwiceIsRefusedByTheStore() {
        fixture.given(registered())
                .when(register("hanako@example.jp", LocalDate.of(1990, 4, 1)))
                .expectNoEvents()
                .expectException(org.axonframework.eventsourcing.eventstore.EventStoreException.class);
    }

    @Test
    void aRegistrationMakesTheSubjectsKeysOnceNothingCanRefuseIt() {
        fixture.givenNoPriorActivity()
                .when(register("hanako@example.jp", LocalDate.of(1990, 4, 1)))
                .expectSuccessfulHandlerExecution();
        assertThat(keys.begun).containsExactly(SUBJECT.toString());
        keys.begun.clear();
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand(SUBJECT, Jurisdiction.US_CA, "Young Subject", LocalDate.now().minusYears(9),
                        null, "young@example.com", null, null))
                .expectException(RefusedException.class);
        assertThat(keys.begun).as("a refused registration makes no keys").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-an-email", "hanako@localhost", "hanako@@example.jp", " "})
    void registrationWithAnInvalidEmailIsRefused(String email) {
        fixture.givenNoPriorActivity()
                .when(register(email, LocalDate.of(1990, 4, 1)))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void registrationWithABirthDateInTheFutureIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("hanako@example.jp", LocalDate.now().plusDays(1)))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void registrationWithAnImplausibleBirthDateIsRefused() {
        fixture.givenNoPriorActivity()
                .when(register("hanako@example.jp", LocalDate.of(1899, 12, 31)))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void registrationWithoutAJurisdictionIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand(SUBJECT, null, "Hanako Yamada", LocalDate.of(1990, 4, 1),
                        null, "hanako@example.jp", null, null))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void registrationWithACardNumberInTheAddressIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAccountCommand(SUBJECT, Jurisdiction.JP, "Hanako Yamada", LocalDate.of(1990, 4, 1),
                        "4111-1111-1111-1111", "hanako@example.jp", null, null))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void linkingASocialLoginRecordsWhatTheProviderShares() {
        fixture.given(registered())
                .when(new LinkSocialLoginCommand(SUBJECT, "google", "108234", "hanako.y", "hanako@gmail.com", null))
                .expectEvents(new SocialLoginLinkedEvent(SUBJECT, "google", "108234", "hanako.y", "hanako@gmail.com", null));
    }

    @Test
    void linkingASocialLoginToAnUnknownSubjectIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new LinkSocialLoginCommand(SUBJECT, "google", "108234", "hanako.y", null, null))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void linkingASocialLoginToATerminatedAccountIsRefused() {
        fixture.given(registered(), terminated())
                .when(new LinkSocialLoginCommand(SUBJECT, "google", "108234", "hanako.y", null, null))
                .expectNoEvents()
                .expectException(RefusedException.class)
                .expectExceptionMessage("The account is terminated; it accepts no new logins, purchases or changes.");
    }

    @Test
    void linkingASecondLoginOfTheSameProviderIsRefused() {
        fixture.given(registered(), new SocialLoginLinkedEvent(SUBJECT, "google", "108234", "hanako.y", null, null))
                .when(new LinkSocialLoginCommand(SUBJECT, "google", "999", "other", null, null))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    @DisplayName("An account links at most 16 login providers; the 17th is refused and nothing is recorded")
    void anAccountLinksAtMostSixteenProviders() {
        List<Object> linked = new java.util.ArrayList<>(List.of(registered()));
        for (int provider = 0; provider < LinkSocialLoginCommand.MAX_LINKED; provider++) {
            linked.add(new SocialLoginLinkedEvent(SUBJECT, "provider" + provider, "id-" + provider, null, null, null));
        }
        fixture.given(linked)
                .when(new LinkSocialLoginCommand(SUBJECT, "onemore", "id-x", null, null, null))
                .expectNoEvents()
                .expectExceptionMessage("The account already links 16 login providers, the most it links.");
        fixture.given(linked.subList(0, linked.size() - 1))
                .when(new LinkSocialLoginCommand(SUBJECT, "onemore", "id-x", null, null, null))
                .expectEvents(new SocialLoginLinkedEvent(SUBJECT, "onemore", "id-x", null, null, null));
    }

    @Test
    @DisplayName("A subject carries at most 32 legal holds at once; releasing one makes room")
    void aSubjectCarriesAtMostThirtyTwoHoldsAtOnce() {
        List<Object> held = new java.util.ArrayList<>(List.of(registered()));
        for (int hold = 0; hold < PlaceLegalHoldCommand.MAX_HOLDS_AT_ONCE; hold++) {
            held.add(new LegalHoldPlacedEvent(SUBJECT, "hold-" + hold, Set.of(RetentionClass.FINANCIAL), "case-" + hold));
        }
        fixture.given(held)
                .when(new PlaceLegalHoldCommand(SUBJECT, "hold-x", Set.of(RetentionClass.PROFILE), "case-x"))
                .expectNoEvents()
                .expectExceptionMessage("The subject already carries 32 legal holds, the most at once; release one before placing another.");
        held.add(new LegalHoldReleasedEvent(SUBJECT, "hold-0"));
        fixture.given(held)
                .when(new PlaceLegalHoldCommand(SUBJECT, "hold-x", Set.of(RetentionClass.PROFILE), "case-x"))
                .expectEvents(new LegalHoldPlacedEvent(SUBJECT, "hold-x", Set.of(RetentionClass.PROFILE), "case-x"));
    }

    @Test
    void purchaseWithExpiryAndLastFourDigitsIsRecorded() {
        fixture.given(registered())
                .when(purchase("Premium world pass", new CardHint("12/29", "4242")))
                .expectEvents(new PurchaseRecordedEvent(SUBJECT, ORDER, "Premium world pass", new Money("JPY", 1200),
                        new CardHint("12/29", "4242")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "378282246310005",
            "6011000990139424", "123456789012", "4000056655665556123"})
    void purchaseWithAFullCardNumberIsRefused(String cardNumber) {
        fixture.given(registered())
                .when(purchase("Premium world pass", new CardHint("12/29", cardNumber)))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void purchaseWithACardNumberInTheItemTextIsRefused() {
        fixture.given(registered())
                .when(purchase("pass, paid with 4242 4242 4242 4242", new CardHint("12/29", "4242")))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void purchaseWithAMalformedExpiryIsRefused() {
        fixture.given(registered())
                .when(purchase("Premium world pass", new CardHint("13/29", "4242")))
                .expectNoEvents()
                .expectException(JSR303ViolationException.class);
    }

    @Test
    void purchaseOnAnUnknownAccountIsRefused() {
        fixture.givenNoPriorActivity()
                .when(purchase("Premium world pass", new CardHint("12/29", "4242")))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void purchaseOnATerminatedAccountIsRefused() {
        fixture.given(registered(), terminated())
                .when(purchase("Premium world pass", new CardHint("12/29", "4242")))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void recordingTheSamePurchaseTwiceIsRefused() {
        fixture.given(registered(), new PurchaseRecordedEvent(SUBJECT, ORDER, "Premium world pass",
                        new Money("JPY", 1200), new CardHint("12/29", "4242")))
                .when(purchase("Premium world pass", new CardHint("12/29", "4242")))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void terminatingAnActiveAccountRecordsTheReason() {
        fixture.given(registered())
                .when(new TerminateAccountCommand(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .expectEvents(terminated());
    }

    @Test
    void terminatingATerminatedAccountIsRefused() {
        fixture.given(registered(), terminated())
                .when(new TerminateAccountCommand(SUBJECT, TerminationReason.SUBJECT_REQUEST))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    @Test
    void aggregateStateHoldsNoPersonalData() {
        // the aggregate's fields are what its decisions need; any personal value would show up here
        // the exceptions are the birth date and the EU member state, which the rules for children and
        // minors decide on (ChildRules); the withheld shreddings hold classes, grounds, references and
        // certificates, none of them personal
        assertThat(java.util.Arrays.stream(DataSubject.class.getDeclaredFields())
                .filter(field -> !java.lang.reflect.Modifier.isStatic(field.getModifiers())))
                .extracting(field -> field.getType().getSimpleName())
                .containsOnly("SubjectId", "SubjectStatus", "Jurisdiction", "Set", "Map", "boolean", "LocalDate", "String",
                        "WithheldShreddings");
        assertThat(java.util.Arrays.stream(WithheldShreddings.class.getDeclaredFields())
                .filter(field -> !java.lang.reflect.Modifier.isStatic(field.getModifiers())))
                .extracting(java.lang.reflect.Field::getType).containsOnly((Class) Map.class);
        assertThat(java.util.Arrays.stream(DataSubject.class.getDeclaredFields())
                .filter(field -> !java.lang.reflect.Modifier.isStatic(field.getModifiers()))
                .filter(field -> field.getType() == LocalDate.class || field.getType() == String.class))
                .extracting(java.lang.reflect.Field::getName)
                // adoptedFrom: the fingerprint of the account an import adopted, sealed with the profile
                .containsExactlyInAnyOrder("dateOfBirth", "memberState", "adoptedFrom");
    }

    @Test
    @DisplayName("An adopted account is registered with its parts, each event dated by when it happened")
    void anAdoptedAccountIsRegisteredWithItsPartsEachDated() {
        java.time.Instant registeredAt = java.time.Instant.parse("2021-03-14T00:00:00Z");
        java.time.Instant boughtAt = java.time.Instant.parse("2025-05-02T00:00:00Z");
        RecordPurchaseCommand purchase = new RecordPurchaseCommand(SUBJECT, ORDER, "Annual plan", new Money("JPY", 9800),
                new CardHint("08/29", "4242"));
        fixture.givenNoPriorActivity()
                .when(adopt(registeredAt, List.of(new io.lethe.core.subject.AdoptAccountCommand.DatedPurchase(purchase, boughtAt)),
                        List.of()))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(io.lethe.core.subject.AdoptAccountCommand.Outcome.ADOPTED)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        dated(AccountRegisteredEvent.class, registeredAt),
                        dated(io.lethe.core.subject.AccountAdoptedEvent.class, registeredAt),
                        dated(PurchaseRecordedEvent.class, boughtAt),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    @Test
    @DisplayName("Adopting again adds only what is missing, never a consent withdrawn since, and only to the same account")
    void adoptingAgainAddsOnlyWhatIsMissing() {
        java.time.Instant at = java.time.Instant.parse("2022-01-01T00:00:00Z");
        var consent = new io.lethe.core.subject.AdoptAccountCommand.DatedConsent(new io.lethe.core.consent.GrantConsentCommand(
                SUBJECT, io.lethe.core.consent.ConsentType.FOREIGN_THIRD_PARTY_PROVISION, Requester.SUBJECT, null), at);
        var purchase = new io.lethe.core.subject.AdoptAccountCommand.DatedPurchase(new RecordPurchaseCommand(SUBJECT, ORDER,
                "Plan", new Money("JPY", 100), new CardHint("08/29", "4242")), at);
        fixture.given(registered(), new io.lethe.core.subject.AccountAdoptedEvent(SUBJECT, ORIGIN),
                        new io.lethe.core.consent.ConsentGrantedEvent(SUBJECT, io.lethe.core.consent.ConsentType.FOREIGN_THIRD_PARTY_PROVISION,
                                Requester.SUBJECT, null),
                        new io.lethe.core.consent.ConsentWithdrawnEvent(SUBJECT, io.lethe.core.consent.ConsentType.FOREIGN_THIRD_PARTY_PROVISION))
                .when(adopt(at, List.of(purchase), List.of(consent)))
                .expectResultMessagePayload(io.lethe.core.subject.AdoptAccountCommand.Outcome.COMPLETED)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        dated(PurchaseRecordedEvent.class, at), org.axonframework.test.matchers.Matchers.andNoMore()));
        fixture.given(registered())
                .when(adopt(at, List.of(purchase), List.of()))
                .expectNoEvents()
                .expectException(RefusedException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("was not adopted from this account"));
    }

    @Test
    @DisplayName("An adoption begun unread adopts as an adoption does, and refuses a registration of another subject")
    void anAdoptionBegunUnreadAdoptsTheAccount() {
        java.time.Instant registeredAt = java.time.Instant.parse("2021-03-14T00:00:00Z");
        fixture.givenNoPriorActivity()
                .when(new io.lethe.core.subject.AdoptNewAccountCommand(adopt(registeredAt, List.of(), List.of())))
                .expectResultMessagePayload(io.lethe.core.subject.AdoptAccountCommand.Outcome.ADOPTED)
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        dated(AccountRegisteredEvent.class, registeredAt),
                        dated(io.lethe.core.subject.AccountAdoptedEvent.class, registeredAt),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
        assertThat(keys.begun).containsExactly(SUBJECT.toString());
        fixture.givenNoPriorActivity()
                .when(new io.lethe.core.subject.AdoptNewAccountCommand(SubjectId.random(), adopt(registeredAt, List.of(), List.of())))
                .expectNoEvents()
                .expectException(RefusedException.class);
    }

    private static final String ORIGIN = "a".repeat(64);

    private static io.lethe.core.subject.AdoptAccountCommand adopt(java.time.Instant registeredAt,
                                                                  List<io.lethe.core.subject.AdoptAccountCommand.DatedPurchase> purchases,
                                                                  List<io.lethe.core.subject.AdoptAccountCommand.DatedConsent> consents) {
        return new io.lethe.core.subject.AdoptAccountCommand(SUBJECT, ORIGIN, registeredAt,
                register("hanako@example.jp", LocalDate.of(1985, 4, 2)), List.of(), purchases, consents);
    }

    private static org.hamcrest.Matcher<org.axonframework.eventhandling.EventMessage<?>> dated(Class<?> type, java.time.Instant at) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(org.axonframework.eventhandling.EventMessage<?> event) {
                return type.isInstance(event.getPayload())
                        && at.toString().equals(event.getMetaData().get(io.lethe.core.subject.OccurredAt.KEY));
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText(type.getSimpleName() + " dated " + at);
            }
        };
    }

    private static RegisterAccountCommand register(String email, LocalDate dateOfBirth) {
        return new RegisterAccountCommand(SUBJECT, Jurisdiction.JP, "Hanako Yamada", dateOfBirth,
                "1-2-3 Shibuya, Tokyo", email, null, "0001234567");
    }

    private static AccountRegisteredEvent registered() {
        return registeredIn(Jurisdiction.JP);
    }

    private static AccountRegisteredEvent registeredIn(Jurisdiction jurisdiction) {
        return new AccountRegisteredEvent(SUBJECT, jurisdiction, "Hanako Yamada", LocalDate.of(1990, 4, 1),
                "1-2-3 Shibuya, Tokyo", "hanako@example.jp", null, "0001234567");
    }

    private static AccountTerminatedEvent terminated() {
        return new AccountTerminatedEvent(SUBJECT, TerminationReason.SUBJECT_REQUEST);
    }

    private static RecordPurchaseCommand purchase(String item, CardHint card) {
        return new RecordPurchaseCommand(SUBJECT, ORDER, item, new Money("JPY", 1200), card);
    }
}
