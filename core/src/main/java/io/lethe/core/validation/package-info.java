/**
 * Bean Validation constraints for commands. They run before a command is dispatched and again
 * before it is handled, so bad input is refused before any event exists. Messages never quote
 * the rejected value.
 */
package io.lethe.core.validation;
