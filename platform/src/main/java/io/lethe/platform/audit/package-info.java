/** Accountability of the history: who sent each command, carried into its events' metadata. */
package io.lethe.platform.audit;
