/**
 * Whether this node can serve: the databases it needs (the platform's and the key vault's) watched by a
 * cheap probe, requests refused at once while one is known to be down, and the readiness that tells an
 * orchestrator so. See ADR 0014.
 */
package io.lethe.platform.health;
