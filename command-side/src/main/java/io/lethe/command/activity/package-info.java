/** The endpoints through which product services report activity, communications and inferences (CCPA D, E, F). */
package io.lethe.command.activity;
