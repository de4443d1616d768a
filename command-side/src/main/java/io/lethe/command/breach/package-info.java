/** The Breach aggregate and the breach REST API for privacy staff. */
package io.lethe.command.breach;
