/**
 * Consents and the opt-out of sale and sharing: what the subject agreed to, when, and by whom, and
 * what they withdrew.
 */
package io.lethe.core.consent;
