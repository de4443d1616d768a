/**
 * The data subject's account lifecycle: registration, social logins, purchases, termination and
 * erasure requests — the commands that ask for it, the events that record it and the queries
 * that read it.
 */
package io.lethe.core.subject;
