/** The rule tables for data-subject requests and breach notification, with the settings the statutes leave to the operator. */
package io.lethe.platform.requests;
