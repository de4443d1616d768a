/** The breach notification process: a deadline per duty, escalation when one passes unsent. */
package io.lethe.saga.breach;
