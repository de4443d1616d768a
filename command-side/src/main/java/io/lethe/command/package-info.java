/**
 * The command side: aggregates that take decisions and the REST API product services send
 * commands to. It knows the other sides only through the messages in {@code core}.
 */
package io.lethe.command;
