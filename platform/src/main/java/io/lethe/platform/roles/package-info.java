/** Which sides (command, query, saga) this process runs: {@code lethe.roles}. */
package io.lethe.platform.roles;
