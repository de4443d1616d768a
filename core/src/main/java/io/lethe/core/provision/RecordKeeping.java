package io.lethe.core.provision;

import java.time.LocalDate;

/**
 * How long APPI provision and receipt records are kept (APPI Arts. 29(2), 30(4); PPC Enforcement
 * Rules Arts. 19(3), 21, 23(3), 25): one year from the <em>last</em> provision (receipt) under
 * the contract where a contract or service delivery to the individual serves as the record, three
 * years from the provision otherwise. These records outlive the subject's
 * erasure and are not personal data of the subject beyond its pseudonymous id.
 */
public final class RecordKeeping {

    /** Kept where the record is made as part of a contract or service delivery to the individual. */
    public static final int CONTRACT_RECORD_YEARS = 1;
    /** Kept otherwise. */
    public static final int STANDALONE_RECORD_YEARS = 3;

    private RecordKeeping() {
    }

    /** @param lastOn the day of this provision, or for a contract record the last provision under its contract */
    public static LocalDate keepUntil(LocalDate lastOn, boolean contractRecord) {
        return lastOn.plusYears(contractRecord ? CONTRACT_RECORD_YEARS : STANDALONE_RECORD_YEARS);
    }
}
