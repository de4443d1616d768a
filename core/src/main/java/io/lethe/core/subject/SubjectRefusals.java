package io.lethe.core.subject;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

/** The ways a decision about a data subject's account can be declined. */
public final class SubjectRefusals {

    private SubjectRefusals() {
    }

    public static RefusedException notFound() {
        return RefusedException.because("subject-not-found", Refusal.Kind.NOT_FOUND,
                "No data subject with this id is known.");
    }

    public static RefusedException alreadyRegistered() {
        return RefusedException.because("subject-already-registered", Refusal.Kind.CONFLICT,
                "A data subject with this id is already registered.");
    }

    public static RefusedException accountTerminated() {
        return RefusedException.because("account-terminated", Refusal.Kind.CONFLICT,
                "The account is terminated; it accepts no new logins, purchases or changes.");
    }

    public static RefusedException socialLoginAlreadyLinked() {
        return RefusedException.because("social-login-already-linked", Refusal.Kind.CONFLICT,
                "A login of this provider is already linked to the account.");
    }

    public static RefusedException purchaseAlreadyRecorded() {
        return RefusedException.because("purchase-already-recorded", Refusal.Kind.CONFLICT,
                "A purchase with this id is already recorded.");
    }

    public static RefusedException erasureAlreadyRequested() {
        return RefusedException.because("erasure-already-requested", Refusal.Kind.CONFLICT,
                "An erasure request for this subject is already open.");
    }

    /** The same refusal the key vault makes when data of a shredded class is sealed. */
    public static RefusedException personalDataErased(io.lethe.core.personaldata.RetentionClass retentionClass) {
        return new io.lethe.core.crypto.KeyShreddedException(retentionClass);
    }

    public static RefusedException legalHoldExists() {
        return RefusedException.because("legal-hold-exists", Refusal.Kind.CONFLICT,
                "A legal hold with this id is already placed on the subject.");
    }

    public static RefusedException tooManyLegalHolds() {
        return RefusedException.because("legal-hold-limit", Refusal.Kind.CONFLICT,
                "The subject already carries " + PlaceLegalHoldCommand.MAX_HOLDS_AT_ONCE
                        + " legal holds, the most at once; release one before placing another.");
    }

    public static RefusedException tooManySocialLogins() {
        return RefusedException.because("social-login-limit", Refusal.Kind.CONFLICT,
                "The account already links " + LinkSocialLoginCommand.MAX_LINKED + " login providers, the most it links.");
    }

    public static RefusedException noSuchLegalHold() {
        return RefusedException.because("legal-hold-not-found", Refusal.Kind.NOT_FOUND,
                "No legal hold with this id is placed on the subject.");
    }

    public static RefusedException exceptionNeedsTerminatedTaiwanAccount() {
        return RefusedException.because("retention-exception-not-applicable", Refusal.Kind.UNPROCESSABLE,
                "Retention exceptions (PDPA §18) apply to terminated Taiwan accounts only.");
    }

    public static RefusedException childWithoutParentalConsent() {
        return RefusedException.because("child-without-parental-consent", Refusal.Kind.UNPROCESSABLE,
                "A child can only be registered with a parent's verifiable consent: under 13 (policy §13), "
                        + "in the EU under the member state's age of digital consent (GDPR Art. 8, 16 by default).");
    }

    public static RefusedException memberStateOutsideTheEu() {
        return RefusedException.because("member-state-outside-eu", Refusal.Kind.UNPROCESSABLE,
                "memberState is given for subjects in the EU jurisdiction only.");
    }

    public static RefusedException unknownMemberState(java.util.Set<String> known) {
        return RefusedException.because("unknown-member-state", Refusal.Kind.UNPROCESSABLE,
                "memberState must be one of " + String.join(", ", known) + ".");
    }

    public static RefusedException consentNeedsParent() {
        return RefusedException.because("consent-needs-parent", Refusal.Kind.UNPROCESSABLE,
                "Only a parent or guardian gives a parental consent, or opts a child under 13 in to sale "
                        + "or sharing (policy §13, CCPA 1798.120(c)).");
    }

    public static RefusedException consentNotGranted() {
        return RefusedException.because("consent-not-granted", Refusal.Kind.CONFLICT,
                "The subject has no standing consent of this type.");
    }

    public static RefusedException consentAlreadyGranted() {
        return RefusedException.because("consent-already-granted", Refusal.Kind.CONFLICT,
                "The subject already gave a consent of this type.");
    }

    public static RefusedException optedOutOfSaleSharing() {
        return RefusedException.because("opted-out-of-sale-sharing", Refusal.Kind.UNPROCESSABLE,
                "The subject opted out of the sale and sharing of their personal information.");
    }

    public static RefusedException minorSaleSharing() {
        return RefusedException.because("minor-sale-sharing", Refusal.Kind.UNPROCESSABLE,
                "The subject is under 16 and did not opt in (under 13: a parent did not) to sale or sharing.");
    }

    public static RefusedException foreignProvisionWithoutConsent() {
        return RefusedException.because("foreign-provision-without-consent", Refusal.Kind.UNPROCESSABLE,
                "A Japanese subject's data goes to a recipient abroad without an equivalent system only with "
                        + "their consent (APPI Art. 28), and none is recorded.");
    }

    public static RefusedException processingRestricted() {
        return RefusedException.because("processing-restricted", Refusal.Kind.UNPROCESSABLE,
                "The subject's restriction of processing (GDPR Art. 18, PDPA Art. 11) was fulfilled: their data "
                        + "is provided to no one but an authority the law requires, and sensitive data only under an exception.");
    }

    public static RefusedException provisionCeased() {
        return RefusedException.because("provision-ceased", Refusal.Kind.UNPROCESSABLE,
                "The subject's request to cease provision to third parties (APPI Art. 35(3)) was fulfilled.");
    }

    public static RefusedException objectedTo() {
        return RefusedException.because("objected-to", Refusal.Kind.UNPROCESSABLE,
                "The subject objected (GDPR Art. 21): no sale, sharing or provision for advertising.");
    }

    public static RefusedException sensitiveUseLimited() {
        return RefusedException.because("sensitive-use-limited", Refusal.Kind.UNPROCESSABLE,
                "The subject limited the use of their sensitive personal information (CCPA 1798.121) or restricted "
                        + "processing: it is recorded only under a named exception, no longer on consent.");
    }

    public static RefusedException contractReferenceRequired() {
        return RefusedException.because("contract-reference-required", Refusal.Kind.UNPROCESSABLE,
                "A contract record (contractRecord: true) names its contract in contractReference: it is kept "
                        + "one year from the last provision under that contract (APPI Enforcement Rules Art. 19(3)).");
    }

    public static RefusedException provisionAlreadyRecorded() {
        return RefusedException.because("provision-already-recorded", Refusal.Kind.CONFLICT,
                "A provision or receipt record with this id already exists for the subject.");
    }

    public static RefusedException sensitiveDataWithoutConsent() {
        return RefusedException.because("sensitive-data-without-consent", Refusal.Kind.UNPROCESSABLE,
                "Sensitive personal information is acquired only with the subject's prior consent (policy §5).");
    }

    public static RefusedException noPurposeChangeNoticeOwed() {
        return RefusedException.because("purpose-change-notice-not-owed", Refusal.Kind.NOT_FOUND,
                "The subject is owed no notification of this purpose change.");
    }

    public static RefusedException purposeChangeExists() {
        return RefusedException.because("purpose-change-exists", Refusal.Kind.CONFLICT,
                "A purpose change with this id was already announced.");
    }

    public static RefusedException parentForAnAdult() {
        return RefusedException.because("parent-for-adult", Refusal.Kind.UNPROCESSABLE,
                "A parent or guardian can act only for a minor; the subject is an adult.");
    }

    public static RefusedException adoptedFromAnotherAccount() {
        return RefusedException.because("subject-of-another-account", Refusal.Kind.CONFLICT,
                "A subject with this id exists and was not adopted from this account; nothing was added to it.");
    }

    public static RefusedException adoptionOfAnotherSubject() {
        return RefusedException.because("adoption-of-another-subject", Refusal.Kind.UNPROCESSABLE,
                "The registration of an adopted account names another subject than the command.");
    }
}
