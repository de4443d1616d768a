/** Operators' controls: event processor status and projection rebuilds. */
package io.lethe.platform.ops;
