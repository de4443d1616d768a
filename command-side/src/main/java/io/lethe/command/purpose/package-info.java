/** Announcements of changes to the purposes of use, and their REST API for privacy staff. */
package io.lethe.command.purpose;
