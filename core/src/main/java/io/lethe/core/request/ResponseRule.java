package io.lethe.core.request;

import io.lethe.core.subject.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * How one jurisdiction answers one request type: the response period, the one extension the law
 * allows (if any), a receipt acknowledgement, whether identity must be verified first, and a fee.
 *
 * @param response              the period to respond, from the day of receipt
 * @param extension             the further period one extension adds to the due date; empty where the law grants none
 * @param acknowledgement       the period to confirm receipt; empty where the law asks for none
 * @param identityVerified      whether the request may only be fulfilled after the requester's identity is verified
 * @param clockStartsOnIdentity whether the response clock runs from identity verification rather than receipt
 * @param fee                   the fee owed unless waived; empty when the request is free of charge
 * @param holidays              the jurisdiction's public holidays, skipped by business-day periods
 */
public record ResponseRule(ResponsePeriod response,
                           Optional<ResponsePeriod> extension,
                           Optional<ResponsePeriod> acknowledgement,
                           boolean identityVerified,
                           boolean clockStartsOnIdentity,
                           Optional<Money> fee,
                           Set<LocalDate> holidays) {

    public ResponseRule {
        holidays = Set.copyOf(holidays);
    }

    /** The day a request received on {@code receivedOn} is due. */
    public LocalDate dueOn(LocalDate receivedOn) {
        return response.after(receivedOn, holidays);
    }

    /** The due day after the one extension. */
    public Optional<LocalDate> extendedDueOn(LocalDate dueOn) {
        return extension.map(period -> period.after(dueOn, holidays));
    }

    public Optional<LocalDate> acknowledgeBy(LocalDate receivedOn) {
        return acknowledgement.map(period -> period.after(receivedOn, holidays));
    }

    /** The instant a due day ends in the jurisdiction's zone: the clock runs out at the next midnight. */
    public static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
