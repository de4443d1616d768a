/**
 * The notices a purpose change owes: every subject registered by the announcement whose profile is
 * held is found page by page, each page one transaction and one checkpoint (ADR 0018).
 */
package io.lethe.saga.purpose;
