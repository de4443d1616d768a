/**
 * Domain refusals: why a command or query was declined, in terms an API can map to a problem
 * detail. A refusal's text never contains personal data.
 */
package io.lethe.core.refusal;
