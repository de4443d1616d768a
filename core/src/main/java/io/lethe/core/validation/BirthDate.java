package io.lethe.core.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A plausible date of birth: not in the future and not before {@link BirthDateValidator#EARLIEST}. */
@Documented
@Constraint(validatedBy = BirthDateValidator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface BirthDate {

    String message() default "must be a date of birth between 1900-01-01 and today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
