/**
 * Access reports (CCPA right to know over the 12-month lookback, APPI disclosure, GDPR Art. 15) and
 * portability exports, computed from the subject's own event stream as of any moment: the event
 * store is the one copy of the personal data, so a report never reads a stale or unredacted copy.
 */
package io.lethe.query.report;
