package io.lethe.core.breach;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

/** The ways a decision about a breach can be declined. */
public final class BreachRefusals {

    private BreachRefusals() {
    }

    public static RefusedException notFound() {
        return refuse("breach-not-found", Refusal.Kind.NOT_FOUND, "No breach with this id is known.");
    }

    public static RefusedException alreadyReported() {
        return refuse("breach-already-reported", Refusal.Kind.CONFLICT, "A breach with this id is already reported.");
    }

    public static RefusedException awareInTheFuture() {
        return refuse("breach-aware-in-future", Refusal.Kind.UNPROCESSABLE, "awareAt must not lie in the future.");
    }

    public static RefusedException closed() {
        return refuse("breach-closed", Refusal.Kind.CONFLICT, "The breach is closed.");
    }

    public static RefusedException noSuchDuty() {
        return refuse("breach-duty-not-found", Refusal.Kind.NOT_FOUND, "The breach has no open duty with this id.");
    }

    public static RefusedException dutiesOpen() {
        return refuse("breach-duties-open", Refusal.Kind.CONFLICT,
                "The breach cannot be closed while a notification duty is neither met nor lifted.");
    }

    public static RefusedException alreadyClarified() {
        return refuse("breach-already-clarified", Refusal.Kind.CONFLICT, "The facts of the breach were already clarified.");
    }

    public static RefusedException notYetSent() {
        return refuse("notification-in-future", Refusal.Kind.UNPROCESSABLE,
                "sentAt must not lie in the future or before awareness.");
    }

    public static RefusedException notToIndividuals() {
        return refuse("breach-duty-not-to-individuals", Refusal.Kind.UNPROCESSABLE,
                "Only a duty owed to the people affected is met by mailing them.");
    }

    public static RefusedException alreadyMailing() {
        return refuse("breach-mailing-exists", Refusal.Kind.CONFLICT, "The people affected under this duty are already being mailed.");
    }

    public static RefusedException nobodyToMail() {
        return refuse("breach-no-affected-subjects", Refusal.Kind.UNPROCESSABLE,
                "The breach was reported without its affected subjects, so there is nobody to mail; record the notification sent by other means.");
    }

    private static RefusedException refuse(String code, Refusal.Kind kind, String detail) {
        return RefusedException.because(code, kind, detail);
    }
}
