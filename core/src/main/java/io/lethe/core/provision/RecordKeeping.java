package io.lethe.core.provision;

import java.time.LocalDate;

/**
 * How long APPI provision and receipt records are kept (APPI Arts. 29(2), 30(4); PPC Enforcement
 * Rules Arts. 21 and 25): one year from the provision where a contract or service delivery to the
 * individual serves as the record, three years otherwise. These records outlive the subject's
 * erasure and are not personal data of the subject beyond its pseudonymous id.
 */
public final class RecordKeeping {

    /** Kept where the record is made as part of a contract or service delivery to the individual. */
    public static final int CONTRACT_RECORD_YEARS = 1;
    /** Kept otherwise. */
    public static final int STANDALONE_RECORD_YEARS = 3;

    private RecordKeeping() {
    }

    public static LocalDate keepUntil(LocalDate recordedOn, boolean contractRecord) {
        return recordedOn.plusYears(contractRecord ? CONTRACT_RECORD_YEARS : STANDALONE_RECORD_YEARS);
    }
}
