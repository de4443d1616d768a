/**
 * The privacy center: public pages where people make and follow their own requests, in English,
 * Japanese or Traditional Chinese, verified by a one-time code sent to the address the platform holds
 * for them (issue #25, ADR 0025).
 */
package io.lethe.platform.privacycenter;
