package io.lethe.core.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.LocalDate;

/** Validator of {@link BirthDate}; "today" is read from the validation context's clock. */
public class BirthDateValidator implements ConstraintValidator<BirthDate, LocalDate> {

    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

    @Override
    public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        LocalDate today = LocalDate.now(context.getClockProvider().getClock());
        return !value.isBefore(EARLIEST) && !value.isAfter(today);
    }
}
