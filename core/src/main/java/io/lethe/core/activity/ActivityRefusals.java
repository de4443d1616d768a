package io.lethe.core.activity;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

/** The ways recording activity, communications and inferences can be declined. */
public final class ActivityRefusals {

    private ActivityRefusals() {
    }

    public static RefusedException activityInTheFuture() {
        return RefusedException.because("activity-in-the-future", Refusal.Kind.UNPROCESSABLE,
                "An activity's occurredAt lies in the future.");
    }

    public static RefusedException pastRollingRetention(String keptFor) {
        return RefusedException.because("activity-past-retention", Refusal.Kind.UNPROCESSABLE,
                "An activity is older than usage data is kept (its period was, or is due to be, shredded; kept "
                        + keptFor + " after each period).");
    }

    public static RefusedException inferenceAlreadyRecorded() {
        return RefusedException.because("inference-already-recorded", Refusal.Kind.CONFLICT,
                "An inference with this id is already recorded.");
    }

    public static RefusedException communicationAlreadyRecorded() {
        return RefusedException.because("communication-already-recorded", Refusal.Kind.CONFLICT,
                "A communication with this id is already recorded.");
    }

    public static RefusedException communicationWithoutContent() {
        return RefusedException.because("communication-without-content", Refusal.Kind.UNPROCESSABLE,
                "A communication needs its content or a contentReference.");
    }
}
