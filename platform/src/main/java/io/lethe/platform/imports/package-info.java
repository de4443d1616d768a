/** The command-line form of an account import: a resuming client of the import API. */
package io.lethe.platform.imports;
