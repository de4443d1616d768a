/** Retention: the end of each class's retention after termination, Taiwan's deletion rule, legal holds. */
package io.lethe.saga.retention;
