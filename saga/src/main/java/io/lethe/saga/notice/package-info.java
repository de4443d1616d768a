/**
 * The notices the law owes a requester, sent rather than only tracked (ADR 0024): queued from the
 * request's events, written from templates in the requester's language, delivered by mail with
 * retries, and recorded on the request as events.
 */
package io.lethe.saga.notice;
