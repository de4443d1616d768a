/** The legal regimes Lethe enforces, and the rules that differ between them. */
package io.lethe.core.jurisdiction;
