/**
 * The query side: projections that own their tables, the query handlers that read them and the
 * REST API for privacy staff. Reads are never served from the event store.
 */
package io.lethe.query;
