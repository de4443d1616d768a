/**
 * The edge where personal data is disclosed to staff and auditors ({@link io.lethe.query.access.Disclosure}),
 * the only place that opens sealed read-model values, and the access log it writes for every read.
 */
package io.lethe.query.access;
