package io.lethe.core.subject;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

/** The ways a decision about a data subject's account can be declined. */
public final class SubjectRefusals {

    private SubjectRefusals() {
    }

    public static RefusedException notFound() {
        return new RefusedException(new Refusal("subject-not-found", Refusal.Kind.NOT_FOUND,
                "No data subject with this id is known."));
    }

    public static RefusedException alreadyRegistered() {
        return new RefusedException(new Refusal("subject-already-registered", Refusal.Kind.CONFLICT,
                "A data subject with this id is already registered."));
    }

    public static RefusedException accountTerminated() {
        return new RefusedException(new Refusal("account-terminated", Refusal.Kind.CONFLICT,
                "The account is terminated; it accepts no new logins, purchases or changes."));
    }

    public static RefusedException socialLoginAlreadyLinked() {
        return new RefusedException(new Refusal("social-login-already-linked", Refusal.Kind.CONFLICT,
                "A login of this provider is already linked to the account."));
    }

    public static RefusedException purchaseAlreadyRecorded() {
        return new RefusedException(new Refusal("purchase-already-recorded", Refusal.Kind.CONFLICT,
                "A purchase with this id is already recorded."));
    }

    public static RefusedException erasureAlreadyRequested() {
        return new RefusedException(new Refusal("erasure-already-requested", Refusal.Kind.CONFLICT,
                "An erasure request for this subject is already open."));
    }

    public static RefusedException personalDataErased() {
        return new RefusedException(new Refusal("personal-data-erased", Refusal.Kind.CONFLICT,
                "This kind of the subject's personal data was erased; no new data of that kind can be recorded."));
    }

    public static RefusedException legalHoldExists() {
        return new RefusedException(new Refusal("legal-hold-exists", Refusal.Kind.CONFLICT,
                "A legal hold with this id is already placed on the subject."));
    }

    public static RefusedException noSuchLegalHold() {
        return new RefusedException(new Refusal("legal-hold-not-found", Refusal.Kind.NOT_FOUND,
                "No legal hold with this id is placed on the subject."));
    }

    public static RefusedException exceptionNeedsTerminatedTaiwanAccount() {
        return new RefusedException(new Refusal("retention-exception-not-applicable", Refusal.Kind.UNPROCESSABLE,
                "Retention exceptions (PDPA §18) apply to terminated Taiwan accounts only."));
    }
}
