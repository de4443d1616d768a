/** The record of every read of a subject's personal data by staff and auditors. */
package io.lethe.query.access;
