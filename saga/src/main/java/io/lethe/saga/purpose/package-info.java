/** The fan-out of a purpose change to every subject whose data is held. */
package io.lethe.saga.purpose;
