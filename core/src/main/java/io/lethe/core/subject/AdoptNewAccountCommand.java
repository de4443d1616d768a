package io.lethe.core.subject;

import io.lethe.core.personaldata.DataSubjectId;
import io.lethe.core.personaldata.SafeToString;
import io.lethe.core.refusal.BeginsItsStream;
import io.lethe.core.refusal.RefusedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An adoption ({@link AdoptAccountCommand}) of an account whose subject has no stream yet, as far as
 * its sender could tell: it begins the stream without reading it, as a registration does (ADR 0023).
 * Where the stream exists after all, it is refused as a registration of a registered subject, and the
 * sender adopts the account again with {@link AdoptAccountCommand}, which completes it.
 */
public record AdoptNewAccountCommand(
        @TargetAggregateIdentifier @DataSubjectId @NotNull SubjectId subjectId,
        @NotNull @Valid AdoptAccountCommand adoption) implements BeginsItsStream {

    public AdoptNewAccountCommand(AdoptAccountCommand adoption) {
        this(adoption.subjectId(), adoption);
    }

    @Override
    public RefusedException whenTheStreamExists() {
        return SubjectRefusals.alreadyRegistered();
    }

    @Override
    public String toString() {
        return SafeToString.of(this);
    }
}
