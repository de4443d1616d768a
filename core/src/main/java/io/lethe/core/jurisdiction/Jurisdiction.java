package io.lethe.core.jurisdiction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import io.lethe.core.validation.InvalidValueException;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a data subject resides, which decides the law that applies to them (policy §1, §16–§18).
 * The wire form is the code ({@code US-CA}), not the constant name.
 */
public enum Jurisdiction {
    /** Japan: Act on the Protection of Personal Information (APPI). */
    JP("JP", "Asia/Tokyo"),
    /** California: CCPA as amended by the CPRA. */
    US_CA("US-CA", "America/Los_Angeles"),
    /** EU member states and the EEA/EFTA states: GDPR. */
    EU("EU", "Europe/Brussels"),
    /** United Kingdom: UK GDPR. */
    UK("UK", "Europe/London"),
    /** Taiwan: Personal Data Protection Act (PDPA). */
    TW("TW", "Asia/Taipei"),
    /** Anywhere else: the policy's general sections 1–15 only. */
    OTHER("OTHER", "Asia/Tokyo");

    private final String code;
    private final ZoneId zone;

    Jurisdiction(String code, String zone) {
        this.code = code;
        this.zone = ZoneId.of(zone);
    }

    /**
     * The time zone in which the jurisdiction's day-counted deadlines run: a request received late
     * on a Friday in Tokyo is a Friday request, whatever UTC says. EU deadlines run in Brussels time;
     * {@link #OTHER} falls under the company's own law, APPI, so it runs in Tokyo.
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The language the platform writes to a person under this law, as a BCP 47 tag: Japanese in
     * Japan, Traditional Chinese in Taiwan, English elsewhere (the notices' and the privacy
     * center's languages).
     */
    public String language() {
        return switch (this) {
            case JP -> "ja";
            case TW -> "zh-TW";
            default -> "en";
        };
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Parses a wire code; the message lists the valid codes and never repeats the input. */
    @JsonCreator
    public static Jurisdiction fromCode(String code) {
        for (Jurisdiction jurisdiction : values()) {
            if (jurisdiction.code.equals(code)) {
                return jurisdiction;
            }
        }
        throw new InvalidValueException("jurisdiction must be one of " + codes());
    }

    public static String codes() {
        return Arrays.stream(values()).map(Jurisdiction::code).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return code;
    }
}
