package io.lethe.core.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The text must not contain a full payment card number (see {@link CardNumbers}). */
@Documented
@Constraint(validatedBy = NoCardNumberValidator.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
public @interface NoCardNumber {

    String message() default "must not contain a full card number; send only the expiry date and the last four digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
