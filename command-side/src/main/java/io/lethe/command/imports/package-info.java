/** Imports of the accounts that exist before Lethe, with their history, resumable and idempotent. */
package io.lethe.command.imports;
