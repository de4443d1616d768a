package io.lethe.core.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Validator of {@link NoCardNumber}. */
public class NoCardNumberValidator implements ConstraintValidator<NoCardNumber, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return !CardNumbers.containsCardNumber(value);
    }
}
