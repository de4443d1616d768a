/** The breach register with each notification duty's clock, and the breach gauges. */
package io.lethe.query.breach;
