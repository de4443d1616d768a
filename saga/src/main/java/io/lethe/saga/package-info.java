/**
 * Process managers with persistent deadlines: retention expiry, Taiwan unrecoverable deletion,
 * erasure fan-out, breach notification and statutory request clocks. They react to events and
 * send commands, and know the other sides only through {@code core}.
 */
package io.lethe.saga;
