/** The evidence record of deletions: what was destroyed, when, on what ground, what remains and why. */
package io.lethe.query.evidence;
