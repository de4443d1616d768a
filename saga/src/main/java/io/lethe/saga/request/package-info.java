/**
 * The processes that drive a data-subject request: its statutory clock (reminder before the due
 * date, escalation after it) and, for erasure requests, the fan-out to downstream processors that
 * ends in the shredding and the deletion certificate.
 */
package io.lethe.saga.request;
