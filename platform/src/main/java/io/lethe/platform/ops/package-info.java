/** Operators' controls: event processor status, projection rebuilds, and the dead-letter queues. */
package io.lethe.platform.ops;
