/** The {@code DataSubject} aggregate and the command endpoints of a subject's account lifecycle. */
package io.lethe.command.subject;
