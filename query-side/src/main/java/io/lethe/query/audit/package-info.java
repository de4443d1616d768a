/** Auditors' read-only view of the event history: per subject, global, point in time, export. */
package io.lethe.query.audit;
