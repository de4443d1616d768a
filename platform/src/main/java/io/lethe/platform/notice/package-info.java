/** The notices sent to requesters, for staff: what went out, what did not and why, and the local mailbox (ADR 0024). */
package io.lethe.platform.notice;
