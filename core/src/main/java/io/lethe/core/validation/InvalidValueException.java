package io.lethe.core.validation;

/**
 * A value outside its allowed set. By contract its message names the rule and never repeats the
 * value, so an API may show it to the caller as it is.
 */
public class InvalidValueException extends IllegalArgumentException {

    public InvalidValueException(String message) {
        super(message);
    }
}
