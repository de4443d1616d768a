package io.lethe.core.purpose;

import io.lethe.core.refusal.Refusal;
import io.lethe.core.refusal.RefusedException;

/** Why a purpose change declines a command; codes are stable, details free of personal data. */
public final class PurposeChangeRefusals {

    public static final String PAGE_RECORDED = "purpose-change-page-recorded";
    public static final String NOTICES_COMPLETE = "purpose-change-notices-complete";

    private PurposeChangeRefusals() {
    }

    public static RefusedException pageRecorded() {
        return RefusedException.because(PAGE_RECORDED, Refusal.Kind.CONFLICT,
                "This page of the purpose change's notices was recorded before.");
    }

    public static RefusedException noticesComplete() {
        return RefusedException.because(NOTICES_COMPLETE, Refusal.Kind.CONFLICT,
                "Every subject this purpose change affects is already owed its notice.");
    }

    public static RefusedException pageOutOfOrder() {
        return RefusedException.because("purpose-change-page-out-of-order", Refusal.Kind.CONFLICT,
                "Pages of a purpose change's notices are recorded in order, from 1.");
    }
}
